using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Optimization;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Tests.Optimization;

public class OptimizerTests
{
    private static readonly ExecutionSettings Settings = new() { FeeRate = 0.001m, LotStep = 0.0001m, SlippageBps = 1 };

    private static OptimizationData Coin(string symbol, int seed, int count = 3000) =>
        new($"{symbol} synthetic", symbol, TestCandles.Synthetic(count, seed), Timeframe.OneHour);

    private static StrategySearch Sma(string fast = "5:15:5", string slow = "20:40:10") =>
        new(SmaCrossoverStrategy.CatalogEntry, new Dictionary<string, ParameterRange> { ["fast"] = ParameterRange.Parse(fast, "fast"), ["slow"] = ParameterRange.Parse(slow, "slow") });

    [Fact]
    public void Every_grid_result_equals_an_ordinary_backtest_of_that_combination()
    {
        var btc = Coin("BTCUSDT", 1);
        var eth = Coin("ETHUSDT", 2);
        var rsi = new StrategySearch(RsiStrategy.CatalogEntry, new Dictionary<string, ParameterRange> { ["period"] = ParameterRange.Parse("7,14", "period"), ["oversold"] = ParameterRange.Parse("25:35:5", "oversold") });
        var result = Optimizer.Run(new OptimizationRequest { Data = [btc, eth], Strategies = [Sma(), rsi], Settings = Settings, MinTrades = 1 });

        Assert.Equal(2 * ((3 * 3) + (2 * 3)), result.Total);
        Assert.Equal(result.Total, result.Combinations.Count);
        foreach (var c in result.Combinations)
        {
            var data = c.Symbol == "BTCUSDT" ? btc : eth;
            var single = Backtester.Run(data.Candles, StrategyCatalog.Get(c.StrategyId).Create(c.Parameters), Settings, data.Timeframe);
            Assert.Equal(single.Metrics, c.InSample);
        }
        // SMA(n) series were shared: 3 fast + 3 slow per coin, not one pair per combination
        Assert.Equal(2 * (3 + 3 + 2), result.IndicatorSeries);
    }

    [Fact]
    public void Results_are_ranked_by_the_objective_among_runs_with_enough_trades()
    {
        var result = Optimizer.Run(new OptimizationRequest { Data = [Coin("BTCUSDT", 3)], Strategies = [Sma("2:20:2", "10:60:10")], Settings = Settings, MinTrades = 10, Objective = Objective.Sortino });

        var ranked = result.Ranked.ToList();
        Assert.NotEmpty(ranked);
        Assert.Equal(Enumerable.Range(1, ranked.Count), ranked.Select(r => r.Rank!.Value));
        Assert.True(ranked.Zip(ranked.Skip(1)).All(p => p.First.Objective >= p.Second.Objective));
        Assert.All(ranked, r => Assert.True(r.InSample.Trades >= 10));
        Assert.All(result.Combinations.Where(c => c.Rank is null), c => Assert.True(c.InSample.Trades < 10 || double.IsNegativeInfinity(c.Objective)));
        Assert.Equal(ranked[0], result.Best);
        Assert.Equal(ranked[0].Objective, ranked[0].InSample.Sortino);
        Assert.True(result.Skipped > 0, "combinations with fast >= slow are skipped");
    }

    [Fact]
    public void Best_per_coin_and_per_strategy_come_from_the_ranking()
    {
        var rsi = new StrategySearch(RsiStrategy.CatalogEntry, new Dictionary<string, ParameterRange> { ["period"] = ParameterRange.Parse("7:21:7", "period") });
        var result = Optimizer.Run(new OptimizationRequest { Data = [Coin("BTCUSDT", 4), Coin("ETHUSDT", 5)], Strategies = [Sma(), rsi], Settings = Settings, MinTrades = 3 });

        Assert.Equal(result.Ranked.Select(r => r.Symbol).Distinct().Count(), result.BestPerCoin.Count);
        foreach (var best in result.BestPerCoin)
            Assert.Equal(result.Ranked.Where(r => r.Symbol == best.Symbol).Max(r => r.Objective), best.Objective);
        foreach (var best in result.BestPerStrategy)
            Assert.Equal(result.Ranked.Where(r => r.StrategyId == best.StrategyId).Max(r => r.Objective), best.Objective);
    }

    [Fact]
    public void Out_of_sample_split_tests_each_combination_on_the_held_out_end()
    {
        var btc = Coin("BTCUSDT", 6);
        var result = Optimizer.Run(new OptimizationRequest { Data = [btc], Strategies = [Sma()], Settings = Settings, OutOfSampleFraction = 0.3, MinTrades = 1 });

        int split = 3000 - 900;
        foreach (var c in result.Combinations)
        {
            var strategy = StrategyCatalog.Get(c.StrategyId);
            Assert.Equal(Backtester.Run(btc.Candles.AsSpan(0, split), strategy.Create(c.Parameters), Settings, btc.Timeframe).Metrics, c.InSample);
            Assert.Equal(Backtester.Run(btc.Candles.AsSpan(split), strategy.Create(c.Parameters), Settings, btc.Timeframe).Metrics, c.OutOfSample);
        }
        Assert.Contains(result.Recommendations, r => r.Text.Contains("held out"));
    }

    [Fact]
    public void Walk_forward_windows_do_not_overlap_and_never_use_future_data()
    {
        var btc = Coin("BTCUSDT", 7);
        var result = Optimizer.Run(new OptimizationRequest { Data = [btc], Strategies = [Sma()], Settings = Settings, WalkForwardWindows = 3, MinTrades = 2 });

        var windows = result.Combinations[0].WalkForward!.Windows;
        Assert.Equal(3, windows.Count);
        for (int k = 0; k < windows.Count; k++)
        {
            var w = windows[k];
            Assert.Equal(w.Train.End, w.Test.Start);                 // test starts right after its training data
            Assert.True(w.Test.From > w.Train.To);
            if (k > 0) Assert.True(w.Test.Start >= windows[k - 1].Test.End); // test windows do not overlap
        }
        Assert.Equal(3000, windows[^1].Test.End);

        // changing the future does not change what was learned from the past
        var future = btc.Candles.ToArray();
        var later = TestCandles.Synthetic(3000 - windows[0].Test.Start, seed: 99, startPrice: 5);
        for (int i = windows[0].Test.Start; i < future.Length; i++) future[i] = later[i - windows[0].Test.Start] with { Time = future[i].Time };
        var altered = Optimizer.Run(new OptimizationRequest { Data = [btc with { Candles = future }], Strategies = [Sma()], Settings = Settings, WalkForwardWindows = 3, MinTrades = 2 });
        Assert.Equal(result.Combinations.Select(c => c.WalkForward!.Windows[0].TrainMetrics), altered.Combinations.Select(c => c.WalkForward!.Windows[0].TrainMetrics));
        Assert.NotEqual(result.Combinations.Select(c => c.WalkForward!.Windows[0].TestMetrics), altered.Combinations.Select(c => c.WalkForward!.Windows[0].TestMetrics));

        var process = Assert.Single(result.WalkForward);
        Assert.All(process.Windows, w => Assert.Equal(
            result.Combinations.Where(c => c.WalkForward!.Windows[w.Window - 1].TrainMetrics.Trades >= 1)
                .Max(c => c.WalkForward!.Windows[w.Window - 1].TrainMetrics.Sharpe ?? double.NegativeInfinity),
            w.Result.TrainMetrics.Sharpe));
    }

    [Fact]
    public void Random_search_tries_the_budget_deterministically()
    {
        var request = new OptimizationRequest { Data = [Coin("BTCUSDT", 8, 1000)], Strategies = [Sma("2:30:1", "10:100:5")], Settings = Settings, RandomBudget = 25, Seed = 3 };
        var a = Optimizer.Run(request);
        var b = Optimizer.Run(request);
        Assert.Equal(25, a.Total);
        Assert.Equal(a.Combinations.Select(c => c.Parameters), b.Combinations.Select(c => c.Parameters));
        Assert.NotEqual(a.Combinations.Select(c => c.Parameters), Optimizer.Run(request with { Seed = 4 }).Combinations.Select(c => c.Parameters));
    }

    [Fact]
    public void Cancelling_keeps_the_combinations_that_finished()
    {
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(p => { if (p.Completed >= 20) cts.Cancel(); });
        var result = Optimizer.Run(new OptimizationRequest { Data = [Coin("BTCUSDT", 9, 20_000)], Strategies = [Sma("2:40:1", "10:200:2")], Settings = Settings, MaxDegreeOfParallelism = 2 },
            progress, cts.Token);

        Assert.True(result.Cancelled);
        Assert.InRange(result.Combinations.Count, 20, result.Total - 1);
        Assert.All(result.Combinations, c => Assert.True(c.InSample.FinalEquity > 0));
    }

    [Fact]
    public void Impossible_requests_are_refused_with_every_problem_named()
    {
        var ex = Assert.Throws<ArgumentException>(() => Optimizer.Run(new OptimizationRequest
        {
            Data = [Coin("BTCUSDT", 1, 40)], Strategies = [], OutOfSampleFraction = 0.95, WalkForwardWindows = 50,
        }));
        Assert.Contains("Choose at least one strategy.", ex.Message);
        Assert.Contains("out-of-sample share must be between 0 and 0.8", ex.Message);
        Assert.Contains("Walk-forward windows must be between 0 and 20", ex.Message);
        Assert.Contains("BTCUSDT synthetic has 40 candles", ex.Message);

        var range = Assert.Throws<FormatException>(() => ParameterRange.Parse("10:x", "fast"));
        Assert.Contains("fast: expected min:max:step", range.Message);
        Assert.Throws<ArgumentException>(() => ParameterRange.Parse("50:10:5", "slow"));
        var unknown = Assert.Throws<ArgumentException>(() => new ParameterGrid(SmaCrossoverStrategy.CatalogEntry, new Dictionary<string, ParameterRange> { ["speed"] = ParameterRange.Fixed(1) }));
        Assert.Contains("has no parameter 'speed'", unknown.Message);
    }

    [Fact]
    public void Each_coin_and_strategy_gets_one_verdict_from_the_walk_forward_figures_with_its_numbers()
    {
        var rsi = new StrategySearch(RsiStrategy.CatalogEntry, new Dictionary<string, ParameterRange> { ["period"] = ParameterRange.Parse("7:21:7", "period") });
        var result = Optimizer.Run(new OptimizationRequest { Data = [Coin("BTCUSDT", 10), Coin("ETHUSDT", 11)], Strategies = [Sma(), rsi], Settings = Settings, WalkForwardWindows = 2, MinTrades = 2 });

        var verdicts = result.Recommendations.Where(r => r.StrategyId is not null).ToList();
        Assert.Equal(4, verdicts.Count);
        Assert.Equal(4, verdicts.Select(r => (r.Symbol, r.StrategyId)).Distinct().Count());
        foreach (var r in verdicts)
        {
            var p = result.WalkForward.Single(w => w.Symbol == r.Symbol && w.StrategyId == r.StrategyId);
            double hold = (p.Windows.Aggregate(1.0, (a, w) => a * (1 + (w.Result.TestMetrics.BuyAndHoldReturnPct / 100))) - 1) * 100;
            Assert.Matches(@"on \w+, out of sample, 2 walk-forward windows chained \(parameters re-chosen on each train segment\): return [+-]?\d+\.\d% against buy & hold [+-]?\d+\.\d%, sharpe -?\d+\.\d\d, max drawdown \d+\.\d%, \d+ trades, beat buy & hold in \d of 2 windows\. (Run it|Avoid it|Not proven): ", r.Text);
            Assert.Contains($"return {p.CompoundedReturnPct.ToString("+0.0;-0.0;0.0", System.Globalization.CultureInfo.InvariantCulture)}% against buy & hold {hold.ToString("+0.0;-0.0;0.0", System.Globalization.CultureInfo.InvariantCulture)}%", r.Text);
            if (p.CompoundedReturnPct <= hold || p.CompoundedReturnPct <= 0) Assert.Equal("avoid", r.Kind);
        }
        // best first: run before warning before avoid
        var order = verdicts.Select(r => r.Kind switch { "run" => 0, "warning" => 1, _ => 2 }).ToList();
        Assert.Equal(order.Order(), order);
    }

    [Theory]
    [InlineData(true, 331.8, 376.0, 0.9, 60, 2.5, "avoid")]     // chained out of sample it lost to buy & hold: never green
    [InlineData(true, -4.0, -20.0, -0.2, 60, 2.5, "avoid")]     // lost money, however much the coin fell
    [InlineData(false, 2652.69, 900.0, 2.1, 80, 3.0, "warning")] // in-sample only: not proven
    [InlineData(true, 40.0, 10.0, 1.2, 5, 1.0, "warning")]      // 5 trades: too few to judge
    [InlineData(true, 40.0, 10.0, 1.2, 45, 1.1, "warning")]     // 45 trades but t = 1.1: could be luck
    [InlineData(true, 40.0, 10.0, 1.2, 45, 2.6, "run")]
    public void The_verdict_rule_is_green_only_for_a_validated_significant_win_over_buy_and_hold(bool validated, double ret, double hold, double objective, int trades, double sqn, string kind)
    {
        var (verdict, reason) = Recommender.Verdict(new Recommender.Evidence("test", validated, ret, hold, objective, 10, trades, sqn));
        Assert.Equal(kind, verdict);
        Assert.NotEmpty(reason);
    }

    [Fact]
    public void With_a_held_out_end_the_ranking_follows_the_out_of_sample_objective()
    {
        var result = Optimizer.Run(new OptimizationRequest { Data = [Coin("BTCUSDT", 12)], Strategies = [Sma("2:20:2", "10:60:10")], Settings = Settings, OutOfSampleFraction = 0.3, MinTrades = 3 });

        var ranked = result.Ranked.ToList();
        Assert.True(ranked.Count > 5);
        Assert.True(result.RankedOutOfSample);
        Assert.True(ranked.Zip(ranked.Skip(1)).All(p => p.First.OutOfSampleObjective >= p.Second.OutOfSampleObjective));
        Assert.Equal(ranked[0], result.BestPerCoin[0]);
    }

    [Fact]
    public void Suggested_ranges_stay_near_the_default_and_keep_rsi_levels_sensible()
    {
        Assert.Equal(ParameterRange.Of(20, 40, 5), SuggestedRange.For(RsiStrategy.CatalogEntry.Parameters.Single(p => p.Name == "oversold")));
        Assert.Equal(ParameterRange.Of(60, 80, 5), SuggestedRange.For(RsiStrategy.CatalogEntry.Parameters.Single(p => p.Name == "overbought")));
        Assert.Equal("5:20:2", SuggestedRange.Text(SmaCrossoverStrategy.CatalogEntry.Parameters.Single(p => p.Name == "fast")));
        Assert.Equal("6:24:3", SuggestedRange.Text(MacdStrategy.CatalogEntry.Parameters.Single(p => p.Name == "fast")));
    }
}

internal sealed class SyncProgress(Action<OptimizationProgress> report) : IProgress<OptimizationProgress>
{
    public void Report(OptimizationProgress value) => report(value);
}
