using Velocitas.Data.Storage;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Optimization;
using Velocitas.Engine.Strategies;

namespace Velocitas.Data.Tests;

public class OptimizationStoreTests
{
    [Fact]
    public async Task A_saved_optimization_comes_back_with_every_combination_window_and_recommendation()
    {
        await using var db = await TestDatabase.CreateAsync();
        try
        {
            var btc = (await db.Datasets.ListAsync()).Single(d => d.Symbol == "BTCUSDT");
            var candles = await db.Datasets.LoadCandlesAsync(btc.Id);
            var request = new OptimizationRequest
            {
                Data = [new OptimizationData(btc.Name, btc.Symbol, candles, Timeframe.OneHour, btc.Id)],
                Strategies = [new StrategySearch(SmaCrossoverStrategy.CatalogEntry, new Dictionary<string, ParameterRange> { ["fast"] = ParameterRange.Parse("5,10", "fast"), ["slow"] = ParameterRange.Parse("20:40:20", "slow") })],
                WalkForwardWindows = 2,
                MinTrades = 1,
            };
            var result = Optimizer.Run(request);
            var settings = new OptimizationSettingsRecord([btc.Name], [btc.Id], [btc.Symbol], [new StrategyRangeRecord("sma-crossover", new() { ["fast"] = "5,10", ["slow"] = "20:40:20" })],
                request.Settings, "sharpe", 1, 0, 2, 0, 42);

            var saved = await db.Optimizations.SaveAsync("SMA on BTC", settings, result);
            await using var restarted = await db.ReopenAsync();
            var again = await restarted.Optimizations.GetAsync(saved.Summary.Id);

            Assert.NotNull(again);
            Assert.Equal(("SMA on BTC", "completed", 4, 4), (again!.Summary.Name, again.Summary.Status, again.Summary.Combinations, again.Summary.Completed));
            Assert.Equal(result.Combinations.Select(c => c.InSample), again.Combinations.Select(c => c.InSample));
            Assert.Equal(result.Combinations.Select(c => c.Rank), again.Combinations.Select(c => c.Rank));
            Assert.Equal(2, again.Combinations[0].Windows!.Count);
            Assert.Equal(result.Combinations[0].WalkForward!.Windows[1].TestMetrics, again.Combinations[0].Windows![1].Test);
            Assert.Equal(result.Recommendations.Select(r => r.Text), again.Recommendations.Select(r => r.Text));
            Assert.Equal(result.WalkForward.Count, again.WalkForward.Count);
            Assert.Equal(settings.Strategies[0].Ranges, again.Settings.Strategies[0].Ranges);
            Assert.Equal(saved.Summary.Id, (await restarted.Optimizations.LatestAsync())!.Summary.Id);
            Assert.Single(await restarted.Optimizations.ListAsync());
            Assert.True(await restarted.Optimizations.DeleteAsync(saved.Summary.Id));
            Assert.Empty(await restarted.Optimizations.ListAsync());
        }
        finally { db.Delete(); }
    }

    [Fact]
    public async Task A_portfolio_is_saved_like_any_backtest_with_each_trades_coin()
    {
        await using var db = await TestDatabase.CreateAsync();
        try
        {
            var sets = await db.Datasets.ListAsync();
            var legs = new List<PortfolioLeg>();
            foreach (var d in sets.Where(d => d.Symbol is "BTCUSDT" or "ETHUSDT"))
                legs.Add(new PortfolioLeg(d.Symbol, await db.Datasets.LoadCandlesAsync(d.Id), Timeframe.OneHour, SmaCrossoverStrategy.CatalogEntry, null));
            var p = PortfolioBacktester.Run(legs, new ExecutionSettings { InitialCash = 20_000m, LotStep = 0.0001m, FeeRate = 0.001m });

            int id = await db.Backtests.SaveAsync(p.Combined, "portfolio", null, "MULTI", "portfolio", p.TradeSymbols, "{\"legs\":2}");
            var saved = await db.Backtests.GetAsync(id);

            Assert.Equal(p.Combined.Metrics, saved!.Metrics);
            Assert.Equal(p.TradeSymbols.Order(), saved.TradeSymbols.Order());
            Assert.Contains("BTCUSDT", saved.TradeSymbols);
            Assert.Contains("ETHUSDT", saved.TradeSymbols);
            Assert.Equal("{\"legs\":2}", saved.Notes);
        }
        finally { db.Delete(); }
    }
}
