using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;
using Velocitas.Engine.Tests.StrategyApi;
using Velocitas.Strategies;
using Candle = Velocitas.Engine.Market.Candle;

namespace Velocitas.Engine.Tests.Backtesting;

/// <summary>
/// A series held as blocks is backtested on two cores (one decides, one trades): the result must be the array run's,
/// whatever the strategy does — and a strategy that reads the account, or fails, must end as it does on one core.
/// </summary>
public class TwoCoreBacktestTests
{
    // 60,000 one-minute candles: three full stretches of 16,384 and a short one
    private static readonly Candle[] Candles = SyntheticMarket.Generate(seed: 8, startPrice: 30_000,
        new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), Timeframe.OneMinute, 60_000);

    private static readonly ExecutionSettings WithExits = new()
    {
        LotStep = 0.0001m, FeeRate = 0.001m, SlippageBps = 2, StopLossPct = 3, TakeProfitPct = 6, TrailingStopPct = 4,
    };

    public static TheoryData<string> BuiltIns() => [.. StrategyCatalog.BuiltIn.Select(s => s.Id)];

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void Every_built_in_strategy_gives_the_array_runs_result_with_and_without_exits(string id)
    {
        Assert.True(Environment.ProcessorCount > 1, "these tests need two cores to exercise the two-core run");
        foreach (var settings in new[] { TradingDefaults.Execution, WithExits })
        {
            var array = Backtester.RunSampled(Candles, StrategyCatalog.Get(id).Create(), settings);
            var blocks = Backtester.RunSampled(new Blocks(Candles), StrategyCatalog.Get(id).Create(), settings);
            AssertSame(array, blocks);
        }
    }

    [Fact]
    public void A_strategy_that_reads_the_account_and_sets_its_own_stop_gives_the_array_runs_result()
    {
        // ScalingStrategy reads Position, Cash and Equity: the two-core run stops at its first read and the run starts again on one core
        var definition = StrategyDefinition.FromClass(typeof(ScalingStrategy), "scaling", "Scaling", StrategyStyle.TrendFollowing, "Scales in and out.");
        var array = Backtester.RunSampled(Candles, definition.Create(), WithExits);
        var blocks = Backtester.RunSampled(new Blocks(Candles), definition.Create(), WithExits);

        Assert.True(array.Trades.Count > 50);
        AssertSame(array, blocks);
        Assert.Equal(array.Output.Plots["spread"], blocks.Output.Plots["spread"]);
        Assert.Equal(array.Output.Log.Select(l => l.Message), blocks.Output.Log.Select(l => l.Message));
    }

    [Fact]
    public void A_strategy_that_swallows_the_error_of_reading_the_account_still_gets_the_real_account()
    {
        var definition = StrategyDefinition.FromClass(typeof(SwallowsAccountErrors), "swallows", "Swallows", StrategyStyle.TrendFollowing, "Catches everything.");
        var array = Backtester.RunSampled(Candles, definition.Create(), TradingDefaults.Execution);
        var blocks = Backtester.RunSampled(new Blocks(Candles), definition.Create(), TradingDefaults.Execution);

        Assert.True(array.Trades.Count > 10);
        AssertSame(array, blocks);
    }

    [Fact]
    public void A_strategy_failing_in_the_third_stretch_fails_the_run_with_the_error_it_gives_on_one_core()
    {
        var definition = StrategyDefinition.FromClass(typeof(FailsAt), "fails", "Fails", StrategyStyle.TrendFollowing, "Throws at a candle.");
        var onOneCore = Assert.ThrowsAny<Exception>(() => Backtester.RunSampled(Candles, definition.Create(), TradingDefaults.Execution));
        var onTwoCores = Assert.ThrowsAny<Exception>(() => Backtester.RunSampled(new Blocks(Candles), definition.Create(), TradingDefaults.Execution));

        Assert.Equal(onOneCore.GetType(), onTwoCores.GetType());
        Assert.Equal(onOneCore.Message, onTwoCores.Message);
        Assert.Contains("40000", onTwoCores.Message + onTwoCores.InnerException?.Message);
    }

    private static void AssertSame(BacktestResult expected, BacktestResult actual)
    {
        Assert.Equal(expected.Metrics, actual.Metrics);
        Assert.Equal(expected.Trades, actual.Trades);
        Assert.Equal(expected.Equity, actual.Equity);
        Assert.Equal(expected.RejectedOrders, actual.RejectedOrders);
        Assert.Equal((expected.Candles, expected.First, expected.Last, expected.Timeframe), (actual.Candles, actual.First, actual.Last, actual.Timeframe));
    }

    /// <summary>The candles as a series that is not one array, as a big dataset's blocks are.</summary>
    private sealed class Blocks(Candle[] candles) : CandleSeries
    {
        public override int Count => candles.Length;

        public override void CopyTo(int start, Span<Candle> into) => candles.AsSpan(start, into.Length).CopyTo(into);
    }
}

/// <summary>Buys and sells on an SMA cross, but only when the account agrees; catches whatever reading it throws.</summary>
public sealed class SwallowsAccountErrors : Strategy
{
    private Series _fast = null!, _slow = null!;

    protected override void OnStart()
    {
        _fast = Sma(10);
        _slow = Sma(40);
    }

    protected override void OnCandle(Velocitas.Strategies.Candle candle)
    {
        bool isLong;
        try { isLong = Position.IsLong; }
        catch (Exception) { isLong = true; } // wrong on purpose: a run that saw this would trade differently
        if (!isLong && _fast.CrossedAbove(_slow)) Buy();
        else if (isLong && _fast.CrossedBelow(_slow)) Sell();
    }
}

/// <summary>Throws at its 40,001st candle.</summary>
public sealed class FailsAt : Strategy
{
    private int _seen;

    protected override void OnCandle(Velocitas.Strategies.Candle candle)
    {
        if (++_seen == 40_001) throw new InvalidOperationException("broken at candle 40000");
        if (_seen % 500 == 0) Buy();
        if (_seen % 500 == 250) Sell();
    }
}
