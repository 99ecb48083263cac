using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Emit;
using Velocitas.Engine.Strategies;

namespace Velocitas.Compiler;

/// <summary>
/// Compiles a user strategy file (one public class deriving from <c>Strategy</c>) with Roslyn, optimised: compiler
/// errors and sandbox refusals come back with file, line and column; accepted code is instrumented against runaway
/// loops and recursion and loaded into its own collectible context. <c>System</c>, <c>System.Collections.Generic</c>,
/// <c>System.Linq</c> and <c>Velocitas.Strategies</c> are imported for the user.
/// </summary>
public static class StrategyCompiler
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly SyntaxTree GlobalUsings = CSharpSyntaxTree.ParseText(
        "global using System; global using System.Collections.Generic; global using System.Linq; global using Velocitas.Strategies;",
        ParseOptions, path: "<implicit usings>", encoding: Encoding.UTF8);

    private static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        optimizationLevel: OptimizationLevel.Release,
        allowUnsafe: false,
        nullableContextOptions: NullableContextOptions.Enable,
        concurrentBuild: false,
        deterministic: true);

    private static int _versions;

    /// <summary>Compiles <paramref name="source"/>; <paramref name="file"/> is the name used in messages.</summary>
    public static CompileResult Compile(string source, string file = "Strategy.cs")
    {
        ArgumentNullException.ThrowIfNull(source);
        var clock = Stopwatch.StartNew();
        var tree = CSharpSyntaxTree.ParseText(source, ParseOptions, path: file, encoding: Encoding.UTF8);
        string assemblyName = $"user-strategy-{Interlocked.Increment(ref _versions)}-{Guid.NewGuid():N}";
        var compilation = CSharpCompilation.Create(assemblyName, [tree, GlobalUsings], StrategyReferences.All, Options);
        var model = compilation.GetSemanticModel(tree);

        var diagnostics = compilation.GetDiagnostics()
            .Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning && d.Location.SourceTree == tree)
            .Select(d => ToDiagnostic(d, file))
            .ToList();
        diagnostics.AddRange(SandboxChecker.Check(tree, model, file));
        var strategyClass = FindStrategyClass(tree, model, file, diagnostics);
        diagnostics = diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList();
        if (diagnostics.Any(d => d.IsError) || strategyClass is null) return new CompileResult(diagnostics, null, clock.Elapsed);

        // accepted: instrument (no line breaks added, so lines stay the user's), emit optimised with an embedded PDB, load
        string instrumented = GuardInstrumenter.Instrument(tree.GetRoot(), model).ToFullString();
        var guardedTree = CSharpSyntaxTree.ParseText(instrumented, ParseOptions, path: file, encoding: Encoding.UTF8);
        var guarded = compilation.ReplaceSyntaxTree(tree, guardedTree);
        using var image = new MemoryStream();
        var emitted = guarded.Emit(image, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.Embedded));
        if (!emitted.Success)
        {
            diagnostics.AddRange(emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => ToDiagnostic(d, file)));
            return new CompileResult(diagnostics, null, clock.Elapsed);
        }
        image.Position = 0;
        var context = new StrategyLoadContext(assemblyName);
        var type = context.LoadFromStream(image).GetType(strategyClass.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted)), throwOnError: true)!;
        try
        {
            var described = StrategyClass.Describe(type, guarded: true);
            return new CompileResult(diagnostics, new CompiledStrategy(context, type, described), clock.Elapsed);
        }
        catch (StrategyClassException ex)
        {
            var at = strategyClass.Locations[0].GetLineSpan().StartLinePosition;
            diagnostics.Add(new CompileDiagnostic(file, at.Line + 1, at.Character + 1, ex.Message, true, "VEL200"));
            context.Unload();
            return new CompileResult(diagnostics, null, clock.Elapsed);
        }
    }

    private static INamedTypeSymbol? FindStrategyClass(SyntaxTree tree, SemanticModel model, string file, List<CompileDiagnostic> diagnostics)
    {
        var baseType = model.Compilation.GetTypeByMetadataName("Velocitas.Strategies.Strategy");
        var candidates = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>()
            .Select(c => model.GetDeclaredSymbol(c))
            .OfType<INamedTypeSymbol>()
            .Where(t => !t.IsAbstract && t.DeclaredAccessibility == Accessibility.Public && t.ContainingType is null && Derives(t, baseType))
            .Distinct<INamedTypeSymbol>(SymbolEqualityComparer.Default)
            .ToList();
        if (candidates.Count == 1) return candidates[0];
        if (diagnostics.Any(d => d.IsError)) return null; // the class may be there but broken
        var at = candidates.Count > 1 ? candidates[1].Locations[0].GetLineSpan().StartLinePosition : default;
        diagnostics.Add(new CompileDiagnostic(file, at.Line + 1, at.Character + 1, candidates.Count == 0
            ? "A strategy file needs one public class deriving from Strategy (public sealed class MyStrategy : Strategy { ... })."
            : $"A strategy file holds exactly one public class deriving from Strategy; found {candidates.Count} ({string.Join(", ", candidates.Select(c => c.Name))}).",
            true, "VEL201"));
        return null;
    }

    private static bool Derives(INamedTypeSymbol type, INamedTypeSymbol? baseType)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
            if (SymbolEqualityComparer.Default.Equals(t, baseType)) return true;
        return false;
    }

    private static CompileDiagnostic ToDiagnostic(Diagnostic d, string file)
    {
        var pos = d.Location.GetLineSpan().StartLinePosition;
        return new CompileDiagnostic(file, pos.Line + 1, pos.Character + 1, d.GetMessage(CultureInfo.InvariantCulture), d.Severity == DiagnosticSeverity.Error, d.Id);
    }
}

/// <summary>The outcome of compiling a strategy file.</summary>
/// <param name="Diagnostics">Errors and warnings, in file order.</param>
/// <param name="Strategy">The loaded strategy when there was no error.</param>
/// <param name="Elapsed">Compile time.</param>
public sealed record CompileResult(IReadOnlyList<CompileDiagnostic> Diagnostics, CompiledStrategy? Strategy, TimeSpan Elapsed)
{
    /// <summary>True when the file compiled and passed the sandbox.</summary>
    public bool Succeeded => Strategy is not null;

    /// <summary>The errors only.</summary>
    public IEnumerable<CompileDiagnostic> Errors => Diagnostics.Where(d => d.IsError);
}
