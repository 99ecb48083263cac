using Microsoft.EntityFrameworkCore;
using Velocitas.Data.Entities;
using Velocitas.Data.Import;
using Velocitas.Engine.Market;
using static Velocitas.Data.Tests.CandleFileTests;

namespace Velocitas.Data.Tests;

/// <summary>Candles stored a block per row: exact round trips, ranges across blocks, rows of earlier versions, damage.</summary>
public class CandleBlockStoreTests
{
    [Fact]
    public async Task An_import_is_stored_in_blocks_of_16384_and_read_back_bit_for_bit_whole_and_by_range()
    {
        await using var db = await TestDatabase.CreateAsync();
        try
        {
            var parsed = CandleFileParser.Parse(SharedData.Real("BTCUSDT-1m-2021-05.csv"));
            int id = (await db.Datasets.ImportAsync(parsed, "BTC 1m", null, "test", null)).Dataset.Id;

            await using (var ctx = db.Factory.CreateDbContext())
            {
                var blocks = await ctx.CandleBlocks.Where(b => b.DatasetId == id).OrderBy(b => b.FirstTime).ToListAsync();
                Assert.Equal([16_384, 16_384, 44_640 - 2 * 16_384], blocks.Select(b => b.Count));
                Assert.Equal(parsed.Candles[16_384].Time.ToUnixTimeMilliseconds(), blocks[1].FirstTime);
                Assert.Equal(parsed.Candles[^1].Time.ToUnixTimeMilliseconds(), blocks[2].LastTime);
                Assert.InRange(blocks.Sum(b => (long)b.Data.Length), 44_640 * 28, 44_640 * 28 + 3 * 32); // 28 bytes a candle, 32 a block
                Assert.Equal(0, await ctx.Candles.CountAsync(c => c.DatasetId == id));
            }

            AssertSameBits(parsed.Candles, await db.DatabaseOnly.LoadCandlesAsync(id));
            // the candle file was written from the same encoded blocks: byte for byte the file a whole write makes
            var fromBlocks = await File.ReadAllBytesAsync(db.Files.PathOf(id));
            Assert.True(db.Files.TryWrite(id, (await db.Datasets.StampAsync(id))!.Value, parsed.Candles));
            Assert.Equal(fromBlocks, await File.ReadAllBytesAsync(db.Files.PathOf(id)));
            Assert.Empty(Directory.GetFiles(db.Files.Folder, "*.tmp"));
            // a range that starts inside the first block and ends inside the third
            var from = parsed.Candles[1_000].Time;
            var to = parsed.Candles[40_000].Time;
            AssertSameBits(parsed.Candles[1_000..40_001], await db.DatabaseOnly.LoadCandlesAsync(id, from, to));
            // a range between two candles of one block, and one after the last candle
            AssertSameBits(parsed.Candles[20_000..20_001], await db.DatabaseOnly.LoadCandlesAsync(id, parsed.Candles[20_000].Time.AddSeconds(-30), parsed.Candles[20_000].Time.AddSeconds(30)));
            Assert.Empty(await db.DatabaseOnly.LoadCandlesAsync(id, parsed.Candles[^1].Time.AddMinutes(1)));
        }
        finally { db.Delete(); }
    }

    [Fact]
    public async Task Candles_stored_a_row_each_by_an_earlier_version_are_read_with_the_blocks_appended_since_and_deleted_with_them()
    {
        await using var db = await TestDatabase.CreateAsync();
        try
        {
            var parsed = CandleFileParser.Parse(SharedData.Real("Binance_BTCUSDT_d.csv"));
            var older = parsed.Candles[..500];
            var entity = await db.Datasets.SaveAsync("BTC daily", "BTCUSDT", Timeframe.OneDay, older, "test");
            await using (var ctx = db.Factory.CreateDbContext())
            {
                // what an earlier version left: the same candles as rows, no blocks
                await ctx.CandleBlocks.Where(b => b.DatasetId == entity.Id).ExecuteDeleteAsync();
                ctx.Candles.AddRange(older.Select(c => new CandleEntity
                {
                    DatasetId = entity.Id, Time = c.Time, Open = c.Open, High = c.High, Low = c.Low, Close = c.Close, Volume = c.Volume,
                }));
                await ctx.SaveChangesAsync();
            }
            db.Files.Invalidate(entity.Id);

            // rows come back as that version stored them (EF Core's decimal text: equal values, "3850.0" for 3850)
            Assert.Equal(older, await db.Datasets.LoadCandlesAsync(entity.Id));
            Assert.Equal(parsed.Candles.Length - 500, await db.Datasets.AppendAsync(entity.Id, parsed.Candles[400..]));

            var loaded = await db.DatabaseOnly.LoadCandlesAsync(entity.Id);
            Assert.Equal(parsed.Candles, loaded);
            AssertSameBits(parsed.Candles[500..], loaded[500..]); // the appended ones, from their block, scale included
            Assert.Equal(parsed.Candles, await db.Datasets.LoadCandlesAsync(entity.Id));
            Assert.Equal(parsed.Candles[450..550], await db.DatabaseOnly.LoadCandlesAsync(entity.Id, parsed.Candles[450].Time, parsed.Candles[549].Time));

            Assert.True(await db.Datasets.DeleteAsync(entity.Id));
            await using (var ctx = db.Factory.CreateDbContext())
            {
                Assert.Equal(0, await ctx.Candles.CountAsync(c => c.DatasetId == entity.Id));
                Assert.Equal(0, await ctx.CandleBlocks.CountAsync(b => b.DatasetId == entity.Id));
            }
        }
        finally { db.Delete(); }
    }

    [Fact]
    public async Task A_price_too_long_for_a_block_keeps_its_candles_in_rows_exactly()
    {
        await using var db = await TestDatabase.CreateAsync();
        try
        {
            var t0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var candles = new[]
            {
                new Candle(t0, 1m, 2m, 0.5m, 1.5m, 10),
                new Candle(t0.AddHours(1), 1.5m, 123456789012345678901.5m, 1.25m, 1.75m, 11), // a 72-bit mantissa
            };
            var entity = await db.Datasets.SaveAsync("wide", "X", Timeframe.OneHour, candles, "test");

            AssertSameBits(candles, await db.DatabaseOnly.LoadCandlesAsync(entity.Id));
            await using var ctx = db.Factory.CreateDbContext();
            Assert.Equal(2, await ctx.Candles.CountAsync(c => c.DatasetId == entity.Id));
            Assert.Equal(0, await ctx.CandleBlocks.CountAsync(b => b.DatasetId == entity.Id));
        }
        finally { db.Delete(); }
    }

    [Fact]
    public async Task A_damaged_block_is_reported_with_its_dataset_and_time_instead_of_wrong_candles()
    {
        await using var db = await TestDatabase.CreateAsync();
        try
        {
            var parsed = CandleFileParser.Parse(SharedData.Real("Binance_BTCUSDT_d.csv"));
            var entity = await db.Datasets.SaveAsync("BTC daily", "BTCUSDT", Timeframe.OneDay, parsed.Candles, "test");
            await using (var ctx = db.Factory.CreateDbContext())
            {
                var block = await ctx.CandleBlocks.SingleAsync(b => b.DatasetId == entity.Id);
                block.Data = block.Data[..^1]; // cut short
                await ctx.SaveChangesAsync();
            }

            var error = await Assert.ThrowsAsync<InvalidDataException>(() => db.DatabaseOnly.LoadCandlesAsync(entity.Id));
            Assert.Equal($"Dataset #{entity.Id}: the stored candle block starting {parsed.Candles[0].Time:u} is damaged.", error.Message);
        }
        finally { db.Delete(); }
    }
}
