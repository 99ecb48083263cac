using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Velocitas.Data.Entities;
using Velocitas.Engine.Market;

namespace Velocitas.Data.Storage;

/// <summary>
/// A dataset's candles in the database, a block of up to <see cref="CandleFile.BlockSize"/> candles per row
/// (<see cref="CandleBlockEntity"/>, encoded as the candle file's blocks are): written block by block inside the caller's
/// transaction and read back exactly, scale included. Candles stored one row each by earlier versions
/// (<see cref="CandleEntity"/>) are still read and merged in time order, so nothing saved before is lost.
/// </summary>
internal static class CandleBlockStore
{
    /// <summary>True when every price fits a block (a decimal mantissa of at most 63 bits: any real price); others are stored a row each.</summary>
    public static bool CanStore(ReadOnlySpan<Candle> candles) => CandleFile.CanHold(candles);

    /// <summary>
    /// Writes <paramref name="candles"/> (ascending, accepted by <see cref="CanStore"/>) as blocks inside the open
    /// transaction, and each block to <paramref name="file"/> too when given.
    /// </summary>
    public static async Task WriteAsync(VelocitasDbContext db, int datasetId, Candle[] candles, IProgress<double>? progress, CancellationToken ct,
        CandleFiles.PendingFile? file = null)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = "INSERT INTO \"CandleBlocks\" (\"DatasetId\", \"FirstTime\", \"LastTime\", \"Count\", \"Data\") VALUES (@dataset, @first, @last, @count, @data)";
        Parameter(command, "@dataset", datasetId);
        var first = Parameter(command, "@first", 0L);
        var last = Parameter(command, "@last", 0L);
        var count = Parameter(command, "@count", 0);
        var data = Parameter(command, "@data", Array.Empty<byte>());
        int blocks = (candles.Length + CandleFile.BlockSize - 1) / CandleFile.BlockSize;
        int batch = Math.Max(2, Environment.ProcessorCount * 2);
        var encoded = new byte[batch][];
        for (int start = 0; start < blocks; start += batch)
        {
            ct.ThrowIfCancellationRequested();
            int n = Math.Min(batch, blocks - start);
            Parallel.For(0, n, k => encoded[k] = CandleFile.EncodeRow(Block(candles, start + k))); // encoded on every core, written in order
            for (int k = 0; k < n; k++)
            {
                var block = Block(candles, start + k);
                first.Value = block[0].Time.ToUnixTimeMilliseconds();
                last.Value = block[^1].Time.ToUnixTimeMilliseconds();
                count.Value = block.Length;
                data.Value = encoded[k];
                await command.ExecuteNonQueryAsync(ct);
                file?.Append(encoded[k]); // the candle file holds the same blocks
                encoded[k] = [];
            }
            progress?.Report((double)Math.Min(blocks, start + n) / blocks);
        }
    }

    /// <summary>The dataset's candles in time order, optionally limited to [<paramref name="from"/>, <paramref name="to"/>]: its blocks, and its rows from earlier versions.</summary>
    public static async Task<Candle[]> LoadAsync(VelocitasDbContext db, int datasetId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        long fromMs = from?.ToUnixTimeMilliseconds() ?? long.MinValue, toMs = to?.ToUnixTimeMilliseconds() ?? long.MaxValue;
        var blocks = db.CandleBlocks.AsNoTracking().Where(b => b.DatasetId == datasetId);
        if (from is not null) blocks = blocks.Where(b => b.LastTime >= fromMs);
        if (to is not null) blocks = blocks.Where(b => b.FirstTime <= toMs);
        long total = await blocks.SumAsync(b => (long)b.Count, ct);
        if (total > Array.MaxLength) throw new InvalidDataException($"Dataset #{datasetId} holds {total:N0} candles, more than one array can.");
        var candles = total == 0 ? [] : GC.AllocateUninitializedArray<Candle>((int)total); // every slot is decoded below
        int filled = 0;
        await foreach (var block in blocks.OrderBy(b => b.FirstTime).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (filled == candles.Length) break; // a block appended since the count: newer than every counted one
            if (block.Count <= 0 || block.Count > candles.Length - filled
                || !CandleFile.TryDecodeRow(block.Data, candles.AsSpan(filled, block.Count))
                || candles[filled].Time.ToUnixTimeMilliseconds() != block.FirstTime
                || candles[filled + block.Count - 1].Time.ToUnixTimeMilliseconds() != block.LastTime
                || (filled > 0 && candles[filled].Time <= candles[filled - 1].Time))
                throw new InvalidDataException($"Dataset #{datasetId}: the stored candle block starting {DateTimeOffset.FromUnixTimeMilliseconds(block.FirstTime):u} is damaged.");
            filled += block.Count;
        }
        if (filled != candles.Length) throw new InvalidDataException($"Dataset #{datasetId}: its candle blocks changed while they were read.");
        var inRange = Trim(candles, from, to);

        var rows = db.Candles.AsNoTracking().Where(c => c.DatasetId == datasetId);
        if (from is { } f) rows = rows.Where(c => c.Time >= f);
        if (to is { } t) rows = rows.Where(c => c.Time <= t);
        var older = await rows.OrderBy(c => c.Time).Select(c => new Candle(c.Time, c.Open, c.High, c.Low, c.Close, c.Volume)).ToArrayAsync(ct);
        return older.Length == 0 ? inRange : Merge(inRange, older);
    }

    /// <summary>Removes the dataset's blocks and rows inside the caller's transaction.</summary>
    public static async Task DeleteAsync(VelocitasDbContext db, int datasetId, CancellationToken ct)
    {
        await db.CandleBlocks.Where(b => b.DatasetId == datasetId).ExecuteDeleteAsync(ct);
        await db.Candles.Where(c => c.DatasetId == datasetId).ExecuteDeleteAsync(ct);
    }

    private static ReadOnlySpan<Candle> Block(Candle[] candles, int index)
    {
        int start = index * CandleFile.BlockSize;
        return candles.AsSpan(start, Math.Min(CandleFile.BlockSize, candles.Length - start));
    }

    private static Candle[] Trim(Candle[] candles, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is null && to is null) return candles;
        int lo = 0, hi = candles.Length;
        while (lo < hi && from is { } f && candles[lo].Time < f) lo++; // only the first and last block can reach outside the range
        while (hi > lo && to is { } t && candles[hi - 1].Time > t) hi--;
        return lo == 0 && hi == candles.Length ? candles : candles[lo..hi];
    }

    private static Candle[] Merge(Candle[] a, Candle[] b)
    {
        var merged = new Candle[a.Length + b.Length];
        int i = 0, j = 0, k = 0;
        while (i < a.Length && j < b.Length) merged[k++] = a[i].Time <= b[j].Time ? a[i++] : b[j++];
        while (i < a.Length) merged[k++] = a[i++];
        while (j < b.Length) merged[k++] = b[j++];
        return merged;
    }

    private static DbParameter Parameter(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
        return p;
    }
}
