using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Velocitas.Compiler;

/// <summary>
/// Refuses, before anything runs, code that could reach outside its strategy: every symbol touched is checked against
/// the <see cref="AllowList"/> on the semantic model, and a few constructs are refused on the syntax (unsafe code,
/// extern methods, function pointers, stackalloc, goto, lock, async, finalizers, attributes other than [Parameter],
/// catching every exception, finally blocks that never finish, static mutable state). Each refusal has the user's line, column and the symbol's name.
/// </summary>
internal static class SandboxChecker
{
    public static List<CompileDiagnostic> Check(SyntaxTree tree, SemanticModel model, string file)
    {
        var found = new List<CompileDiagnostic>();
        var refused = new List<Microsoft.CodeAnalysis.Text.TextSpan>(); // one refusal per construct: the outermost, reported first, says it best
        var own = model.Compilation.Assembly;

        void Refuse(SyntaxNode node, string code, string message) => RefuseAtLocation(node.GetLocation(), code, message);
        void RefuseAt(SyntaxToken token, string code, string message) => RefuseAtLocation(token.GetLocation(), code, message);
        void RefuseAtLocation(Location location, string code, string message)
        {
            var pos = location.GetLineSpan().StartLinePosition;
            if (refused.Any(r => r.Contains(location.SourceSpan))) return;
            refused.Add(location.SourceSpan);
                found.Add(new CompileDiagnostic(file, pos.Line + 1, pos.Character + 1, message + ".", true, code));
        }

        var root = tree.GetRoot();
        foreach (var token in root.DescendantTokens())
        {
            switch (token.Kind())
            {
                case SyntaxKind.UnsafeKeyword: RefuseAt(token, "VEL001", "unsafe code is not allowed in a strategy"); break;
                case SyntaxKind.ExternKeyword: RefuseAt(token, "VEL002", "extern (native) code is not allowed in a strategy"); break;
                case SyntaxKind.AsyncKeyword when token.Parent is MethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax:
                    RefuseAt(token, "VEL003", "async code is not allowed in a strategy (it decides synchronously at each candle)"); break;
                case SyntaxKind.ArgListKeyword or SyntaxKind.MakeRefKeyword or SyntaxKind.RefTypeKeyword or SyntaxKind.RefValueKeyword:
                    RefuseAt(token, "VEL004", $"{token.Text} is not allowed in a strategy"); break;
            }
        }

        foreach (var node in root.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case PointerTypeSyntax or FunctionPointerTypeSyntax:
                    Refuse(node, "VEL001", "pointers are not allowed in a strategy"); continue;
                case FixedStatementSyntax:
                    Refuse(node, "VEL001", "fixed is not allowed in a strategy"); continue;
                case StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax:
                    Refuse(node, "VEL005", "stackalloc is not allowed in a strategy (use an array or a List)"); continue;
                case GotoStatementSyntax:
                    Refuse(node, "VEL006", "goto is not allowed in a strategy (write a loop)"); continue;
                case LockStatementSyntax:
                    Refuse(node, "VEL007", "lock is not allowed in a strategy (each strategy runs on one thread)"); continue;
                case DestructorDeclarationSyntax:
                    Refuse(node, "VEL008", "finalizers are not allowed in a strategy"); continue;
                case AwaitExpressionSyntax:
                    Refuse(node, "VEL003", "await is not allowed in a strategy"); continue;
                case GlobalStatementSyntax:
                    Refuse(node, "VEL009", "a strategy file declares a class; statements outside a class are not allowed"); continue;
                case ExternAliasDirectiveSyntax:
                    Refuse(node, "VEL002", "extern alias is not allowed in a strategy"); continue;
                case AttributeSyntax attribute:
                    var attributeType = model.GetTypeInfo(attribute).Type ?? (model.GetSymbolInfo(attribute).Symbol as IMethodSymbol)?.ContainingType;
                    if (attributeType?.ToDisplayString() != "Velocitas.Strategies.ParameterAttribute")
                        Refuse(node, "VEL010", $"the attribute {attribute.Name} is not allowed in a strategy (only [Parameter])");
                    continue;
                case CatchClauseSyntax { Declaration: null }:
                    Refuse(node, "VEL011", "catch every exception is not allowed; catch a specific one (ArgumentException, InvalidOperationException...)"); continue;
                case CatchDeclarationSyntax declaration:
                    var caught = model.GetTypeInfo(declaration.Type).Type?.ToDisplayString();
                    if (caught is "System.Exception" or "System.SystemException" or "object")
                        Refuse(node, "VEL011", $"catching {caught} is not allowed; catch a specific exception (ArgumentException, InvalidOperationException...)");
                    break;
                case FieldDeclarationSyntax field when field.Modifiers.Any(SyntaxKind.StaticKeyword) && !field.Modifiers.Any(SyntaxKind.ConstKeyword):
                    Refuse(node, "VEL012", "static fields are not allowed: optimisations run many copies of a strategy at once; keep state in instance fields (const is fine)"); continue;
                case PropertyDeclarationSyntax property when property.Modifiers.Any(SyntaxKind.StaticKeyword)
                    && property.AccessorList?.Accessors.Any(a => a.Body is null && a.ExpressionBody is null) == true:
                    Refuse(node, "VEL012", "static auto-properties are not allowed: optimisations run many copies of a strategy at once; keep state in instance members"); continue;
                case FinallyClauseSyntax final when final.Block.Statements.Count > 0 && model.AnalyzeControlFlow(final.Block) is { Succeeded: true, EndPointIsReachable: false }:
                    // a finally that can never finish is refused: the runtime cannot unwind through it when the guard stops the code
                    Refuse(node, "VEL014", "a finally block must be able to finish (this one never ends)"); continue;
                case TypeOfExpressionSyntax:
                    Refuse(node, "VEL013", "typeof (reflection) is not available to strategies"); continue;
            }

            var info = model.GetSymbolInfo(node);
            var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
            if (AllowList.Refusal(symbol, own) is { } refusal) Refuse(node, "VEL100", refusal);
            if (node is ExpressionSyntax expression)
            {
                var type = model.GetTypeInfo(expression);
                if (AllowList.Refusal(type.Type, own) is { } t) Refuse(node, "VEL100", t);
                else if (AllowList.Refusal(type.ConvertedType, own) is { } c) Refuse(node, "VEL100", c);
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
            if (!name.IsKind(SyntaxKind.None) && model.GetDeclaredSymbol(node) is { } declared && AllowList.Refusal(declared, own) is { } d)
                RefuseAt(name, "VEL100", d); // at the name, so a refusal inside the initializer is still reported
        }
        return found;
    }
}
