using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Indicators;
using Velocitas.Engine.Market;
using Velocitas.Engine.Optimization;
using Velocitas.Engine.Strategies;
using Velocitas.Strategies;
using Velocitas.Strategies.Hosting;
using Candle = Velocitas.Engine.Market.Candle;

namespace Velocitas.Engine.Tests.StrategyApi;

public class StrategyApiTests
{
    private static readonly StrategyDefinition Probe = StrategyDefinition.FromClass(typeof(EveryIndicatorProbe), "probe", "Probe", StrategyStyle.TrendFollowing, "All indicators.");
    private static readonly StrategyDefinition Scaling = StrategyDefinition.FromClass(typeof(ScalingStrategy), "scaling", "Scaling", StrategyStyle.TrendFollowing, "Scales in and out.");

    private static IReadOnlyList<double[]> Record(Candle[] candles, Velocitas.Strategies.Hosting.IIndicatorProvider? indicators = null)
    {
        var runner = (StrategyRunner)Probe.Create(null, indicators);
        foreach (var c in candles) runner.OnCandle(c);
        return ((EveryIndicatorProbe)runner.Host.Strategy).Recorded;
    }

    [Fact]
    public void Every_indicator_factory_gives_the_engine_indicators_values()
    {
        var candles = TestCandles.Synthetic(400, seed: 4);
        var rows = Record(candles);

        var sma = new Sma(20); var ema = new Ema(20); var rsi = new Rsi(14); var roc = new Roc(10); var atr = new Atr(14);
        var macd = new Macd(12, 26, 9); var bb = new BollingerBands(20, 2); var adx = new Adx(14); var st = new Stochastic(14, 3, 3); var dc = new Donchian(20);
        for (int i = 0; i < candles.Length; i++)
        {
            var c = candles[i];
            double close = (double)c.Close;
            sma.Update(close); ema.Update(close); rsi.Update(close); roc.Update(close); atr.Update(c); macd.Update(close); bb.Update(close); adx.Update(c); st.Update(c); dc.Update(c);
            double highest = i < 4 ? double.NaN : candles[(i - 4)..(i + 1)].Max(x => (double)x.High);
            double lowest = i < 4 ? double.NaN : candles[(i - 4)..(i + 1)].Min(x => (double)x.Low);
            double[] expected =
            [
                sma.Current, ema.Current, rsi.Current, roc.Current, atr.Value ?? double.NaN, highest, lowest, macd.Line ?? double.NaN, macd.Signal ?? double.NaN, macd.Histogram ?? double.NaN,
                bb.Upper ?? double.NaN, bb.Middle ?? double.NaN, bb.Lower ?? double.NaN, bb.PercentB ?? double.NaN, bb.Width ?? double.NaN, adx.Value ?? double.NaN, adx.PlusDi ?? double.NaN, adx.MinusDi ?? double.NaN,
                st.K ?? double.NaN, st.D ?? double.NaN, dc.Upper ?? double.NaN, dc.Lower ?? double.NaN, dc.Middle ?? double.NaN,
            ];
            Assert.Equal(expected, rows[i]);
        }
        Assert.All(rows[^1], v => Assert.False(double.IsNaN(v)));
    }

    [Fact]
    public void Shared_precomputed_series_give_exactly_the_streamed_values()
    {
        var candles = TestCandles.Synthetic(1500, seed: 8);
        Assert.Equal(Record(candles), Record(candles, new SharedIndicatorSeries(candles)));
    }

    [Fact]
    public void Warm_up_is_worked_out_from_the_requested_indicators()
    {
        // ADX(14) needs 28 candles, MACD(12,26,9) 34: the slowest, plus one so a cross is defined on the first traded candle
        Assert.Equal(35, Probe.Create().WarmUpPeriod);
        Assert.Equal(31, SmaCrossoverStrategy.CatalogEntry.Create().WarmUpPeriod);
    }

    [Fact]
    public void Series_read_backwards_are_nan_during_warm_up_and_refuse_the_future()
    {
        var runner = (StrategyRunner)StrategyDefinition.FromClass(typeof(SeriesReader), "reader", "Reader", StrategyStyle.Momentum, "Reads.").Create();
        var candles = TestCandles.FromCloses(10, 11, 12, 13, 14);
        foreach (var c in candles) runner.OnCandle(c);
        var reader = (SeriesReader)runner.Host.Strategy;

        // SMA(3): NaN, NaN, 11, 12, 13; read at the last candle
        Assert.Equal([13, 12, 11, double.NaN], reader.Last);
        Assert.Equal([false, false, true, true, true], reader.Ready);
        Assert.Equal([false, false, false, true, false], reader.Crossed);
        Assert.Equal(13, reader.PreviousHigh);
        Assert.Contains("a strategy cannot read the future", reader.FutureError);
        Assert.Contains("at most 1000", reader.TooFarError);
    }

    [Fact]
    public void Parameters_come_from_the_attributes_with_lower_camel_case_names_and_initializer_defaults()
    {
        var p = Scaling.Parameters;
        Assert.Equal(["fast", "slow", "fraction", "useStop"], p.Select(x => x.Name));
        Assert.Equal(new ParameterSpec("fast", "Fast", 8, 2, 50, 1, true, "Fast EMA."), p[0]);
        Assert.Equal(new ParameterSpec("fraction", "Fraction", 0.5, 0.1, 1, 0.1, false, "Fraction."), p[2]);
        Assert.Equal(new ParameterSpec("useStop", "Use stop", 1, 0, 1, 1, true, "Use stop."), p[3]);

        var ex = Assert.Throws<StrategyParameterException>(() => Scaling.Create(new Dictionary<string, double> { ["fast"] = 30, ["slow"] = 20 }));
        Assert.Equal("fast (30) must be less than slow (20).", Assert.Single(ex.Errors).Message);
        Assert.Equal("fraction must be between 0.1 and 1 (was 2).", Assert.Single(Scaling.Validate(new Dictionary<string, double> { ["fraction"] = 2 }).Errors).Message);
    }

    [Theory]
    [InlineData(typeof(TextParameter), "TextParameter.Name: [Parameter] works on int, double or bool properties (this one is String).")]
    [InlineData(typeof(DefaultOutOfRange), "DefaultOutOfRange.Period: the default 1 is outside [Parameter(2, 10)]; give the property an initial value in range.")]
    [InlineData(typeof(NoDefaultConstructor), "NoDefaultConstructor needs a public constructor without parameters (parameters are properties with [Parameter]).")]
    public void Badly_declared_parameters_are_refused_with_the_reason(Type type, string message) =>
        Assert.Equal(message, Assert.Throws<StrategyClassException>(() => StrategyClass.Describe(type)).Message);

    [Fact]
    public void Indicators_are_asked_for_in_on_start_and_orders_placed_in_on_candle()
    {
        var late = StrategyDefinition.FromClass(typeof(LateIndicator), "late", "Late", StrategyStyle.Momentum, "x.").Create();
        var ex = Assert.Throws<StrategyFaultException>(() => late.OnCandle(TestCandles.FromCloses(10)[0]));
        Assert.IsType<InvalidOperationException>(ex.InnerException);
        Assert.EndsWith("InvalidOperationException: Ask for indicators in OnStart (asked for sma(5) later); OnCandle only reads them. (OnCandle at 2024-01-01 00:00Z)", ex.Message);
        Assert.NotNull(ex.Line); // the line of Sma(5) in the strategy's source

        var early = Assert.Throws<StrategyFaultException>(() => StrategyDefinition.FromClass(typeof(EarlyOrder), "early", "Early", StrategyStyle.Momentum, "x.").Create());
        Assert.Contains("Place orders in OnCandle", early.Message);
        Assert.EndsWith("(OnStart)", early.Message);
    }

    [Fact]
    public void Fractional_buys_and_sells_size_from_equity_and_position()
    {
        // flat prices: every order fills at 100; cash 1000, whole units
        var candles = TestCandles.FromCloses(100, 100, 100, 100, 100, 100);
        var script = StrategyDefinition.FromClass(typeof(FractionScript), "fractions", "Fractions", StrategyStyle.Momentum, "x.");
        var result = Backtester.Run(candles, script.Create(), new ExecutionSettings { InitialCash = 1000m });

        // buy 0.5 of 1000 → 5; buy 0.3 of equity 1000 → 3 (adds); sell 0.5 of 8 → 4; sell() the rest 4; sell when flat is ignored
        Assert.Equal([4m, 4m], result.Trades.Select(t => t.Quantity));
        Assert.All(result.Trades, t => Assert.Equal(ExitReason.Signal, t.ExitReason));
        var log = result.Output.Log.Select(l => l.Message).ToList();
        Assert.Equal(["flat cash=1000 equity=1000", "long 5 @ 100 cash=500", "long 8 @ 100 cash=200", "long 4 @ 100 cash=600", "flat cash=1000 equity=1000", "flat cash=1000 equity=1000"], log);
    }

    [Fact]
    public void A_stop_set_from_code_replaces_the_runs_setting()
    {
        var candles = TestCandles.Daily((100, 100, 100, 100), (100, 101, 99, 100), (100, 100, 96, 97), (97, 98, 90, 95));
        var script = StrategyDefinition.FromClass(typeof(StopFromCode), "stop", "Stop", StrategyStyle.Momentum, "x.");

        // the run says 20 %; the code says 3 %: the 3 % stop at 97 is hit on the third candle
        var trade = Assert.Single(Backtester.Run(candles, script.Create(), new ExecutionSettings { InitialCash = 1000m, StopLossPct = 20 }).Trades);
        Assert.Equal(ExitReason.StopLoss, trade.ExitReason);
        Assert.Equal(97m, trade.ExitPrice);
    }

    [Fact]
    public void A_take_profit_set_from_code_replaces_the_runs_setting()
    {
        var candles = TestCandles.Daily((100, 100, 100, 100), (100, 101, 99, 100), (100, 106, 99, 104), (104, 130, 104, 125));
        var script = StrategyDefinition.FromClass(typeof(TakeProfitFromCode), "tp", "TP", StrategyStyle.Momentum, "x.");

        // the run says 20 % (125 would be reached on the last candle); the code says 5 %: sold at 105 on the third
        var trade = Assert.Single(Backtester.Run(candles, script.Create(), new ExecutionSettings { InitialCash = 1000m, TakeProfitPct = 20 }).Trades);
        Assert.Equal((ExitReason.TakeProfit, 105m, candles[2].Time), (trade.ExitReason, trade.ExitPrice, trade.ExitTime));
    }

    [Fact]
    public void A_trailing_stop_set_from_code_follows_the_highest_high_and_a_stop_removed_from_code_does_not_fire()
    {
        var candles = TestCandles.Daily((100, 100, 100, 100), (100, 101, 99, 100), (100, 110, 99, 108), (108, 108, 104, 105), (105, 106, 100, 101));
        var script = StrategyDefinition.FromClass(typeof(TrailingStopFromCode), "trail", "Trail", StrategyStyle.Momentum, "x.");

        // the run's 1 % stop (99) would sell on the second candle; the code removed it. Its 5 % trail below the highest
        // high (110) is 104.5, reached on the fourth candle
        var trade = Assert.Single(Backtester.Run(candles, script.Create(), new ExecutionSettings { InitialCash = 1000m, StopLossPct = 1 }).Trades);
        Assert.Equal((ExitReason.TrailingStop, 104.5m, candles[3].Time), (trade.ExitReason, trade.ExitPrice, trade.ExitTime));
    }

    [Fact]
    public void A_user_strategy_trades_identically_in_a_backtest_an_optimisation_and_the_live_path()
    {
        var candles = TestCandles.Synthetic(3000, seed: 12);
        var settings = new ExecutionSettings { FeeRate = 0.001m, LotStep = 0.0001m, SlippageBps = 2 };
        var backtest = Backtester.Run(candles, Scaling.Create(), settings, Timeframe.OneHour);
        Assert.True(backtest.Trades.Count > 10);
        Assert.Contains(backtest.Trades, t => t.ExitReason == ExitReason.StopLoss);
        Assert.True(backtest.Output.Plots["spread"].Count == candles.Length);

        var session = new TradingSession(Scaling.Create(), settings);
        foreach (var c in candles)
        {
            session.OnOpen(c.Time, c.Open);
            session.OnClose(c);
        }
        session.Finish();
        Assert.Equal(backtest.Trades, session.Ledger.Trades);

        var optimisation = Optimizer.Run(new OptimizationRequest
        {
            Data = [new OptimizationData("synthetic", "BTCUSDT", candles, Timeframe.OneHour)],
            Strategies = [new StrategySearch(Scaling, new Dictionary<string, ParameterRange> { ["fast"] = ParameterRange.Parse("6,8", "fast"), ["fraction"] = ParameterRange.Parse("0.5,1", "fraction") })],
            Settings = settings,
            MinTrades = 1,
        });
        Assert.Equal(4, optimisation.Combinations.Count);
        foreach (var c in optimisation.Combinations)
            Assert.Equal(Backtester.Run(candles, Scaling.Create(c.Parameters), settings, Timeframe.OneHour).Metrics, c.InSample);
        Assert.Equal(backtest.Metrics, optimisation.Combinations.Single(c => c.Parameters["fast"] == 8 && c.Parameters["fraction"] == 0.5).InSample);
    }
}
