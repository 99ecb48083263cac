using Microsoft.EntityFrameworkCore;
using Velocitas.Data.Storage;
using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;

namespace Velocitas.Data.Tests;

public class BacktestStoreTests
{
    private static async Task<(TestDatabase Db, Candle[] Candles, int DatasetId)> SetupAsync()
    {
        var db = await TestDatabase.CreateAsync();
        var btc = (await db.Datasets.ListAsync()).Single(d => d.Symbol == "BTCUSDT");
        return (db, await db.Datasets.LoadCandlesAsync(btc.Id), btc.Id);
    }

    [Fact]
    public async Task A_saved_run_comes_back_with_identical_metrics_trades_and_settings_after_a_restart()
    {
        var (db, candles, datasetId) = await SetupAsync();
        try
        {
            var settings = new ExecutionSettings { FeeRate = 0.001m, LotStep = 0.0001m, SlippageBps = 3, StopLossPct = 5 };
            var result = Backtester.Run(candles, "macd", null, settings);
            int id = await db.Backtests.SaveAsync(result, "BTC demo", datasetId, "BTCUSDT", "test");

            await using var restarted = await db.ReopenAsync();
            var saved = await restarted.Backtests.GetAsync(id);

            Assert.NotNull(saved);
            Assert.Equal(result.Metrics, saved!.Metrics);
            Assert.Equal(result.Trades, saved.Trades);
            Assert.Equal(settings, saved.Settings);
            Assert.Equal(("macd", "BTCUSDT", "1h", candles.Length), (saved.Summary.StrategyId, saved.Summary.Symbol, saved.Summary.Timeframe, saved.Summary.Candles));
            Assert.Equal(new Dictionary<string, double> { ["fast"] = 12, ["slow"] = 26, ["signal"] = 9 }, saved.Summary.Parameters);
            Assert.Equal(result.Equity[0], saved.Equity[0]);
            Assert.Equal(result.Equity[^1], saved.Equity[^1]);
            Assert.True(saved.Equity.Count <= EquitySampler.DefaultMaxPoints);
            Assert.Equal(db.Clock.GetUtcNow(), saved.Summary.CreatedAt);
        }
        finally { db.Delete(); }
    }

    [Fact]
    public async Task A_strategys_plot_series_and_log_are_kept_with_the_run_bounded_per_series()
    {
        var (db, candles, datasetId) = await SetupAsync();
        try
        {
            var t0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var many = Enumerable.Range(0, 10_001).Select(i => new Velocitas.Strategies.Hosting.PlotPoint(t0.AddHours(i), i == 5 ? double.NaN : i * 0.5)).ToArray();
            var output = new Velocitas.Engine.Strategies.StrategyOutput(
                new Dictionary<string, IReadOnlyList<Velocitas.Strategies.Hosting.PlotPoint>> { ["spread"] = many, ["short"] = [new(t0, 1.25)] },
                [new(null, "started"), new(t0.AddHours(3), "bought at 42")]);
            var result = Backtester.Run(candles, "sma-crossover", null, new ExecutionSettings()) with { Output = output };
            int id = await db.Backtests.SaveAsync(result, "BTC demo", datasetId, "BTCUSDT", "lab");
            int plain = await db.Backtests.SaveAsync(Backtester.Run(candles, "rsi", null, new ExecutionSettings()), "BTC demo", datasetId, "BTCUSDT", "test");

            await using var restarted = await db.ReopenAsync();
            var saved = (await restarted.Backtests.GetAsync(id))!.Output;

            Assert.Equal([new(null, "started"), new(t0.AddHours(3), "bought at 42")], saved.Log);
            Assert.Equal([new(t0, 1.25)], saved.Plots["short"]);
            var spread = saved.Plots["spread"];
            Assert.True(spread.Count <= StrategyOutputJson.MaxPointsPerSeries, $"{spread.Count} points kept");
            Assert.Equal(many[0], spread[0]);
            Assert.Equal(many[^1], spread[^1]);   // the last point is always kept
            Assert.All(spread, p => Assert.True(double.IsFinite(p.Value)));
            Assert.Same(Velocitas.Engine.Strategies.StrategyOutput.Empty, (await restarted.Backtests.GetAsync(plain))!.Output);
        }
        finally { db.Delete(); }
    }

    [Fact]
    public async Task Runs_are_filtered_by_strategy_and_symbol_sorted_and_deleted()
    {
        var (db, candles, datasetId) = await SetupAsync();
        try
        {
            var ids = new Dictionary<string, int>();
            foreach (string s in new[] { "sma-crossover", "rsi", "donchian" })
            {
                db.Clock.Advance(TimeSpan.FromMinutes(1));
                ids[s] = await db.Backtests.SaveAsync(Backtester.Run(candles, s), "BTC demo", datasetId, "BTCUSDT", "test");
            }
            int eth = await db.Backtests.SaveAsync(Backtester.Run(candles, "rsi"), "other", null, "ETHUSDT", "test");

            Assert.Equal(new[] { eth, ids["donchian"], ids["rsi"], ids["sma-crossover"] }, (await db.Backtests.ListAsync()).Select(r => r.Id));
            Assert.Equal(new[] { ids["rsi"], eth }.Order(), (await db.Backtests.ListAsync(new BacktestQuery { Strategy = "rsi" })).Select(r => r.Id).Order());
            Assert.Equal(new[] { eth }, (await db.Backtests.ListAsync(new BacktestQuery { Symbol = "ethusdt" })).Select(r => r.Id));
            var byReturn = await db.Backtests.ListAsync(new BacktestQuery { SortBy = "return" });
            Assert.Equal(byReturn.Select(r => r.TotalReturnPct).OrderDescending(), byReturn.Select(r => r.TotalReturnPct));
            var facets = await db.Backtests.FacetsAsync();
            Assert.Equal(new[] { "donchian", "rsi", "sma-crossover" }, facets.Strategies);
            Assert.Equal(new[] { "BTCUSDT", "ETHUSDT" }, facets.Symbols);

            Assert.True(await db.Backtests.DeleteAsync(ids["rsi"]));
            Assert.Null(await db.Backtests.GetAsync(ids["rsi"]));
            Assert.False(await db.Backtests.DeleteAsync(ids["rsi"]));
            Assert.Equal(3, (await db.Backtests.ListAsync()).Count);
        }
        finally { db.Delete(); }
    }

    [Fact]
    public async Task Deleting_a_dataset_keeps_the_saved_runs_on_it()
    {
        var (db, candles, datasetId) = await SetupAsync();
        try
        {
            int id = await db.Backtests.SaveAsync(Backtester.Run(candles, "rsi"), "BTC demo", datasetId, "BTCUSDT", "test");
            await db.Datasets.DeleteAsync(datasetId);
            var saved = await db.Backtests.GetAsync(id);
            Assert.NotNull(saved);
            Assert.Null(saved!.Summary.DatasetId);
        }
        finally { db.Delete(); }
    }

    [Fact]
    public async Task Trades_saved_in_bulk_are_stored_exactly_as_ef_core_stores_them()
    {
        var (db, candles, datasetId) = await SetupAsync();
        try
        {
            var result = Backtester.Run(candles, "rsi", null, new ExecutionSettings { FeeRate = 0.001m, LotStep = 0.0001m, SlippageBps = 3 });
            Assert.True(result.Trades.Count >= 3);
            int id = await db.Backtests.SaveAsync(result, "BTC demo", datasetId, "BTCUSDT", "test");
            Assert.Equal(result.Trades, (await db.Backtests.GetAsync(id))!.Trades);
            await using (var context = db.Factory.CreateDbContext())
            {
                // the same trades again, through EF Core's own insert
                foreach (var t in result.Trades)
                {
                    var entity = BacktestStore.ToEntity(t, "BTCUSDT");
                    entity.BacktestRunId = id;
                    context.Trades.Add(entity);
                }
                await context.SaveChangesAsync();
            }

            await using var raw = db.Factory.CreateDbContext();
            var connection = raw.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"BacktestRunId\", \"StrategyInstanceId\", \"Symbol\", \"EntryTime\", \"ExitTime\", \"Quantity\", \"EntryPrice\", \"ExitPrice\", \"Pnl\", \"Fees\", \"ReturnPct\", \"ExitReason\" FROM \"Trades\" ORDER BY \"Id\"";
            var rows = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                    rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(c => reader.IsDBNull(c) ? "null" : $"{reader.GetFieldType(c).Name}:{reader.GetValue(c)}")));
            }
            int n = result.Trades.Count;
            Assert.Equal(2 * n, rows.Count);
            Assert.Equal(rows.Skip(n), rows.Take(n));
        }
        finally { db.Delete(); }
    }

    [Fact]
    public async Task A_saved_runs_trades_stay_out_of_the_live_trades_index_which_live_lookups_still_use()
    {
        // runs on one dataset share their exit times: in an index on (instance, exit time) each run's trades would land
        // on a leaf page each among the earlier runs' (a 5,500-trade run wrote ~20 MB to save)
        var (db, candles, datasetId) = await SetupAsync();
        try
        {
            var result = Backtester.Run(candles, "macd", null, new ExecutionSettings { FeeRate = 0.001m, LotStep = 0.0001m });
            await db.Backtests.SaveAsync(result, "BTC demo", datasetId, "BTCUSDT", "test");
            await db.Backtests.SaveAsync(result, "BTC demo", datasetId, "BTCUSDT", "test");

            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabaseOptions.SqliteFile(db.Folder)}");
            await connection.OpenAsync();
            async Task<string> Scalar(string sql)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                var parts = new List<string>();
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) parts.Add(reader.GetValue(reader.FieldCount - 1).ToString()!);
                return string.Join(" / ", parts);
            }

            Assert.True(result.Trades.Count > 10);
            Assert.Equal("0", await Scalar("SELECT COUNT(*) FROM \"Trades\" INDEXED BY \"IX_Trades_StrategyInstanceId_ExitTime\" WHERE \"StrategyInstanceId\" IS NOT NULL"));
            Assert.Equal((2 * result.Trades.Count).ToString(), await Scalar("SELECT COUNT(*) FROM \"Trades\" WHERE \"BacktestRunId\" IS NOT NULL"));
            string plan = await Scalar("EXPLAIN QUERY PLAN SELECT * FROM \"Trades\" WHERE \"StrategyInstanceId\" = 1 ORDER BY \"ExitTime\" DESC LIMIT 50");
            Assert.Contains("IX_Trades_StrategyInstanceId_ExitTime", plan);
            Assert.Contains("WHERE \"StrategyInstanceId\" IS NOT NULL", await Scalar("SELECT sql FROM sqlite_master WHERE name = 'IX_Trades_StrategyInstanceId_ExitTime'"));
        }
        finally { db.Delete(); }
    }

    [Fact]
    public void Equity_sampling_keeps_the_extremes_first_and_last()
    {
        var t0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var curve = Enumerable.Range(0, 100_000).Select(i => new Equity(t0.AddMinutes(i), 1000m + (decimal)Math.Sin(i / 500.0) * 100m + (i == 54_321 ? -400m : 0m))).ToList();
        var sampled = EquitySampler.Sample(curve, 1000);

        Assert.True(sampled.Count <= 1000);
        Assert.Equal(curve[0], sampled[0]);
        Assert.Equal(curve[^1], sampled[^1]);
        Assert.Contains(curve[54_321], sampled);
        Assert.True(sampled.Zip(sampled.Skip(1)).All(p => p.First.Time < p.Second.Time));
    }
}
