using Velocitas.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Velocitas.Data.Import;

namespace Velocitas.Data.Tests;

public class DatasetStoreTests
{
    [Fact]
    public async Task A_fresh_database_is_migrated_in_WAL_mode_and_has_the_three_demo_datasets()
    {
        await using var db = await TestDatabase.CreateAsync();
        try
        {
            var list = await db.Datasets.ListAsync();
            Assert.Equal(new[] { "BTCUSDT", "ETHUSDT", "SOLUSDT" }, list.Select(d => d.Symbol).Order());
            Assert.All(list, d => Assert.Equal((DatabaseInitializer.DemoCandles, "1h", "demo"), (d.Rows, d.Timeframe, d.Source)));
            await using var ctx = db.Factory.CreateDbContext();
            Assert.Empty(await ctx.Database.GetPendingMigrationsAsync());
            var mode = await ctx.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync();
            Assert.Equal("wal", Assert.Single(mode));
            Assert.True(File.Exists(DatabaseOptions.SqliteFile(db.Folder)));
        }
        finally { db.Delete(); }
    }

    [Fact]
    public async Task Demo_datasets_are_deterministic_and_not_seeded_twice()
    {
        await using var a = await TestDatabase.CreateAsync();
        await using var b = await TestDatabase.CreateAsync();
        try
        {
            var btcA = await a.Datasets.LoadCandlesAsync((await a.Datasets.ListAsync()).Single(d => d.Symbol == "BTCUSDT").Id);
            var btcB = await b.Datasets.LoadCandlesAsync((await b.Datasets.ListAsync()).Single(d => d.Symbol == "BTCUSDT").Id);
            Assert.Equal(btcA, btcB);
            await using var again = await a.ReopenAsync();
            Assert.Equal(3, (await again.Datasets.ListAsync()).Count);
        }
        finally { a.Delete(); b.Delete(); }
    }

    [Fact]
    public async Task Imported_candles_come_back_exactly_and_survive_a_restart()
    {
        await using var db = await TestDatabase.CreateAsync();
        try
        {
            var parsed = CandleFileParser.Parse(SharedData.Real("Binance_BTCUSDT_d.csv"));
            var imported = await db.Datasets.ImportAsync(parsed, "BTC daily", null, "test", "Binance_BTCUSDT_d.csv");

            Assert.Equal("BTCUSDT", imported.Dataset.Symbol);
            Assert.Equal(1394, imported.Dataset.Rows);
            Assert.Equal(parsed.Candles, await db.Datasets.LoadCandlesAsync(imported.Dataset.Id));
        Assert.Equal(parsed.Candles, await db.DatabaseOnly.LoadCandlesAsync(imported.Dataset.Id)); // its blocks in PostgreSQL (bytea)
        var from = parsed.Candles[100].Time.AddHours(1);
        Assert.Equal(parsed.Candles.Where(c => c.Time >= from).ToArray(), await db.Datasets.LoadCandlesAsync(imported.Dataset.Id, from));
        Assert.True(await db.Datasets.DeleteAsync(imported.Dataset.Id));
        imported = await db.Datasets.ImportAsync(parsed, "BTC daily", null, "test", null);

            await using var restarted = await db.ReopenAsync();
            var again = await restarted.Datasets.GetAsync(imported.Dataset.Id);
            Assert.Equal(imported.Dataset, again);
            Assert.Equal(parsed.Candles, await restarted.Datasets.LoadCandlesAsync(imported.Dataset.Id));
            var report = await restarted.Datasets.GetReportAsync(imported.Dataset.Id);
            Assert.Equal(1, report!.DuplicatesDropped);
            Assert.Equal(CsvFormat.CryptoDataDownload, report.Format);
        }
        finally { db.Delete(); }
    }

    [Fact]
    public async Task A_cancelled_import_stores_nothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        try
        {
            var parsed = CandleFileParser.Parse(SharedData.Real("BTCUSDT-1m-2021-05.csv"));
            using var cts = new CancellationTokenSource();
            var progress = new SyncProgress(p => { if (p > 0.3) cts.Cancel(); });

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => db.Datasets.ImportAsync(parsed, "half", null, "test", null, progress, cts.Token));

            Assert.Equal(3, (await db.Datasets.ListAsync()).Count);
            await using var ctx = db.Factory.CreateDbContext();
            Assert.Equal(3 * DatabaseInitializer.DemoCandles, await ctx.CandleBlocks.SumAsync(b => b.Count) + await ctx.Candles.CountAsync());
        }
        finally { db.Delete(); }
    }

    [Fact]
    public async Task Rename_and_delete()
    {
        await using var db = await TestDatabase.CreateAsync();
        try
        {
            int id = (await db.Datasets.ListAsync())[0].Id;
            Assert.True(await db.Datasets.RenameAsync(id, "  My BTC  "));
            Assert.Equal("My BTC", (await db.Datasets.GetAsync(id))!.Name);
            Assert.False(await db.Datasets.RenameAsync(9999, "x"));
            await Assert.ThrowsAsync<ArgumentException>(() => db.Datasets.RenameAsync(id, " "));

            Assert.True(await db.Datasets.DeleteAsync(id));
            Assert.Null(await db.Datasets.GetAsync(id));
            Assert.Empty(await db.Datasets.LoadCandlesAsync(id));
            Assert.False(await db.Datasets.DeleteAsync(id));
        }
        finally { db.Delete(); }
    }

    [Theory]
    [InlineData("BTCUSDT-1m-2021-05.csv", "BTCUSDT")]
    [InlineData("Binance_ETHUSDT_1h.csv", "ETHUSDT")]
    [InlineData("GOOG.csv", "GOOG")]
    [InlineData("data.csv", null)]
    public void Symbols_are_guessed_from_file_names(string file, string? symbol) =>
        Assert.Equal(symbol, Storage.DatasetStore.SymbolFromFileName(file));

    [PostgresFact]
    public async Task The_same_model_runs_on_PostgreSQL()
    {
        var options = new DatabaseOptions { Provider = "Postgres", ConnectionString = Environment.GetEnvironmentVariable("VELOCITAS_TEST_POSTGRES") };
        await using (var ctx = new VelocitasDbContextFactory(options, Path.GetTempPath()).CreateDbContext())
        {
            await ctx.Database.EnsureDeletedAsync();
        }
        await using var db = await TestDatabase.CreateAsync(options);
        var parsed = CandleFileParser.Parse(SharedData.Real("Binance_BTCUSDT_d.csv"));
        var imported = await db.Datasets.ImportAsync(parsed, "BTC daily", null, "test", null);
        Assert.Equal(parsed.Candles, await db.Datasets.LoadCandlesAsync(imported.Dataset.Id));
        Assert.Equal(parsed.Candles, await db.DatabaseOnly.LoadCandlesAsync(imported.Dataset.Id)); // its blocks in PostgreSQL (bytea)
        var from = parsed.Candles[100].Time.AddHours(1);
        Assert.Equal(parsed.Candles.Where(c => c.Time >= from).ToArray(), await db.Datasets.LoadCandlesAsync(imported.Dataset.Id, from));
        Assert.True(await db.Datasets.DeleteAsync(imported.Dataset.Id));
        imported = await db.Datasets.ImportAsync(parsed, "BTC daily", null, "test", null);
        Assert.Equal(4, (await db.Datasets.ListAsync()).Count);

        var result = Velocitas.Engine.Backtesting.Backtester.Run(parsed.Candles, "sma-crossover", null, new Velocitas.Engine.Execution.ExecutionSettings { LotStep = 0.0001m, FeeRate = 0.001m });
        int id = await db.Backtests.SaveAsync(result, "BTC daily", imported.Dataset.Id, "BTCUSDT", "test");
        var saved = await db.Backtests.GetAsync(id);
        Assert.Equal(result.Trades, saved!.Trades);
        Assert.Equal(result.Metrics, saved.Metrics);

        var live = new LiveStore(db.Factory, db.Clock);
        var point = new Velocitas.Engine.Execution.Equity(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), 12_345.6789m);
        await live.SaveAsync(new Velocitas.Engine.Live.LiveBatch([], new Dictionary<int, Velocitas.Engine.Execution.AccountState>(), new Dictionary<int, decimal>(), [point]), default);
        Assert.Equal([point], await live.LoadPortfolioEquityAsync(10, default));
    }
}

/// <summary>IProgress that reports synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
internal sealed class SyncProgress(Action<double> report) : IProgress<double>
{
    public void Report(double value) => report(value);
}
