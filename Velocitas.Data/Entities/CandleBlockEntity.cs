namespace Velocitas.Data.Entities;

/// <summary>
/// Up to 16,384 consecutive candles of one dataset in one row, encoded as the candle file's blocks are (columns, exact
/// prices with their scale; see <c>CandleBlock</c>); keyed by (dataset, first open time). A candle costs ~28 bytes
/// instead of a ~190-byte row, and a dataset is written and read a block at a time.
/// </summary>
public sealed class CandleBlockEntity
{
    public int DatasetId { get; set; }

    /// <summary>Open time of the block's first candle, Unix milliseconds.</summary>
    public long FirstTime { get; set; }

    /// <summary>Open time of the block's last candle, Unix milliseconds.</summary>
    public long LastTime { get; set; }

    /// <summary>Candles in the block.</summary>
    public int Count { get; set; }

    /// <summary>The encoded block.</summary>
    public byte[] Data { get; set; } = [];
}
