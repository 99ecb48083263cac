using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Velocitas.Compiler;

/// <summary>
/// Inserts <c>Guard.Loop(line)</c> at the top of every loop body and <c>Guard.Call(line)</c> at the entry of every
/// method, constructor, accessor, operator, local function and lambda, so runaway code stops with the user's line
/// (see <see cref="Velocitas.Strategies.Hosting.Guard"/>). Inserted code never contains a line break, so every
/// original token keeps its line: compiler messages and stack traces still point at the user's lines.
/// </summary>
internal sealed class GuardInstrumenter(SemanticModel model) : CSharpSyntaxRewriter
{
    private const string Guard = "global::Velocitas.Strategies.Hosting.Guard";

    public static SyntaxNode Instrument(SyntaxNode root, SemanticModel model) => new GuardInstrumenter(model).Visit(root);

    private static int Line(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    private static StatementSyntax LoopTick(int line) => ParseStatement($"{Guard}.Loop({line});");

    private static StatementSyntax CallTick(int line) => ParseStatement($"{Guard}.Call({line});");

    private static StatementSyntax Prepend(StatementSyntax body, StatementSyntax tick) => body is BlockSyntax block
        ? block.WithStatements(block.Statements.Insert(0, tick))
        : Block(tick, body.WithoutLeadingTrivia()).WithLeadingTrivia(body.GetLeadingTrivia());

    private static BlockSyntax Prepend(BlockSyntax block, StatementSyntax tick) => block.WithStatements(block.Statements.Insert(0, tick));

    // "=> expr;" becomes "{ tick; return expr; }" (or "{ tick; expr; }" when nothing is returned), trivia kept on the braces
    private static BlockSyntax ToBlock(ArrowExpressionClauseSyntax arrow, SyntaxToken semicolon, bool returnsVoid, StatementSyntax tick) =>
        ToBlock(arrow.Expression, arrow.ArrowToken, semicolon, returnsVoid, tick);

    private static BlockSyntax ToBlock(ExpressionSyntax expression, SyntaxToken arrow, SyntaxToken semicolon, bool returnsVoid, StatementSyntax tick)
    {
        var leading = expression.GetLeadingTrivia();
        var bare = expression.WithoutLeadingTrivia();
        StatementSyntax statement = bare switch
        {
            ThrowExpressionSyntax t => ThrowStatement(t.Expression.WithLeadingTrivia(Space)),
            _ when returnsVoid => ExpressionStatement(bare),
            _ => ReturnStatement(bare.WithLeadingTrivia(Space)),
        };
        var open = Token(arrow.LeadingTrivia, SyntaxKind.OpenBraceToken, arrow.TrailingTrivia.AddRange(leading));
        var close = semicolon.IsKind(SyntaxKind.None)
            ? Token(SyntaxKind.CloseBraceToken)
            : Token(semicolon.LeadingTrivia, SyntaxKind.CloseBraceToken, semicolon.TrailingTrivia);
        return Block(open, List([tick, statement]), close);
    }

    private bool ReturnsVoid(SyntaxNode declaration) => (model.GetDeclaredSymbol(declaration) ?? model.GetSymbolInfo(declaration).Symbol) is IMethodSymbol m && m.ReturnsVoid;

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        int line = Line(node);
        var v = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        return v.WithStatement(Prepend(v.Statement, LoopTick(line)));
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        int line = Line(node);
        var v = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return v.WithStatement(Prepend(v.Statement, LoopTick(line)));
    }

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        int line = Line(node);
        var v = (ForStatementSyntax)base.VisitForStatement(node)!;
        return v.WithStatement(Prepend(v.Statement, LoopTick(line)));
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        int line = Line(node);
        var v = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return v.WithStatement(Prepend(v.Statement, LoopTick(line)));
    }

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        int line = Line(node);
        var v = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
        return v.WithStatement(Prepend(v.Statement, LoopTick(line)));
    }

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        int line = Line(node);
        bool returnsVoid = ReturnsVoid(node);
        var v = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
        if (v.Body is { } body) return v.WithBody(Prepend(body, CallTick(line)));
        if (v.ExpressionBody is { } arrow)
            return v.WithExpressionBody(null).WithSemicolonToken(default).WithBody(ToBlock(arrow, v.SemicolonToken, returnsVoid, CallTick(line)));
        return v;
    }

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        int line = Line(node);
        bool returnsVoid = ReturnsVoid(node);
        var v = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        if (v.Body is { } body) return v.WithBody(Prepend(body, CallTick(line)));
        if (v.ExpressionBody is { } arrow)
            return v.WithExpressionBody(null).WithSemicolonToken(default).WithBody(ToBlock(arrow, v.SemicolonToken, returnsVoid, CallTick(line)));
        return v;
    }

    public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node)
    {
        int line = Line(node);
        var v = (ConstructorDeclarationSyntax)base.VisitConstructorDeclaration(node)!;
        if (v.Body is { } body) return v.WithBody(Prepend(body, CallTick(line)));
        if (v.ExpressionBody is { } arrow)
            return v.WithExpressionBody(null).WithSemicolonToken(default).WithBody(ToBlock(arrow, v.SemicolonToken, true, CallTick(line)));
        return v;
    }

    public override SyntaxNode? VisitOperatorDeclaration(OperatorDeclarationSyntax node)
    {
        int line = Line(node);
        var v = (OperatorDeclarationSyntax)base.VisitOperatorDeclaration(node)!;
        if (v.Body is { } body) return v.WithBody(Prepend(body, CallTick(line)));
        if (v.ExpressionBody is { } arrow)
            return v.WithExpressionBody(null).WithSemicolonToken(default).WithBody(ToBlock(arrow, v.SemicolonToken, false, CallTick(line)));
        return v;
    }

    public override SyntaxNode? VisitConversionOperatorDeclaration(ConversionOperatorDeclarationSyntax node)
    {
        int line = Line(node);
        var v = (ConversionOperatorDeclarationSyntax)base.VisitConversionOperatorDeclaration(node)!;
        if (v.Body is { } body) return v.WithBody(Prepend(body, CallTick(line)));
        if (v.ExpressionBody is { } arrow)
            return v.WithExpressionBody(null).WithSemicolonToken(default).WithBody(ToBlock(arrow, v.SemicolonToken, false, CallTick(line)));
        return v;
    }

    public override SyntaxNode? VisitAccessorDeclaration(AccessorDeclarationSyntax node)
    {
        int line = Line(node);
        bool returnsVoid = !node.IsKind(SyntaxKind.GetAccessorDeclaration);
        var v = (AccessorDeclarationSyntax)base.VisitAccessorDeclaration(node)!;
        if (v.Body is { } body) return v.WithBody(Prepend(body, CallTick(line)));
        if (v.ExpressionBody is { } arrow)
            return v.WithExpressionBody(null).WithSemicolonToken(default).WithBody(ToBlock(arrow, v.SemicolonToken, returnsVoid, CallTick(line)));
        return v;
    }

    public override SyntaxNode? VisitPropertyDeclaration(PropertyDeclarationSyntax node)
    {
        int line = Line(node);
        var v = (PropertyDeclarationSyntax)base.VisitPropertyDeclaration(node)!;
        if (v.ExpressionBody is not { } arrow) return v;
        var getter = AccessorDeclaration(SyntaxKind.GetAccessorDeclaration, ToBlock(arrow, default, false, CallTick(line)));
        return v.WithExpressionBody(null).WithSemicolonToken(default)
            .WithAccessorList(AccessorList(List([getter])).WithTrailingTrivia(v.SemicolonToken.TrailingTrivia));
    }

    public override SyntaxNode? VisitIndexerDeclaration(IndexerDeclarationSyntax node)
    {
        int line = Line(node);
        var v = (IndexerDeclarationSyntax)base.VisitIndexerDeclaration(node)!;
        if (v.ExpressionBody is not { } arrow) return v;
        var getter = AccessorDeclaration(SyntaxKind.GetAccessorDeclaration, ToBlock(arrow, default, false, CallTick(line)));
        return v.WithExpressionBody(null).WithSemicolonToken(default)
            .WithAccessorList(AccessorList(List([getter])).WithTrailingTrivia(v.SemicolonToken.TrailingTrivia));
    }

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
    {
        int line = Line(node);
        bool returnsVoid = ReturnsVoid(node);
        var v = (ParenthesizedLambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!;
        if (v.Block is { } block) return v.WithBlock(Prepend(block, CallTick(line)));
        return v.ExpressionBody is { } e ? v.WithExpressionBody(null).WithBlock(ToBlock(e, default, default, returnsVoid, CallTick(line)))
            .WithArrowToken(v.ArrowToken) : v;
    }

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
    {
        int line = Line(node);
        bool returnsVoid = ReturnsVoid(node);
        var v = (SimpleLambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!;
        if (v.Block is { } block) return v.WithBlock(Prepend(block, CallTick(line)));
        return v.ExpressionBody is { } e ? v.WithExpressionBody(null).WithBlock(ToBlock(e, default, default, returnsVoid, CallTick(line)))
            .WithArrowToken(v.ArrowToken) : v;
    }

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node)
    {
        int line = Line(node);
        var v = (AnonymousMethodExpressionSyntax)base.VisitAnonymousMethodExpression(node)!;
        return v.WithBlock(Prepend(v.Block, CallTick(line)));
    }
}
