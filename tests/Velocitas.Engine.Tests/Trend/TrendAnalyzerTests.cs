using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;
using Velocitas.Engine.Trend;

namespace Velocitas.Engine.Tests.Trend;

public class TrendAnalyzerTests
{
    private static readonly ExecutionSettings Settings = new() { FeeRate = 0.001m, LotStep = 0.0001m };

    [Fact]
    public void Segments_cover_every_labelled_candle_in_order_and_only_the_last_is_ongoing()
    {
        var (candles, _) = KnownRegimes.Generate(5, segments: 12);
        var analysis = TrendAnalyzer.Analyze(candles, "TEST", Timeframe.OneHour);

        var segments = analysis.Segments;
        Assert.Equal(analysis.Readings.Count(r => r.Regime is not null), segments.Sum(s => s.Candles));
        for (int i = 1; i < segments.Count; i++)
        {
            Assert.Equal(segments[i - 1].End, segments[i].Start);
            Assert.NotEqual(segments[i - 1].Regime, segments[i].Regime);
        }
        Assert.True(segments[^1].Ongoing);
        Assert.All(segments.SkipLast(1), s => Assert.False(s.Ongoing));
        Assert.Equal(segments[^1].Candles, analysis.CurrentCandles);
        Assert.Equal(analysis.Current.Regime, segments[^1].Regime);
        Assert.Equal(100, analysis.Stats.Sum(s => s.SharePct), 6);
        var first = segments[0];
        double expected = (double)((candles[first.End - 1].Close / candles[first.Start - 1].Close) - 1) * 100;
        Assert.Equal(expected, first.ReturnPct, 9);
    }

    [Fact]
    public void A_regime_backtest_is_an_ordinary_backtest_of_each_past_period_after_a_warm_up()
    {
        var (candles, _) = KnownRegimes.Generate(6, segments: 10);
        var analysis = TrendAnalyzer.Analyze(candles, "TEST", Timeframe.OneHour);
        var definition = StrategyCatalog.Get("sma-crossover");
        var evidence = RegimeBacktest.Run(candles, analysis.Segments, MarketRegime.Uptrend, definition, definition.Defaults, Settings, Timeframe.OneHour);

        var periods = analysis.Segments.Where(s => s.Regime == MarketRegime.Uptrend && !s.Ongoing && s.Candles >= 10).ToList();
        Assert.Equal(periods.Count, evidence.Periods);
        Assert.True(evidence.Periods >= 1);
        double growth = 1;
        int trades = 0;
        foreach (var p in periods)
        {
            var strategy = definition.Create(definition.Defaults);
            int from = Math.Max(0, p.Start - (strategy.WarmUpPeriod + 2));
            var run = Backtester.Run(candles.AsSpan(p.Start, p.Candles), strategy, Settings, Timeframe.OneHour, recordEquity: false, warmUp: candles.AsSpan(from, p.Start - from));
            growth *= 1 + (run.Metrics.TotalReturnPct / 100);
            trades += run.Metrics.Trades;
            Assert.All(run.Trades, t => Assert.InRange(t.EntryTime, p.From, p.To)); // never trades outside the period
        }
        Assert.Equal((growth - 1) * 100, evidence.CompoundedReturnPct, 9);
        Assert.Equal(trades, evidence.Trades);
        Assert.Equal(periods.Sum(p => p.Candles), evidence.Candles);
    }

    [Fact]
    public void Warm_up_candles_ready_the_indicators_without_trading()
    {
        var candles = SyntheticMarket.Generate(9, 100, DateTimeOffset.UnixEpoch, Timeframe.OneHour, 400);
        var strategy = StrategyCatalog.Get("sma-crossover").Create(new Dictionary<string, double> { ["fast"] = 5, ["slow"] = 20 });
        var cold = Backtester.Run(candles.AsSpan(200, 100), strategy, Settings, Timeframe.OneHour, recordEquity: false);
        var warm = Backtester.Run(candles.AsSpan(200, 100), strategy, Settings, Timeframe.OneHour, recordEquity: false, warmUp: candles.AsSpan(170, 30));
        Assert.Equal(100, warm.Candles);
        Assert.All(warm.Trades, t => Assert.True(t.EntryTime >= candles[200].Time));
        Assert.True(warm.Trades.Count >= cold.Trades.Count);
    }

    [Fact]
    public void Suggestions_follow_the_rule_and_state_their_evidence()
    {
        var (candles, truth) = KnownRegimes.Generate(1);
        var labels = TrendAnalyzer.Analyze(candles, "TEST", Timeframe.OneHour).Readings;
        // cut the series deep inside a long period of each regime
        foreach (var regime in new[] { MarketRegime.Uptrend, MarketRegime.Ranging, MarketRegime.Downtrend, MarketRegime.Volatile })
        {
            int end = Enumerable.Range(400, truth.Length - 400).First(i => truth[i] == regime && truth[i - 150] == regime && labels[i - 1].Regime == regime);
            var analysis = TrendAnalyzer.Analyze(candles.AsSpan(0, end), "TEST", Timeframe.OneHour);
            Assert.Equal(regime, analysis.Current.Regime);
            Assert.Equal(StrategyAdvisor.Rule(regime), analysis.Rule);
            var top = analysis.Suggestions[0];
            Assert.All(analysis.Suggestions.Where(s => s.StrategyId is not null), s =>
            {
                Assert.Equal(StrategyAdvisor.Fits(regime, StrategyCatalog.Get(s.StrategyId).Style), s.FitsRule);
                Assert.NotNull(s.Evidence);
                Assert.Matches(@"\d", s.Text);
            });
            switch (regime)
            {
                case MarketRegime.Uptrend:
                    Assert.True(top.FitsRule && top.Action == "trade", top.Text);
                    break;
                case MarketRegime.Ranging:
                    Assert.Contains(analysis.Suggestions, s => s.StrategyId is "rsi" or "bollinger" && s.FitsRule);
                    break;
                case MarketRegime.Downtrend:
                    Assert.Contains(analysis.Suggestions, s => s.Action == "stand-aside");
                    break;
                case MarketRegime.Volatile:
                    Assert.Contains(analysis.Suggestions, s => s.Action == "stand-aside");
                    Assert.All(analysis.Suggestions, s => Assert.True(s.SizePct <= 50, s.Text));
                    break;
            }
        }
    }

    [Fact]
    public void A_saved_strategy_whose_code_fails_is_left_out_of_the_suggestions_and_the_others_stay()
    {
        var (candles, _) = KnownRegimes.Generate(1);
        var span = candles.AsSpan(0, 1_500);
        var analysis = TrendAnalyzer.Analyze(span, "TEST", Timeframe.OneHour);
        var failing = StrategyDefinition.FromClass(typeof(FailsAtFifth), "fails-at-fifth", "Fails", StrategyStyle.TrendFollowing, "Throws at its fifth candle.");
        var strategies = StrategyCatalog.BuiltIn.Append(failing).ToList();

        var suggestions = StrategyAdvisor.Suggest(span, analysis.Segments, analysis.Current.Regime!.Value, "TEST", Timeframe.OneHour, Settings, strategies);

        Assert.DoesNotContain(suggestions, s => s.StrategyId == "fails-at-fifth");
        Assert.Equal(
            StrategyAdvisor.Suggest(span, analysis.Segments, analysis.Current.Regime!.Value, "TEST", Timeframe.OneHour, Settings, StrategyCatalog.BuiltIn).Select(s => s.Text),
            suggestions.Select(s => s.Text));
    }

    [Fact]
    public void The_evidence_is_itemised_for_a_trader()
    {
        var (candles, _) = KnownRegimes.Generate(2, segments: 5);
        var analysis = TrendAnalyzer.Analyze(candles, "TEST", Timeframe.OneHour);
        var names = analysis.Evidence.Select(e => e.Name).ToList();
        Assert.Contains("Trend strength (ADX)", names);
        Assert.Contains("Realised volatility", names);
        Assert.Contains("Momentum (RSI)", names);
        Assert.Equal(8, names.Count);
    }

    [Fact]
    public void Too_few_candles_say_how_many_are_needed()
    {
        var candles = SyntheticMarket.Generate(1, 100, DateTimeOffset.UnixEpoch, Timeframe.OneHour, 50);
        var analysis = TrendAnalyzer.Analyze(candles, "TEST", Timeframe.OneHour);
        Assert.True(analysis.Insufficient);
        Assert.Empty(analysis.Suggestions);
        Assert.Equal($"Needs at least {TrendSettings.Default.WarmUpPeriod + 1} candles to classify (got 50).", analysis.Rule);
    }
}

/// <summary>A saved strategy with a bug: it throws at its fifth candle.</summary>
public sealed class FailsAtFifth : Velocitas.Strategies.Strategy
{
    private int _seen;

    protected override void OnCandle(Velocitas.Strategies.Candle candle)
    {
        if (++_seen == 5) throw new InvalidOperationException("a bug");
    }
}
