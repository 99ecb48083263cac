using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Optimization;
using Velocitas.Engine.Strategies;
using Velocitas.Strategies.Hosting;

namespace Velocitas.Compiler.Tests;

public class CompiledStrategyTests
{
    private static readonly ExecutionSettings Settings = new() { FeeRate = 0.001m, LotStep = 0.0001m, SlippageBps = 2, StopLossPct = 8 };

    public static TheoryData<string> BuiltIns => new(StrategyTemplates.Ids);

    [Theory, MemberData(nameof(BuiltIns))]
    public void Each_built_in_written_as_a_user_file_gives_exactly_the_built_ins_trades(string id)
    {
        var compiled = Sources.CompileOrFail(StrategyTemplates.Source(id), id + ".cs");
        var builtIn = StrategyCatalog.Get(id);
        var user = compiled.Define("user-" + id, "User " + id, builtIn.Style, builtIn.Description);
        Assert.Equal(builtIn.Parameters, user.Parameters);

        var candles = Sources.Synthetic(4000, seed: 17);
        var expected = Backtester.Run(candles, builtIn.Create(), Settings, Timeframe.OneHour);
        var actual = Backtester.Run(candles, user.Create(), Settings, Timeframe.OneHour);

        Assert.NotEmpty(expected.Trades);
        Assert.Equal(expected.Trades, actual.Trades);
        Assert.Equal(expected.Metrics, actual.Metrics);
    }

    [Fact]
    public void The_issues_example_compiles_with_its_parameters_and_trades_as_the_built_in_sma_crossover()
    {
        var compiled = Sources.CompileOrFail(Sources.SmaCross, "SmaCross.cs");
        Assert.Equal("SmaCross", compiled.ClassName);
        Assert.Equal([new ParameterSpec("fast", "Fast", 10, 2, 200, 1, true, "Fast."), new ParameterSpec("slow", "Slow", 30, 3, 500, 1, true, "Slow.")], compiled.Parameters);

        var definition = compiled.Define("sma-cross", "SmaCross", StrategyStyle.TrendFollowing, "Issue example.");
        var candles = Sources.Synthetic(3000, seed: 3);
        var parameters = new Dictionary<string, double> { ["fast"] = 8, ["slow"] = 40 };
        Assert.Equal(Backtester.Run(candles, SmaCrossoverStrategy.CatalogEntry.Create(parameters), Settings).Trades,
            Backtester.Run(candles, definition.Create(parameters), Settings).Trades);
    }

    [Fact]
    public void A_user_strategy_gives_the_same_results_in_an_optimisation_as_in_single_backtests()
    {
        var definition = Sources.CompileOrFail(StrategyTemplates.Source("macd")).Define("my-macd", "My MACD", StrategyStyle.TrendFollowing, "x");
        var candles = Sources.Synthetic(2500, seed: 5);
        var result = Optimizer.Run(new OptimizationRequest
        {
            Data = [new OptimizationData("synthetic", "BTCUSDT", candles, Timeframe.OneHour)],
            Strategies = [new StrategySearch(definition, new Dictionary<string, ParameterRange> { ["fast"] = ParameterRange.Parse("8,12", "fast"), ["signal"] = ParameterRange.Parse("5,9", "signal") })],
            Settings = Settings,
            MinTrades = 1,
        });
        Assert.Equal(4, result.Combinations.Count);
        foreach (var c in result.Combinations)
            Assert.Equal(Backtester.Run(candles, definition.Create(c.Parameters), Settings, Timeframe.OneHour).Metrics, c.InSample);
    }

    [Fact]
    public void Compile_errors_come_back_with_line_column_and_the_compilers_message()
    {
        var result = StrategyCompiler.Compile(Sources.InOnCandle("if (_fast.CrossedAbove(1)) Buy();"), "Broken.cs");
        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal((6, 13, "CS0103"), (error.Line, error.Column, error.Code));
        Assert.Equal("Broken.cs:6:13: The name '_fast' does not exist in the current context", error.ToString());
    }

    [Fact]
    public void A_file_without_a_strategy_class_says_what_it_needs()
    {
        var result = StrategyCompiler.Compile("public sealed class NotAStrategy { }", "Empty.cs");
        Assert.Equal("A strategy file needs one public class deriving from Strategy (public sealed class MyStrategy : Strategy { ... }).", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void An_endless_loop_stops_with_the_users_line()
    {
        var definition = Sources.CompileOrFail(Sources.InOnCandle("while (Candles.Count > 0) { }")).Define("loop", "Loop", StrategyStyle.Momentum, "x");
        var fault = Assert.Throws<StrategyFaultException>(() => Backtester.Run(Sources.Synthetic(10, 1), definition.Create(), Settings));
        Assert.Equal(6, fault.Line);
        Assert.StartsWith("line 6: this loop ran longer than 1 s in one call", fault.Message);
    }

    [Fact]
    public void A_loop_that_catches_the_stop_in_a_finally_still_stops()
    {
        var definition = Sources.CompileOrFail(Sources.InOnCandle("try { while (true) { } } finally { while (Candles.Count > 0) { } }")).Define("loop", "Loop", StrategyStyle.Momentum, "x");
        var fault = Assert.Throws<StrategyFaultException>(() => Backtester.Run(Sources.Synthetic(10, 1), definition.Create(), Settings));
        Assert.Equal(6, fault.Line);
    }

    [Fact]
    public void Runaway_recursion_stops_with_the_users_line_instead_of_crashing_the_process()
    {
        var definition = Sources.CompileOrFail(Sources.AsMember("""
            private int Down(int n) => Down(n + 1) + 1;
            protected override void OnStart() => Log(Down(0).ToString());
            """)).Define("deep", "Deep", StrategyStyle.Momentum, "x");
        var fault = Assert.Throws<StrategyFaultException>(() => definition.Create());
        Assert.Equal(6, fault.Line);
        Assert.Contains("runaway recursion", fault.Message);
    }

    [Fact]
    public void An_exception_in_user_code_reports_the_users_line()
    {
        var definition = Sources.CompileOrFail(Sources.InOnCandle("var window = new double[3]; Plot(\"x\", window[Candles.Count]);")).Define("oops", "Oops", StrategyStyle.Momentum, "x");
        var fault = Assert.Throws<StrategyFaultException>(() => Backtester.Run(Sources.Synthetic(10, 1), definition.Create(), Settings));
        Assert.Equal(6, fault.Line);
        Assert.StartsWith("line 6: IndexOutOfRangeException: Index was outside the bounds of the array. (OnCandle at 2024-01-01 02:00Z)", fault.Message);
    }

    [Fact]
    public void Lines_after_instrumented_expression_bodies_and_lambdas_keep_their_numbers()
    {
        var definition = Sources.CompileOrFail("""
            using Velocitas.Strategies;
            public sealed class Lines : Strategy
            {
                private double Half(double x) =>
                    x / 2;
                private Func<int, int> _twice = x
                    => x * 2;
                protected override void OnCandle(Candle candle)
                {
                    for (int i = 0; i < 2; i++)
                        Plot("half", Half(_twice(i)));
                    var list = new List<int>();
                    Log(list[5].ToString());
                }
            }
            """).Define("lines", "Lines", StrategyStyle.Momentum, "x");
        var fault = Assert.Throws<StrategyFaultException>(() => Backtester.Run(Sources.Synthetic(3, 1), definition.Create(), Settings));
        Assert.Equal(13, fault.Line);
    }
}
