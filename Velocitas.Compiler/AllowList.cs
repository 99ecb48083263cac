using Microsoft.CodeAnalysis;

namespace Velocitas.Compiler;

/// <summary>
/// What user strategy code may touch: the strategy API, its own types, and a safe part of the BCL (primitives, math,
/// strings and formatting, dates, spans, generic collections, LINQ to objects). Everything else — files, network,
/// reflection, processes, threads, the environment, GC, interop — is refused with the symbol's name.
/// </summary>
internal static class AllowList
{
    private static readonly HashSet<string> SystemTypes =
    [
        "Object", "String", "Boolean", "Char", "Byte", "SByte", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64", "Int128", "UInt128",
        "Half", "Single", "Double", "Decimal", "Void", "ValueType", "Enum", "Array", "Nullable`1", "Math", "MathF", "Convert", "BitConverter",
        "DateTime", "DateTimeOffset", "TimeSpan", "DayOfWeek", "DateTimeKind", "DateOnly", "TimeOnly", "Span`1", "ReadOnlySpan`1", "Index", "Range",
        "MemoryExtensions", "IComparable", "IComparable`1", "IEquatable`1", "IFormattable", "IFormatProvider", "ISpanFormattable", "IDisposable",
        "StringComparison", "StringComparer", "StringSplitOptions", "MidpointRounding", "Random", "HashCode", "FormattableString",
        "Func`1", "Func`2", "Func`3", "Func`4", "Func`5", "Func`6", "Action", "Action`1", "Action`2", "Action`3", "Action`4", "Predicate`1", "Comparison`1", "Converter`2",
        "Tuple`1", "Tuple`2", "Tuple`3", "Tuple`4", "ValueTuple", "ValueTuple`1", "ValueTuple`2", "ValueTuple`3", "ValueTuple`4", "ValueTuple`5", "ValueTuple`6", "ValueTuple`7", "ValueTuple`8",
        "Exception", "ArgumentException", "ArgumentNullException", "ArgumentOutOfRangeException", "InvalidOperationException", "NotSupportedException",
        "ArithmeticException", "DivideByZeroException", "OverflowException", "IndexOutOfRangeException", "FormatException",
    ];

    private static readonly Dictionary<string, HashSet<string>?> Namespaces = new()
    {
        ["Velocitas.Strategies"] = null, // every public type of the strategy API
        ["System.Collections.Generic"] = null,
        ["System.Linq"] = ["Enumerable", "IGrouping`2", "ILookup`2", "IOrderedEnumerable`1", "Lookup`2"],
        ["System.Text"] = ["StringBuilder"],
        ["System.Globalization"] = ["CultureInfo", "NumberStyles", "NumberFormatInfo"],
        ["System.Runtime.CompilerServices"] = ["DefaultInterpolatedStringHandler", "IsExternalInit", "NullableAttribute", "NullableContextAttribute"],
        ["System"] = SystemTypes,
    };

    /// <summary>Null when code may use <paramref name="symbol"/>, else why not.</summary>
    public static string? Refusal(ISymbol? symbol, IAssemblySymbol own)
    {
        switch (symbol)
        {
            case null:
                return null;
            case INamespaceSymbol ns:
                if (ns.IsGlobalNamespace || ns.Locations.Any(l => l.IsInSource)) return null;
                string name = ns.ToDisplayString();
                return Namespaces.Keys.Any(n => n == name || n.StartsWith(name + ".", StringComparison.Ordinal))
                    ? null
                    : $"{name} is not available to strategies";
            case ITypeSymbol type:
                return TypeRefusal(type, own);
            case IMethodSymbol method:
                method = method.ReducedFrom ?? method;
                if (method.MethodKind is MethodKind.AnonymousFunction or MethodKind.LocalFunction) return SignatureRefusal(method, own);
                return MemberRefusal(method, own) ?? SignatureRefusal(method, own);
            case IPropertySymbol property:
                return MemberRefusal(property, own) ?? TypeRefusal(property.Type, own, property) ?? property.Parameters.Select(p => TypeRefusal(p.Type, own, property)).FirstOrDefault(r => r is not null);
            case IFieldSymbol field:
                return MemberRefusal(field, own) ?? TypeRefusal(field.Type, own, field);
            case IEventSymbol e:
                return MemberRefusal(e, own) ?? TypeRefusal(e.Type, own, e);
            case ILocalSymbol local:
                return TypeRefusal(local.Type, own);
            case IParameterSymbol parameter:
                return TypeRefusal(parameter.Type, own);
            case IAliasSymbol alias:
                return Refusal(alias.Target, own);
            default:
                return null;
        }
    }

    private static string? MemberRefusal(ISymbol member, IAssemblySymbol own)
    {
        if (SymbolEqualityComparer.Default.Equals(member.ContainingAssembly, own)) return null;
        return member.ContainingType is { } t ? TypeRefusal(t, own) : null;
    }

    private static string? SignatureRefusal(IMethodSymbol method, IAssemblySymbol own)
    {
        if (TypeRefusal(method.ReturnType, own, method) is { } r) return r;
        foreach (var p in method.Parameters)
            if (TypeRefusal(p.Type, own, method) is { } pr) return pr;
        foreach (var a in method.TypeArguments)
            if (TypeRefusal(a, own, method) is { } ar) return ar;
        return null;
    }

    private static string? TypeRefusal(ITypeSymbol type, IAssemblySymbol own, ISymbol? usedBy = null)
    {
        string? refusal = TypeRefusal(type, own);
        return refusal is null || usedBy is null ? refusal : $"{usedBy.ToDisplayString()} uses {type.ToDisplayString()}, which is not available to strategies";
    }

    private static string? TypeRefusal(ITypeSymbol type, IAssemblySymbol own)
    {
        switch (type)
        {
            case IDynamicTypeSymbol:
                return "dynamic is not available to strategies";
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return "pointers are not available to strategies";
            case IArrayTypeSymbol array:
                return TypeRefusal(array.ElementType, own);
            case ITypeParameterSymbol:
                return null;
            case INamedTypeSymbol named:
                foreach (var argument in named.TypeArguments)
                    if (TypeRefusal(argument, own) is { } r) return r;
                if (SymbolEqualityComparer.Default.Equals(named.ContainingAssembly, own)) return null;
                if (named.ContainingType is { } outer) return TypeRefusal(outer.OriginalDefinition, own);
                string ns = named.ContainingNamespace?.ToDisplayString() ?? "";
                return Namespaces.TryGetValue(ns, out var names) && (names is null || names.Contains(named.MetadataName))
                    ? null
                    : $"{named.OriginalDefinition.ToDisplayString()} is not available to strategies";
            default:
                return $"{type.ToDisplayString()} is not available to strategies";
        }
    }
}
