using Velocitas.Data.Import;
using Velocitas.Data.Storage;
using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;
using static Velocitas.Data.Tests.CandleFileTests;

namespace Velocitas.Data.Tests;

/// <summary>A big dataset held as its candle file's blocks reads and backtests exactly as the same candles in one array.</summary>
public class CompactCandlesTests
{
    [Fact]
    public async Task A_dataset_held_as_blocks_reads_bit_for_bit_as_the_array_every_way_across_block_edges()
    {
        await using var db = await TestDatabase.CreateAsync();
        try
        {
            var parsed = CandleFileParser.Parse(SharedData.Real("BTCUSDT-1m-2021-05.csv"));
            int id = (await db.Datasets.ImportAsync(parsed, "BTC 1m", null, "test", null)).Dataset.Id;
            var store = new DatasetStore(db.Factory, db.Clock, db.Files) { CompactFrom = 10_000 };

            var series = await store.LoadSeriesAsync(id);

            Assert.Null(series.Array); // held as blocks, not as one array
            Assert.Equal(44_640, series.Count);
            AssertSameBits(parsed.Candles, series.ToArray());
            AssertSameBits(parsed.Candles, series.ToList()); // the enumerator
            foreach (int i in new[] { 0, 1, 16_383, 16_384, 16_385, 32_767, 32_768, 44_639 })
                AssertSameBits([parsed.Candles[i]], [series[i]]); // the indexer, on both sides of each block edge
            var stretch = new Candle[20_000];
            series.CopyTo(10_000, stretch); // from inside the first block through the second into the third
            AssertSameBits(parsed.Candles[10_000..30_000], stretch);
            AssertSameBits(parsed.Candles[16_000..17_000], series.Slice(16_000, 1_000).ToArray());
            Assert.Equal(16_384, series.IndexAtOrAfter(parsed.Candles[16_384].Time));
            Assert.Equal(16_385, series.IndexAtOrAfter(parsed.Candles[16_384].Time.AddSeconds(1)));
            Assert.Equal(44_640, series.IndexAtOrAfter(parsed.Candles[^1].Time.AddMinutes(1)));
            Assert.Throws<ArgumentOutOfRangeException>(() => series.CopyTo(44_000, new Candle[641]));

            // below the threshold, and without candle files, a dataset is one array
            Assert.NotNull((await db.Datasets.LoadSeriesAsync(id)).Array);
            Assert.NotNull((await db.DatabaseOnly.LoadSeriesAsync(id)).Array);
        }
        finally { db.Delete(); }
    }

    [Fact]
    public async Task A_damaged_file_is_not_held_as_blocks_the_database_answers()
    {
        await using var db = await TestDatabase.CreateAsync();
        try
        {
            var parsed = CandleFileParser.Parse(SharedData.Real("BTCUSDT-1m-2021-05.csv"));
            int id = (await db.Datasets.ImportAsync(parsed, "BTC 1m", null, "test", null)).Dataset.Id;
            var bytes = await File.ReadAllBytesAsync(db.Files.PathOf(id));
            bytes[bytes.Length / 2] ^= 0x40;
            await File.WriteAllBytesAsync(db.Files.PathOf(id), bytes);
            var store = new DatasetStore(db.Factory, db.Clock, db.Files) { CompactFrom = 10_000 };

            Assert.Null(db.Files.TryReadCompact(id, (await db.Datasets.StampAsync(id))!.Value));
            var series = await store.LoadSeriesAsync(id);

            Assert.NotNull(series.Array); // read from the database (and the file written again)
            AssertSameBits(parsed.Candles, series.ToArray());
            Assert.Null((await store.LoadSeriesAsync(id)).Array); // the rewritten file is trusted again
        }
        finally { db.Delete(); }
    }

    [Theory]
    [InlineData(44_640)] // three stretches, the last one short
    [InlineData(32_768)] // exactly two
    [InlineData(100)]    // less than one
    public async Task A_backtest_walking_the_blocks_gives_the_array_runs_result(int count)
    {
        await using var db = await TestDatabase.CreateAsync();
        try
        {
            var candles = CandleFileParser.Parse(SharedData.Real("BTCUSDT-1m-2021-05.csv")).Candles[..count];
            var entity = await db.Datasets.SaveAsync("BTC 1m", "BTCUSDT", Timeframe.OneMinute, candles, "test");
            var series = await new DatasetStore(db.Factory, db.Clock, db.Files) { CompactFrom = 1 }.LoadSeriesAsync(entity.Id);
            Assert.Null(series.Array);
            var settings = new ExecutionSettings { LotStep = 0.0001m, FeeRate = 0.001m, SlippageBps = 2 };

            var array = Backtester.RunSampled(candles, SmaCrossoverStrategy.CatalogEntry.Create(new Dictionary<string, double> { ["fast"] = 5, ["slow"] = 20 }), settings);
            var blocks = Backtester.RunSampled(series, SmaCrossoverStrategy.CatalogEntry.Create(new Dictionary<string, double> { ["fast"] = 5, ["slow"] = 20 }), settings);

            Assert.True(array.Trades.Count > (count > 1_000 ? 100 : 0));
            Assert.Equal(VelocitasJson.Serialize(array.Metrics), VelocitasJson.Serialize(blocks.Metrics));
            Assert.Equal(array.Trades, blocks.Trades);
            Assert.Equal(array.Equity, blocks.Equity);
            Assert.Equal((array.Candles, array.First, array.Last, array.Timeframe), (blocks.Candles, blocks.First, blocks.Last, blocks.Timeframe));
            Assert.Equal(array.RejectedOrders, blocks.RejectedOrders);
        }
        finally { db.Delete(); }
    }

    [Fact]
    public async Task A_strategy_failing_mid_run_over_blocks_fails_the_run_with_its_error()
    {
        await using var db = await TestDatabase.CreateAsync();
        try
        {
            var candles = CandleFileParser.Parse(SharedData.Real("BTCUSDT-1m-2021-05.csv")).Candles;
            var entity = await db.Datasets.SaveAsync("BTC 1m", "BTCUSDT", Timeframe.OneMinute, candles, "test");
            var series = await new DatasetStore(db.Factory, db.Clock, db.Files) { CompactFrom = 1 }.LoadSeriesAsync(entity.Id);
            var two = series.Slice(20_000, 2); // two candles in order: fine
            Assert.Equal(2, Backtester.RunSampled(two, SmaCrossoverStrategy.CatalogEntry.Create()).Candles);

            var error = Assert.Throws<InvalidOperationException>(() => Backtester.RunSampled(new OutOfOrderAt(series, 20_000), SmaCrossoverStrategy.CatalogEntry.Create()));
            Assert.Contains("time order", error.Message);
        }
        finally { db.Delete(); }
    }

    /// <summary>A series whose candle <c>at</c> repeats the one before it (the session refuses it in the second stretch).</summary>
    private sealed class OutOfOrderAt(CandleSeries inner, int at) : CandleSeries
    {
        public override int Count => inner.Count;

        public override void CopyTo(int start, Span<Candle> into)
        {
            inner.CopyTo(start, into);
            if (at >= start && at < start + into.Length && at > 0) into[at - start] = inner[at - 1];
        }
    }
}
