using Velocitas.Engine.Indicators;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Tests.Strategies;

public class StrategyTests
{
    private static Signal[] Signals(IStrategy strategy, IEnumerable<Candle> candles) => candles.Select(c => strategy.OnCandle(c)).ToArray();

    [Fact]
    public void Catalog_has_the_six_strategies_with_complete_parameter_metadata()
    {
        Assert.Equal(new[] { "sma-crossover", "momentum", "rsi", "macd", "bollinger", "donchian" }, StrategyCatalog.All.Select(s => s.Id));
        Assert.All(StrategyCatalog.All, d =>
        {
            Assert.NotEmpty(d.Description);
            Assert.All(d.Parameters, p =>
            {
                Assert.True(p.Min <= p.Default && p.Default <= p.Max, $"{d.Id}.{p.Name} default outside its range");
                Assert.True(p.Step > 0);
                Assert.NotEmpty(p.Description);
            });
            Assert.NotNull(d.Create()); // defaults are valid
        });
        Assert.Equal(new[] { "fast", "slow" }, SmaCrossoverStrategy.CatalogEntry.Parameters.Select(p => p.Name));
        Assert.Equal(new[] { "lookback", "threshold" }, MomentumStrategy.CatalogEntry.Parameters.Select(p => p.Name));
        Assert.Equal(new[] { "period", "oversold", "overbought" }, RsiStrategy.CatalogEntry.Parameters.Select(p => p.Name));
        Assert.Equal(new[] { "fast", "slow", "signal" }, MacdStrategy.CatalogEntry.Parameters.Select(p => p.Name));
        Assert.Equal(new[] { "period", "stddev" }, BollingerStrategy.CatalogEntry.Parameters.Select(p => p.Name));
        Assert.Equal(new[] { "entry", "exit" }, DonchianStrategy.CatalogEntry.Parameters.Select(p => p.Name));
    }

    [Theory]
    [InlineData("SMA_Crossover", "sma-crossover")]
    [InlineData("rsi", "rsi")]
    [InlineData("MACD", "macd")]
    [InlineData("sma_crossover", "sma-crossover")]
    public void Strategies_are_found_by_id_or_by_the_original_services_name(string name, string id) =>
        Assert.Equal(id, StrategyCatalog.Get(name).Id);

    [Fact]
    public void An_unknown_strategy_lists_the_available_ids()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => StrategyCatalog.Get("turtle"));
        Assert.Contains("sma-crossover, momentum, rsi, macd, bollinger, donchian", ex.Message);
    }

    [Theory]
    [InlineData("sma-crossover", "fast", 30, "slow", 30, "fast (30) must be less than slow (30).")]
    [InlineData("macd", "fast", 26, "slow", 12, "fast (26) must be less than slow (12).")]
    [InlineData("rsi", "oversold", 70, "overbought", 30, "oversold (70) must be less than overbought (30).")]
    public void Impossible_combinations_are_rejected_with_a_clear_message(string id, string p1, double v1, string p2, double v2, string message)
    {
        var ex = Assert.Throws<StrategyParameterException>(() => StrategyCatalog.Get(id).Create(new Dictionary<string, double> { [p1] = v1, [p2] = v2 }));
        Assert.Equal(message, Assert.Single(ex.Errors).Message);
    }

    [Fact]
    public void Out_of_range_fractional_and_unknown_parameters_are_each_reported()
    {
        var (set, errors) = SmaCrossoverStrategy.CatalogEntry.Validate(new Dictionary<string, double> { ["fast"] = 2.5, ["slow"] = 9999, ["speed"] = 1 });

        Assert.Null(set);
        Assert.Contains(errors, e => e.Parameter == "speed" && e.Message.Contains("has no parameter 'speed' (expected fast, slow)"));
        Assert.Contains(errors, e => e.Parameter == "fast" && e.Message == "fast must be a whole number (was 2.5).");
        Assert.Contains(errors, e => e.Parameter == "slow" && e.Message == "slow must be between 3 and 500 (was 9999).");
    }

    [Fact]
    public void Missing_parameters_take_their_defaults_and_names_match_case_insensitively()
    {
        var s = SmaCrossoverStrategy.CatalogEntry.Create(new Dictionary<string, double> { ["FAST"] = 5 });
        Assert.Equal("fast=5, slow=30", s.Parameters.ToString());
    }

    [Fact]
    public void A_cross_needs_strictly_below_then_strictly_above()
    {
        // fast = SMA(2), slow = SMA(3). Closes chosen so the SMAs touch (equal) before separating.
        var s = SmaCrossoverStrategy.CatalogEntry.Create(new Dictionary<string, double> { ["fast"] = 2, ["slow"] = 3 });
        //          close: 10   10   10   10   13   7    4
        // fast SMA(2)     -    10   10   10   11.5 10   5.5
        // slow SMA(3)     -    -    10   10   11   10   8
        // fast==slow on candles 2-3 (no cross), above on 4 (previous equal: not a cross), equal on 5, below on 6
        var signals = Signals(s, TestCandles.FromCloses(10, 10, 10, 10, 13, 7, 4));
        Assert.All(signals, x => Assert.Equal(Signal.None, x));

        s.Reset();
        //          close: 10   10   10   7    13   13   4
        // fast            -    10   10   8.5  10   13   8.5
        // slow            -    -    10   9    10   11   10
        // candle 3 below, 4 equal, 5 above (previous equal → no), so still none; then below again on 6 (previous above → Exit)
        signals = Signals(s, TestCandles.FromCloses(10, 10, 10, 7, 13, 13, 4));
        Assert.Equal(new[] { Signal.None, Signal.None, Signal.None, Signal.None, Signal.None, Signal.None, Signal.Exit }, signals);

        s.Reset();
        //          close: 10   10   10   7    10   14
        // fast            -    10   10   8.5  8.5  12
        // slow            -    -    10   9    9    10.33
        // below on 3 and 4, above on 5 → Enter
        signals = Signals(s, TestCandles.FromCloses(10, 10, 10, 7, 10, 14));
        Assert.Equal(Signal.Enter, signals[5]);
        Assert.Equal(1, signals.Count(x => x != Signal.None));
    }

    [Fact]
    public void Sma_crossover_signals_match_a_recomputation_from_the_definition()
    {
        var candles = TestCandles.Synthetic(3000, seed: 9);
        var closes = candles.Select(c => (double)c.Close).ToArray();
        var fast = Indicators.NaiveSeries.Sma(closes, 10);
        var slow = Indicators.NaiveSeries.Sma(closes, 30);
        var expected = closes.Select((_, i) => i == 0 || slow[i - 1] is null ? Signal.None
            : fast[i - 1] < slow[i - 1] && fast[i] > slow[i] ? Signal.Enter
            : fast[i - 1] > slow[i - 1] && fast[i] < slow[i] ? Signal.Exit : Signal.None).ToArray();

        Assert.Equal(expected, Signals(SmaCrossoverStrategy.CatalogEntry.Create(), candles));
        Assert.Contains(Signal.Enter, expected);
    }

    [Fact]
    public void Rsi_strategy_enters_below_oversold_and_exits_above_overbought()
    {
        var candles = TestCandles.Synthetic(3000, seed: 9);
        var rsi = Indicators.NaiveSeries.Rsi(candles.Select(c => (double)c.Close).ToArray(), 14);
        var expected = rsi.Select(v => v < 30 ? Signal.Enter : v > 70 ? Signal.Exit : Signal.None).ToArray();

        var actual = Signals(RsiStrategy.CatalogEntry.Create(), candles);

        Assert.Equal(expected, actual);
        Assert.Contains(Signal.Enter, actual);
        Assert.Contains(Signal.Exit, actual);
    }

    [Fact]
    public void Momentum_strategy_compares_the_rate_of_change_with_the_threshold()
    {
        var s = MomentumStrategy.CatalogEntry.Create(new Dictionary<string, double> { ["lookback"] = 2, ["threshold"] = 5 });
        // ROC(2): -, -, +10 %, −4.5 %(ish), −10 %
        var signals = Signals(s, TestCandles.FromCloses(100, 104, 110, 99.3m, 99));
        Assert.Equal(new[] { Signal.None, Signal.None, Signal.Enter, Signal.None, Signal.Exit }, signals);
    }

    [Fact]
    public void Macd_strategy_signals_on_line_signal_crosses()
    {
        var candles = TestCandles.Synthetic(3000, seed: 9);
        var macd = new Macd();
        double pl = double.NaN, ps = double.NaN;
        var expected = new List<Signal>();
        foreach (var c in candles)
        {
            macd.Update((double)c.Close);
            double l = macd.Line ?? double.NaN, g = macd.Signal ?? double.NaN;
            expected.Add(pl < ps && l > g ? Signal.Enter : pl > ps && l < g ? Signal.Exit : Signal.None);
            (pl, ps) = (l, g);
        }
        Assert.Equal(expected, Signals(MacdStrategy.CatalogEntry.Create(), candles));
    }

    [Fact]
    public void Bollinger_strategy_buys_below_the_lower_band_and_sells_above_the_middle()
    {
        var s = BollingerStrategy.CatalogEntry.Create(new Dictionary<string, double> { ["period"] = 3, ["stddev"] = 1 });
        // window [10,10,10] → bands collapse; [10,10,7]: mean 9, sd √2 → lower 7.586: close 7 < lower → Enter
        // [10,7,11]: mean 9.33, close 11 > middle → Exit
        var signals = Signals(s, TestCandles.FromCloses(10, 10, 10, 7, 11));
        Assert.Equal(new[] { Signal.None, Signal.None, Signal.None, Signal.Enter, Signal.Exit }, signals);
    }

    [Fact]
    public void Donchian_strategy_buys_a_break_of_the_prior_high_and_sells_a_break_of_the_prior_low()
    {
        var s = DonchianStrategy.CatalogEntry.Create(new Dictionary<string, double> { ["entry"] = 3, ["exit"] = 2 });
        var candles = TestCandles.Daily((10, 11, 9, 10), (10, 11, 9, 10), (10, 11, 9, 10), (10, 12, 10, 11.5m), (11, 11, 9.5m, 10), (10, 10, 8, 8.5m));
        // candle 3: close 11.5 > prior 3-high 11 → Enter; candle 5: close 8.5 < prior 2-low 9.5 → Exit
        Assert.Equal(new[] { Signal.None, Signal.None, Signal.None, Signal.Enter, Signal.None, Signal.Exit }, Signals(s, candles));
    }
}
