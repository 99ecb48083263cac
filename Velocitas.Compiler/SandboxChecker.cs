using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Velocitas.Compiler;

/// <summary>
/// Refuses, before anything runs, code that could reach outside its strategy: every symbol touched is checked against
/// the <see cref="AllowList"/> on the semantic model, and a few constructs are refused on the syntax (unsafe code,
/// extern methods, function pointers, stackalloc, goto, lock, async, finalizers, attributes other than [Parameter],
/// catching every exception, finally blocks that never finish, static mutable state). Each refusal has the user's line, column and the symbol's name.
/// </summary>
internal sealed class SandboxChecker
{
    private readonly SemanticModel _model;
    private readonly IAssemblySymbol _own;
    private readonly string _file;
    private readonly List<CompileDiagnostic> _found = [];
    private readonly List<TextSpan> _refused = []; // one refusal per construct: the outermost, reported first, says it best

    private SandboxChecker(SemanticModel model, string file)
    {
        _model = model;
        _own = model.Compilation.Assembly;
        _file = file;
    }

    /// <summary>Every refusal in <paramref name="tree"/>, in the order of the code.</summary>
    public static List<CompileDiagnostic> Check(SyntaxTree tree, SemanticModel model, string file)
    {
        var checker = new SandboxChecker(model, file);
        var root = tree.GetRoot();
        foreach (var token in root.DescendantTokens()) checker.CheckKeyword(token);
        foreach (var node in root.DescendantNodesAndSelf())
            if (!checker.RefusedConstruct(node)) checker.CheckSymbols(node);
        return checker._found;
    }

    private void Refuse(SyntaxNode node, string code, string message) => Refuse(node.GetLocation(), code, message);

    private void Refuse(SyntaxToken token, string code, string message) => Refuse(token.GetLocation(), code, message);

    private void Refuse(Location location, string code, string message)
    {
        var pos = location.GetLineSpan().StartLinePosition;
        if (_refused.Any(r => r.Contains(location.SourceSpan))) return;
        _refused.Add(location.SourceSpan);
        _found.Add(new CompileDiagnostic(_file, pos.Line + 1, pos.Character + 1, message + ".", true, code));
    }

    /// <summary>Keywords no strategy needs: unsafe, extern, async, the undocumented argument keywords.</summary>
    private void CheckKeyword(SyntaxToken token)
    {
        switch (token.Kind())
        {
            case SyntaxKind.UnsafeKeyword: Refuse(token, "VEL001", "unsafe code is not allowed in a strategy"); break;
            case SyntaxKind.ExternKeyword: Refuse(token, "VEL002", "extern (native) code is not allowed in a strategy"); break;
            case SyntaxKind.AsyncKeyword when token.Parent is MethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax:
                Refuse(token, "VEL003", "async code is not allowed in a strategy (it decides synchronously at each candle)"); break;
            case SyntaxKind.ArgListKeyword or SyntaxKind.MakeRefKeyword or SyntaxKind.RefTypeKeyword or SyntaxKind.RefValueKeyword:
                Refuse(token, "VEL004", $"{token.Text} is not allowed in a strategy"); break;
        }
    }

    /// <summary>Refuses a construct that is not allowed whatever it touches; true when the node needs no symbol check after that.</summary>
    private bool RefusedConstruct(SyntaxNode node)
    {
        switch (node)
        {
            case PointerTypeSyntax or FunctionPointerTypeSyntax:
                Refuse(node, "VEL001", "pointers are not allowed in a strategy"); return true;
            case FixedStatementSyntax:
                Refuse(node, "VEL001", "fixed is not allowed in a strategy"); return true;
            case StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax:
                Refuse(node, "VEL005", "stackalloc is not allowed in a strategy (use an array or a List)"); return true;
            case GotoStatementSyntax:
                Refuse(node, "VEL006", "goto is not allowed in a strategy (write a loop)"); return true;
            case LockStatementSyntax:
                Refuse(node, "VEL007", "lock is not allowed in a strategy (each strategy runs on one thread)"); return true;
            case DestructorDeclarationSyntax:
                Refuse(node, "VEL008", "finalizers are not allowed in a strategy"); return true;
            case AwaitExpressionSyntax:
                Refuse(node, "VEL003", "await is not allowed in a strategy"); return true;
            case GlobalStatementSyntax:
                Refuse(node, "VEL009", "a strategy file declares a class; statements outside a class are not allowed"); return true;
            case ExternAliasDirectiveSyntax:
                Refuse(node, "VEL002", "extern alias is not allowed in a strategy"); return true;
            case AttributeSyntax attribute:
                var attributeType = _model.GetTypeInfo(attribute).Type ?? (_model.GetSymbolInfo(attribute).Symbol as IMethodSymbol)?.ContainingType;
                if (attributeType?.ToDisplayString() != "Velocitas.Strategies.ParameterAttribute")
                    Refuse(node, "VEL010", $"the attribute {attribute.Name} is not allowed in a strategy (only [Parameter])");
                return true;
            case CatchClauseSyntax { Declaration: null }:
                Refuse(node, "VEL011", "catch every exception is not allowed; catch a specific one (ArgumentException, InvalidOperationException...)"); return true;
            case CatchDeclarationSyntax declaration:
                var caught = _model.GetTypeInfo(declaration.Type).Type?.ToDisplayString();
                if (caught is "System.Exception" or "System.SystemException" or "object")
                    Refuse(node, "VEL011", $"catching {caught} is not allowed; catch a specific exception (ArgumentException, InvalidOperationException...)");
                return false;
            case FieldDeclarationSyntax field when field.Modifiers.Any(SyntaxKind.StaticKeyword) && !field.Modifiers.Any(SyntaxKind.ConstKeyword):
                Refuse(node, "VEL012", "static fields are not allowed: optimisations run many copies of a strategy at once; keep state in instance fields (const is fine)"); return true;
            case PropertyDeclarationSyntax property when property.Modifiers.Any(SyntaxKind.StaticKeyword)
                && property.AccessorList?.Accessors.Any(a => a.Body is null && a.ExpressionBody is null) == true:
                Refuse(node, "VEL012", "static auto-properties are not allowed: optimisations run many copies of a strategy at once; keep state in instance members"); return true;
            case FinallyClauseSyntax final when final.Block.Statements.Count > 0 && _model.AnalyzeControlFlow(final.Block) is { Succeeded: true, EndPointIsReachable: false }:
                // a finally that can never finish is refused: the runtime cannot unwind through it when the guard stops the code
                Refuse(node, "VEL014", "a finally block must be able to finish (this one never ends)"); return true;
            case TypeOfExpressionSyntax:
                Refuse(node, "VEL013", "typeof (reflection) is not available to strategies"); return true;
            default:
                return false;
        }
    }

    /// <summary>The symbols a node uses, the types of its value and what it declares, against the <see cref="AllowList"/>.</summary>
    private void CheckSymbols(SyntaxNode node)
    {
        var info = _model.GetSymbolInfo(node);
        var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
        if (AllowList.Refusal(symbol, _own) is { } refusal) Refuse(node, "VEL100", refusal);
        if (node is ExpressionSyntax expression)
        {
            var type = _model.GetTypeInfo(expression);
            if (AllowList.Refusal(type.Type, _own) is { } t) Refuse(node, "VEL100", t);
            else if (AllowList.Refusal(type.ConvertedType, _own) is { } c) Refuse(node, "VEL100", c);
        }
        var name = node switch
        {
            VariableDeclaratorSyntax v => v.Identifier,
            ParameterSyntax p => p.Identifier,
            SingleVariableDesignationSyntax v => v.Identifier,
            PropertyDeclarationSyntax p => p.Identifier,
            ForEachStatementSyntax f => f.Identifier,
            _ => default,
        };
        if (!name.IsKind(SyntaxKind.None) && _model.GetDeclaredSymbol(node) is { } declared && AllowList.Refusal(declared, _own) is { } d)
            Refuse(name, "VEL100", d); // at the name, so a refusal inside the initializer is still reported
    }
}
