using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Velocitas.Data.Import;
using Velocitas.Data.Storage;
using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Web.Extensions;
using Velocitas.Web.Services;

namespace Velocitas.Web.Tests;

/// <summary>The app's backtests of a dataset held as its candle file's blocks (a big one), with and without a date range.</summary>
public class CompactDatasetTests
{
    [Fact]
    public async Task A_dataset_held_as_blocks_backtests_and_saves_as_the_same_candles_in_an_array_whole_and_by_date()
    {
        string folder = Directory.CreateTempSubdirectory("velocitas-compact-").FullName;
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Velocitas:DataPath"] = folder }).Build());
        services.AddVelocitasApp();
        // what the app does from a million candles on, here from a thousand
        services.AddSingleton(sp => new DatasetStore(sp.GetRequiredService<Velocitas.Data.VelocitasDbContextFactory>(), TimeProvider.System, sp.GetRequiredService<CandleFiles>()) { CompactFrom = 1_000 });
        await using var provider = services.BuildServiceProvider();
        try
        {
            await provider.InitializeDatabaseAsync();
            var parsed = CandleFileParser.Parse(SharedData.Real("BTCUSDT-1m-2021-05.csv"));
            int id = (await provider.GetRequiredService<DatasetStore>().ImportAsync(parsed, "BTC 1m", null, "test", null)).Dataset.Id;
            var runner = provider.GetRequiredService<BacktestRunner>();
            var settings = new ExecutionSettings { LotStep = 0.0001m, FeeRate = 0.001m };
            var parameters = new Dictionary<string, double> { ["fast"] = 10, ["slow"] = 30 };

            var whole = await runner.RunAsync(new BacktestRequest(id, "sma-crossover", parameters, settings));
            var expected = Backtester.RunSampled(parsed.Candles, Velocitas.Engine.Strategies.StrategyCatalog.Get("sma-crossover").Create(parameters), settings);
            Assert.Null(((Velocitas.Engine.Market.CandleSeries)whole.Candles).Array); // walked as blocks
            Assert.Equal(expected.Trades, whole.Result.Trades);
            Assert.Equal(expected.Equity, whole.Result.Equity);
            Assert.Equal(expected.Metrics.FinalEquity, whole.Result.Metrics.FinalEquity);
            var saved = await provider.GetRequiredService<BacktestStore>().GetAsync(whole.SavedId!.Value);
            Assert.Equal(expected.Trades, saved!.Trades);

            // 10 to 20 May: the range is a view of the blocks, from (inclusive) to (exclusive) as for an array
            var from = new DateTimeOffset(2021, 5, 10, 0, 0, 0, TimeSpan.Zero);
            var to = new DateTimeOffset(2021, 5, 20, 0, 0, 0, TimeSpan.Zero);
            var part = await runner.RunAsync(new BacktestRequest(id, "sma-crossover", parameters, settings, Save: false, From: from, To: to));
            var inRange = parsed.Candles.Where(c => c.Time >= from && c.Time < to).ToArray();
            var expectedPart = Backtester.RunSampled(inRange, Velocitas.Engine.Strategies.StrategyCatalog.Get("sma-crossover").Create(parameters), settings);
            Assert.Equal(10 * 1_440, part.Result.Candles);
            Assert.Equal((from, to.AddMinutes(-1)), (part.Result.First, part.Result.Last));
            Assert.Equal(expectedPart.Trades, part.Result.Trades);
            Assert.Equal(expectedPart.Equity, part.Result.Equity);
            Assert.Equal(inRange[5_000], part.Candles[5_000]);

            var empty = await Assert.ThrowsAsync<DateRangeException>(() => runner.RunAsync(new BacktestRequest(id, "sma-crossover", parameters, settings, Save: false,
                From: new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero), To: new DateTimeOffset(2022, 2, 1, 0, 0, 0, TimeSpan.Zero))));
            Assert.Equal("The chosen dates hold 0 candle(s); a backtest needs at least 2 (it runs from 2021-05-01 00:00 to 2021-05-31 23:59 UTC).", empty.Message);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, true); } catch (IOException) { }
        }
    }
}
