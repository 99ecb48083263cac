using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Velocitas.Compiler;

/// <summary>
/// Inserts <c>Guard.Loop(line)</c> at the top of every loop body and <c>Guard.Call(line)</c> at the entry of every
/// method, constructor, accessor, operator, local function and lambda, so runaway code stops with the user's line
/// (see <see cref="Velocitas.Strategies.Hosting.Guard"/>). Each of those bodies also gets an <c>int</c> line tracker,
/// set to the user's line before every statement and loop condition, and is wrapped in
/// <c>try { ... } catch (Exception e) when (Guard.NoteLine(e, tracker)) { throw; }</c>: the filter returns false, so
/// nothing is caught, but an exception leaving the body carries the exact line even when the runtime raised it without
/// a call (optimised code maps those to an earlier statement). Iterators are not tracked (C# forbids yield in a try with
/// a catch). Inserted code never contains a line break, so every original token keeps its line: compiler messages and
/// stack traces still point at the user's lines.
/// </summary>
internal sealed class GuardInstrumenter(SemanticModel model) : CSharpSyntaxRewriter
{
    private const string Guard = "global::Velocitas.Strategies.Hosting.Guard";

    private readonly Stack<string?> _trackers = new(); // the tracker of the function being visited; null: not tracked
    private int _functions;

    public static SyntaxNode Instrument(SyntaxNode root, SemanticModel model) => new GuardInstrumenter(model).Visit(root)!;

    private static int Line(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    private static int Line(SyntaxToken token) => token.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    private static StatementSyntax LoopTick(int line) => ParseStatement($"{Guard}.Loop({line});");

    private static StatementSyntax CallTick(int line) => ParseStatement($"{Guard}.Call({line});");

    private string? Tracker => _trackers.TryPeek(out var tracker) ? tracker : null;

    // starts a function: its own tracker, or none for an iterator
    private string? Enter(SyntaxNode? body)
    {
        bool iterator = body is not null && body.DescendantNodesAndSelf(n => n == body || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .OfType<YieldStatementSyntax>().Any();
        string? tracker = iterator ? null : $"__velocitasLine{++_functions}";
        _trackers.Push(tracker);
        return tracker;
    }

    private T Visited<T>(Func<T> visit)
    {
        try { return visit(); }
        finally { _trackers.Pop(); }
    }

    // "{ int t = line; try { body } catch (Exception e) when (Guard.NoteLine(e, t)) { throw; } }"; the braces keep their trivia
    private static BlockSyntax Track(BlockSyntax block, string? tracker, int line)
    {
        if (tracker is null || block.Statements.Count <= 1) return block; // nothing but the call tick (its stop has its own line)
        var declaration = ParseStatement($"int {tracker} = {line}; ");
        string error = tracker.Replace("Line", "Error", StringComparison.Ordinal);
        var guard = (TryStatementSyntax)ParseStatement($"try {{ }} catch (global::System.Exception {error}) when ({Guard}.NoteLine({error}, {tracker})) {{ throw; }} ");
        guard = guard.WithBlock(guard.Block.WithStatements(block.Statements));
        return block.WithStatements(List([declaration, guard]));
    }

    private static StatementSyntax Store(string tracker, int line) => ParseStatement($"{tracker} = {line}; ");

    // the line to store before a statement, or null when the statement runs nothing that can fail
    private static int? StoreLine(StatementSyntax statement) => statement switch
    {
        BlockSyntax or EmptyStatementSyntax or BreakStatementSyntax or LocalFunctionStatementSyntax => null,
        ContinueStatementSyntax => EnclosingLoop(statement) is CommonForEachStatementSyntax each ? Line(each.InKeyword) : null, // next: MoveNext
        _ => Line(statement),
    };

    private static SyntaxNode? EnclosingLoop(SyntaxNode node)
    {
        for (var n = node.Parent; n is not null; n = n.Parent)
        {
            if (n is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax) return n;
            if (n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax) return null;
        }
        return null;
    }

    // stores the line before each statement of a list; the statement's leading trivia moves in front of the store
    private SyntaxList<StatementSyntax> Stamp(SyntaxList<StatementSyntax> original, SyntaxList<StatementSyntax> visited)
    {
        if (Tracker is not { } tracker) return visited;
        var stamped = new List<StatementSyntax>(visited.Count * 2);
        for (int i = 0; i < visited.Count; i++)
        {
            var statement = visited[i];
            if (StoreLine(original[i]) is { } line)
            {
                stamped.Add(Store(tracker, line).WithLeadingTrivia(statement.GetLeadingTrivia()));
                statement = statement.WithoutLeadingTrivia();
            }
            stamped.Add(statement);
        }
        return List(stamped);
    }

    // "(t = line) == line && (condition)": one store before each evaluation of a loop condition
    private ExpressionSyntax Stamp(ExpressionSyntax visited, SyntaxNode original) => Tracker is { } tracker
        ? BinaryExpression(SyntaxKind.LogicalAndExpression, ParseExpression($"({tracker} = {Line(original)}) == {Line(original)} "),
            ParenthesizedExpression(visited))
        : visited;

    public override SyntaxNode? VisitBlock(BlockSyntax node)
    {
        var v = (BlockSyntax)base.VisitBlock(node)!;
        return v.WithStatements(Stamp(node.Statements, v.Statements));
    }

    public override SyntaxNode? VisitSwitchSection(SwitchSectionSyntax node)
    {
        var v = (SwitchSectionSyntax)base.VisitSwitchSection(node)!;
        return v.WithStatements(Stamp(node.Statements, v.Statements));
    }

    // an embedded statement (the body of an if, else, loop, using...) that is not a block becomes "{ t = line; statement }"
    public override SyntaxNode? Visit(SyntaxNode? node)
    {
        var v = base.Visit(node);
        if (node is StatementSyntax statement && node.Parent is (StatementSyntax and not BlockSyntax) or ElseClauseSyntax && v is StatementSyntax visited
            && Tracker is { } tracker && StoreLine(statement) is { } line)
            return Block(Store(tracker, line).WithLeadingTrivia(visited.GetLeadingTrivia()), visited.WithoutLeadingTrivia());
        return v;
    }

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
        return v.WithCondition(Stamp(v.Condition, node.Condition)).WithStatement(Prepend(v.Statement, LoopTick(line)));
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        int line = Line(node);
        var v = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return v.WithCondition(Stamp(v.Condition, node.Condition)).WithStatement(Prepend(v.Statement, LoopTick(line)));
    }

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        int line = Line(node);
        var v = (ForStatementSyntax)base.VisitForStatement(node)!;
        if (v.Condition is { } condition) v = v.WithCondition(Stamp(condition, node.Condition!));
        return v.WithStatement(Prepend(v.Statement, LoopTick(line)));
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        int line = Line(node);
        var v = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return v.WithStatement(NextAt(Prepend(v.Statement, LoopTick(line)), node.InKeyword));
    }

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        int line = Line(node);
        var v = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
        return v.WithStatement(NextAt(Prepend(v.Statement, LoopTick(line)), node.InKeyword));
    }

    // the end of a foreach body stores the line of "in": the next MoveNext (a changed collection) fails there
    private StatementSyntax NextAt(StatementSyntax body, SyntaxToken inKeyword) => Tracker is { } tracker && body is BlockSyntax block
        ? block.WithStatements(block.Statements.Add(Store(tracker, Line(inKeyword))))
        : body;

    // a block body: ticked, then tracked; an expression body: made a block, tracked from the expression's line
    private BlockSyntax Body(BlockSyntax body, string? tracker, int line) => Track(Prepend(body, CallTick(line)), tracker, line);

    private static BlockSyntax Body(ArrowExpressionClauseSyntax arrow, SyntaxToken semicolon, bool returnsVoid, string? tracker, int line, int expressionLine) =>
        Track(ToBlock(arrow, semicolon, returnsVoid, CallTick(line)), tracker, expressionLine);

    private static int ExpressionLine(ArrowExpressionClauseSyntax? arrow) => arrow is null ? 0 : Line(arrow.Expression);

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        int line = Line(node), expressionLine = ExpressionLine(node.ExpressionBody);
        bool returnsVoid = ReturnsVoid(node);
        string? tracker = Enter((SyntaxNode?)node.Body ?? node.ExpressionBody);
        var v = Visited(() => (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!);
        if (v.Body is { } body) return v.WithBody(Body(body, tracker, line));
        if (v.ExpressionBody is { } arrow)
            return v.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Body(arrow, v.SemicolonToken, returnsVoid, tracker, line, expressionLine));
        return v;
    }

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        int line = Line(node), expressionLine = ExpressionLine(node.ExpressionBody);
        bool returnsVoid = ReturnsVoid(node);
        string? tracker = Enter((SyntaxNode?)node.Body ?? node.ExpressionBody);
        var v = Visited(() => (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!);
        if (v.Body is { } body) return v.WithBody(Body(body, tracker, line));
        if (v.ExpressionBody is { } arrow)
            return v.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Body(arrow, v.SemicolonToken, returnsVoid, tracker, line, expressionLine));
        return v;
    }

    public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node)
    {
        int line = Line(node), expressionLine = ExpressionLine(node.ExpressionBody);
        string? tracker = Enter((SyntaxNode?)node.Body ?? node.ExpressionBody);
        var v = Visited(() => (ConstructorDeclarationSyntax)base.VisitConstructorDeclaration(node)!);
        if (v.Body is { } body) return v.WithBody(Body(body, tracker, line));
        if (v.ExpressionBody is { } arrow)
            return v.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Body(arrow, v.SemicolonToken, true, tracker, line, expressionLine));
        return v;
    }

    public override SyntaxNode? VisitOperatorDeclaration(OperatorDeclarationSyntax node)
    {
        int line = Line(node), expressionLine = ExpressionLine(node.ExpressionBody);
        string? tracker = Enter((SyntaxNode?)node.Body ?? node.ExpressionBody);
        var v = Visited(() => (OperatorDeclarationSyntax)base.VisitOperatorDeclaration(node)!);
        if (v.Body is { } body) return v.WithBody(Body(body, tracker, line));
        if (v.ExpressionBody is { } arrow)
            return v.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Body(arrow, v.SemicolonToken, false, tracker, line, expressionLine));
        return v;
    }

    public override SyntaxNode? VisitConversionOperatorDeclaration(ConversionOperatorDeclarationSyntax node)
    {
        int line = Line(node), expressionLine = ExpressionLine(node.ExpressionBody);
        string? tracker = Enter((SyntaxNode?)node.Body ?? node.ExpressionBody);
        var v = Visited(() => (ConversionOperatorDeclarationSyntax)base.VisitConversionOperatorDeclaration(node)!);
        if (v.Body is { } body) return v.WithBody(Body(body, tracker, line));
        if (v.ExpressionBody is { } arrow)
            return v.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Body(arrow, v.SemicolonToken, false, tracker, line, expressionLine));
        return v;
    }

    public override SyntaxNode? VisitAccessorDeclaration(AccessorDeclarationSyntax node)
    {
        int line = Line(node), expressionLine = ExpressionLine(node.ExpressionBody);
        bool returnsVoid = !node.IsKind(SyntaxKind.GetAccessorDeclaration);
        string? tracker = Enter((SyntaxNode?)node.Body ?? node.ExpressionBody);
        var v = Visited(() => (AccessorDeclarationSyntax)base.VisitAccessorDeclaration(node)!);
        if (v.Body is { } body) return v.WithBody(Body(body, tracker, line));
        if (v.ExpressionBody is { } arrow)
            return v.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Body(arrow, v.SemicolonToken, returnsVoid, tracker, line, expressionLine));
        return v;
    }

    public override SyntaxNode? VisitPropertyDeclaration(PropertyDeclarationSyntax node)
    {
        if (node.ExpressionBody is null) return base.VisitPropertyDeclaration(node);
        int line = Line(node), expressionLine = ExpressionLine(node.ExpressionBody);
        string? tracker = Enter(node.ExpressionBody);
        var v = Visited(() => (PropertyDeclarationSyntax)base.VisitPropertyDeclaration(node)!);
        var getter = AccessorDeclaration(SyntaxKind.GetAccessorDeclaration, Body(v.ExpressionBody!, default, false, tracker, line, expressionLine));
        return v.WithExpressionBody(null).WithSemicolonToken(default)
            .WithAccessorList(AccessorList(List([getter])).WithTrailingTrivia(v.SemicolonToken.TrailingTrivia));
    }

    public override SyntaxNode? VisitIndexerDeclaration(IndexerDeclarationSyntax node)
    {
        if (node.ExpressionBody is null) return base.VisitIndexerDeclaration(node);
        int line = Line(node), expressionLine = ExpressionLine(node.ExpressionBody);
        string? tracker = Enter(node.ExpressionBody);
        var v = Visited(() => (IndexerDeclarationSyntax)base.VisitIndexerDeclaration(node)!);
        var getter = AccessorDeclaration(SyntaxKind.GetAccessorDeclaration, Body(v.ExpressionBody!, default, false, tracker, line, expressionLine));
        return v.WithExpressionBody(null).WithSemicolonToken(default)
            .WithAccessorList(AccessorList(List([getter])).WithTrailingTrivia(v.SemicolonToken.TrailingTrivia));
    }

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node) =>
        Lambda(node, () => base.VisitParenthesizedLambdaExpression(node)!);

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node) =>
        Lambda(node, () => base.VisitSimpleLambdaExpression(node)!);

    /// <summary>A lambda of either form: its block tracked, or its expression body turned into a tracked block.</summary>
    private SyntaxNode Lambda(LambdaExpressionSyntax node, Func<SyntaxNode> visitBase)
    {
        int line = Line(node);
        bool returnsVoid = ReturnsVoid(node);
        string? tracker = Enter(node.Body);
        var v = Visited(() => (LambdaExpressionSyntax)visitBase());
        if (v.Block is { } block) return v.WithBlock(Body(block, tracker, line));
        return v.ExpressionBody is { } e
            ? v.WithExpressionBody(null).WithBlock(Track(ToBlock(e, default, default, returnsVoid, CallTick(line)), tracker, Line(node.ExpressionBody!))).WithArrowToken(v.ArrowToken)
            : v;
    }

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node)
    {
        int line = Line(node);
        string? tracker = Enter(node.Block);
        var v = Visited(() => (AnonymousMethodExpressionSyntax)base.VisitAnonymousMethodExpression(node)!);
        return v.WithBlock(Body(v.Block, tracker, line));
    }
}
