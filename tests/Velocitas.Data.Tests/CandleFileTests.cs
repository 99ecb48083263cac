using Velocitas.Data.Import;
using Velocitas.Data.Storage;
using Velocitas.Engine.Market;

namespace Velocitas.Data.Tests;

public class CandleFileTests
{
    [Fact]
    public async Task An_import_writes_the_candle_file_and_loads_give_the_databases_candles_bit_for_bit()
    {
        await using var db = await TestDatabase.CreateAsync();
        try
        {
            var parsed = CandleFileParser.Parse(SharedData.Real("BTCUSDT-1m-2021-05.csv"));
            var id = (await db.Datasets.ImportAsync(parsed, "BTC 1m", null, "test", "BTCUSDT-1m-2021-05.csv")).Dataset.Id;

            Assert.True(File.Exists(db.Files.PathOf(id)));
            var stamp = (await db.Datasets.StampAsync(id))!.Value;
            var fromFile = db.Files.TryRead(id, stamp);
            Assert.NotNull(fromFile);
            AssertSameBits(await db.DatabaseOnly.LoadCandlesAsync(id), fromFile);
            AssertSameBits(await db.DatabaseOnly.LoadCandlesAsync(id), await db.Datasets.LoadCandlesAsync(id));
            Assert.Equal(44_640, fromFile.Length);
            // 28 bytes a one-minute candle: 4 time (from the block's first), 8 volume, 4 × 4 mantissa (one scale per block)
            Assert.InRange(new FileInfo(db.Files.PathOf(id)).Length, 44_640 * 28, 44_640 * 28 + 1_024);
        }
        finally { db.Delete(); }
    }

    [Fact]
    public async Task Prices_keep_their_scale_and_wide_mantissas_round_trip()
    {
        await using var db = await TestDatabase.CreateAsync();
        try
        {
            var t0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var candles = new[]
            {
                new Candle(t0, 42000.10m, 42000.100m, 41999.9m, 42000.10m, 1.5),
                new Candle(t0.AddHours(1), 123456789.123456m, 123456790m, 123456788.5m, 123456789.000000m, 0),
                new Candle(t0.AddHours(2), 0.00000123m, 0.00000125m, 0.00000120m, 0.00000124m, 1e9),
            };
            var entity = await db.Datasets.SaveAsync("odd prices", "X", Timeframe.OneHour, candles, "test");

            var loaded = await db.Datasets.LoadCandlesAsync(entity.Id);

            AssertSameBits(candles, loaded);
            Assert.Equal("42000.100", loaded[0].High.ToString(System.Globalization.CultureInfo.InvariantCulture));
            AssertSameBits(await db.DatabaseOnly.LoadCandlesAsync(entity.Id), loaded);
        }
        finally { db.Delete(); }
    }

    [Theory]
    [InlineData("flip a byte in the middle")]
    [InlineData("cut the end off")]
    [InlineData("append a byte")]
    [InlineData("zero the header")]
    public async Task A_damaged_file_is_never_trusted_the_database_answers_and_the_file_is_rewritten(string damage)
    {
        await using var db = await TestDatabase.CreateAsync();
        try
        {
            var id = (await db.Datasets.ListAsync()).First().Id;
            var expected = await db.DatabaseOnly.LoadCandlesAsync(id);
            await db.Datasets.LoadCandlesAsync(id); // writes the demo dataset's file
            string path = db.Files.PathOf(id);
            var bytes = File.ReadAllBytes(path);
            switch (damage)
            {
                case "flip a byte in the middle": bytes[bytes.Length / 2] ^= 0x40; break;
                case "cut the end off": bytes = bytes[..^9]; break;
                case "append a byte": bytes = [.. bytes, 0]; break;
                default: Array.Clear(bytes, 0, 64); break;
            }
            File.WriteAllBytes(path, bytes);
            var stamp = (await db.Datasets.StampAsync(id))!.Value;
            Assert.Null(db.Files.TryRead(id, stamp));

            AssertSameBits(expected, await db.Datasets.LoadCandlesAsync(id));
            AssertSameBits(expected, db.Files.TryRead(id, stamp)!);
        }
        finally { db.Delete(); }
    }

    [Fact]
    public async Task Another_datasets_file_is_not_taken_for_this_one()
    {
        await using var db = await TestDatabase.CreateAsync();
        try
        {
            var ids = (await db.Datasets.ListAsync()).Select(d => d.Id).ToArray();
            await db.Datasets.LoadCandlesAsync(ids[0]);
            File.Copy(db.Files.PathOf(ids[0]), db.Files.PathOf(ids[1]), overwrite: true);

            Assert.Null(db.Files.TryRead(ids[1], (await db.Datasets.StampAsync(ids[1]))!.Value));
            AssertSameBits(await db.DatabaseOnly.LoadCandlesAsync(ids[1]), await db.Datasets.LoadCandlesAsync(ids[1]));
        }
        finally { db.Delete(); }
    }

    [Fact]
    public async Task Appending_candles_replaces_the_file_and_deleting_the_dataset_removes_it()
    {
        await using var db = await TestDatabase.CreateAsync();
        try
        {
            var parsed = CandleFileParser.Parse(SharedData.Real("Binance_BTCUSDT_d.csv"));
            var first = parsed.Candles[..1000];
            var entity = await db.Datasets.SaveAsync("BTC daily", "BTCUSDT", Timeframe.OneDay, first, "test");
            Assert.Equal(1000, (await db.Datasets.LoadCandlesAsync(entity.Id)).Length);

            int added = await db.Datasets.AppendAsync(entity.Id, parsed.Candles[900..]);

            Assert.Equal(parsed.Candles.Length - 1000, added);
            Assert.False(File.Exists(db.Files.PathOf(entity.Id)));
            var loaded = await db.Datasets.LoadCandlesAsync(entity.Id);
            AssertSameBits(parsed.Candles, loaded);
            Assert.NotNull(db.Files.TryRead(entity.Id, (await db.Datasets.StampAsync(entity.Id))!.Value));

            Assert.True(await db.Datasets.DeleteAsync(entity.Id));
            Assert.False(File.Exists(db.Files.PathOf(entity.Id)));
            Assert.Empty(await db.Datasets.LoadCandlesAsync(entity.Id));
        }
        finally { db.Delete(); }
    }

    [Fact]
    public async Task A_file_left_behind_by_a_deleted_dataset_is_not_read_for_a_new_one_with_the_same_id()
    {
        await using var db = await TestDatabase.CreateAsync();
        try
        {
            var parsed = CandleFileParser.Parse(SharedData.Real("Binance_BTCUSDT_d.csv"));
            var old = await db.Datasets.SaveAsync("old", "BTCUSDT", Timeframe.OneDay, parsed.Candles, "test");
            string kept = Path.Combine(db.Folder, "kept.vcf");
            File.Copy(db.Files.PathOf(old.Id), kept);
            await db.Datasets.DeleteAsync(old.Id);
            db.Clock.Advance(TimeSpan.FromMinutes(1));
            var again = await db.Datasets.SaveAsync("new", "BTCUSDT", Timeframe.OneDay, parsed.Candles, "test");
            File.Copy(kept, db.Files.PathOf(again.Id), overwrite: true);

            var stamp = (await db.Datasets.StampAsync(again.Id))!.Value;
            Assert.Null(db.Files.TryRead(again.Id, stamp)); // same candles, but the dataset was created later
            AssertSameBits(parsed.Candles, await db.Datasets.LoadCandlesAsync(again.Id));
        }
        finally { db.Delete(); }
    }

    [Fact]
    public void Blocks_decoded_at_once_come_back_in_order_and_a_block_older_than_the_one_before_is_refused()
    {
        var t0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var candles = Enumerable.Range(0, (5 * CandleFile.BlockSize) + 123)
            .Select(i => new Candle(t0.AddMinutes(i), 100m + (i % 97) + 0.25m, 200m + (i % 89), 50m + (i % 7), 100.5m + (i % 13), i * 0.5))
            .ToArray();
        var stamp = new CandleFileStamp(7, candles.Length, candles[0].Time.ToUnixTimeMilliseconds(), candles[^1].Time.ToUnixTimeMilliseconds(), 1);
        using var good = new MemoryStream();
        CandleFile.Write(good, stamp, candles);
        good.Position = 0;
        AssertSameBits(candles, CandleFile.TryRead(good, stamp)!);

        // the third block starts before the second ends: each block is in order, the file is not
        var shuffled = (Candle[])candles.Clone();
        for (int i = 2 * CandleFile.BlockSize; i < 3 * CandleFile.BlockSize; i++) shuffled[i] = shuffled[i] with { Time = shuffled[i].Time.AddDays(-1) };
        using var bad = new MemoryStream();
        CandleFile.Write(bad, stamp, shuffled);
        bad.Position = 0;
        Assert.Null(CandleFile.TryRead(bad, stamp));
    }

    [Fact]
    public void Every_column_form_decodes_to_the_same_bits_by_whole_file_by_compact_series_and_from_any_candle()
    {
        // block 1: negative and positive prices, a scale per candle, mantissas past 32 bits; block 2: one scale, a common
        // power of ten (narrow), times 60 years apart (8-byte times)
        var t0 = new DateTimeOffset(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var random = new Random(5);
        var first = Enumerable.Range(0, CandleFile.BlockSize).Select(i => new Candle(t0.AddMinutes(i),
            -1.5m - i, 123456789012.5m + (i * 0.001m), -0.00000001m * (i + 1), new decimal(random.Next(), random.Next(0, 1000), 0, i % 3 == 0, (byte)(i % 29)),
            random.NextDouble() * 100));
        var second = Enumerable.Range(0, 777).Select(i => new Candle(t0.AddYears(60 * (i % 2)).AddDays(i).AddYears(1),
            1000m + (10 * i), 2000m, 500m, 1500m + (100 * i), i));
        var candles = first.Concat(second.OrderBy(c => c.Time)).ToArray();
        var stamp = new CandleFileStamp(9, candles.Length, candles[0].Time.ToUnixTimeMilliseconds(), candles[^1].Time.ToUnixTimeMilliseconds(), 1);
        using var file = new MemoryStream();
        CandleFile.Write(file, stamp, candles);

        file.Position = 0;
        AssertSameBits(candles, CandleFile.TryRead(file, stamp)!);
        file.Position = 0;
        var compact = CandleFile.TryReadCompact(file, stamp)!;
        var copied = new Candle[candles.Length];
        compact.CopyTo(0, copied);
        AssertSameBits(candles, copied);
        foreach (int start in new[] { 1, 4095, CandleFile.BlockSize - 1, CandleFile.BlockSize + 5 })
        {
            var part = new Candle[Math.Min(300, candles.Length - start)];
            compact.CopyTo(start, part);
            AssertSameBits(candles[start..(start + part.Length)], part);
        }

        // read from a file on disk too, and never trusted damaged
        var bytes = file.ToArray();
        string path = Path.Combine(Path.GetTempPath(), $"velocitas-test-{Guid.NewGuid():N}.vcf");
        try
        {
            foreach (var (damage, expectRead) in new (Func<byte[], byte[]>, bool)[]
            {
                (b => b, true),
                (b => { var c = (byte[])b.Clone(); c[^100] ^= 0x40; return c; }, false),         // a flipped bit in the last block
                (b => { var c = (byte[])b.Clone(); c[64 + 40] ^= 0x01; return c; }, false),      // in the first block's header
                (b => b[..^1], false),                                                       // the end cut off
                (b => [.. b, 0], false),                                                     // a byte appended
            })
            {
                File.WriteAllBytes(path, damage(bytes));
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
                var read = CandleFile.TryReadCompact(stream, stamp);
                Assert.Equal(expectRead, read is not null);
                if (read is null) continue;
                var all = new Candle[candles.Length];
                read.CopyTo(0, all);
                AssertSameBits(candles, all);
            }
        }
        finally { File.Delete(path); }
    }

    internal static void AssertSameBits(IReadOnlyList<Candle> expected, IReadOnlyList<Candle> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal(e.Time.ToUnixTimeMilliseconds(), a.Time.ToUnixTimeMilliseconds());
            Assert.Equal(TimeSpan.Zero, a.Time.Offset);
            Assert.Equal(decimal.GetBits(e.Open), decimal.GetBits(a.Open));
            Assert.Equal(decimal.GetBits(e.High), decimal.GetBits(a.High));
            Assert.Equal(decimal.GetBits(e.Low), decimal.GetBits(a.Low));
            Assert.Equal(decimal.GetBits(e.Close), decimal.GetBits(a.Close));
            Assert.Equal(BitConverter.DoubleToInt64Bits(e.Volume), BitConverter.DoubleToInt64Bits(a.Volume));
        }
    }
}
