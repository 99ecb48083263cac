namespace Velocitas.Data.Entities;

/// <summary>One stored candle; keyed by (dataset, open time).</summary>
public sealed class CandleEntity
{
    public int DatasetId { get; set; }
    public DateTimeOffset Time { get; set; }
    public decimal Open { get; set; }
    public decimal High { get; set; }
    public decimal Low { get; set; }
    public decimal Close { get; set; }
    public double Volume { get; set; }
}
