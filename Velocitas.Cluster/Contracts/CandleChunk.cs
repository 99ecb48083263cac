using Velocitas.Engine.Market;

namespace Velocitas.Cluster.Contracts;

/// <summary>A slice of a candle series in columns (compact on the wire; prices stay exact decimals).</summary>
[GenerateSerializer, Immutable]
public sealed class CandleChunk
{
    /// <summary>Open times in UTC ticks.</summary>
    [Id(0)] public long[] Ticks { get; set; } = [];
    [Id(1)] public decimal[] Open { get; set; } = [];
    [Id(2)] public decimal[] High { get; set; } = [];
    [Id(3)] public decimal[] Low { get; set; } = [];
    [Id(4)] public decimal[] Close { get; set; } = [];
    [Id(5)] public double[] Volume { get; set; } = [];

    /// <summary>Candles [offset, offset + count) of <paramref name="candles"/>.</summary>
    public static CandleChunk Of(Candle[] candles, int offset, int count)
    {
        var chunk = new CandleChunk
        {
            Ticks = new long[count], Open = new decimal[count], High = new decimal[count], Low = new decimal[count],
            Close = new decimal[count], Volume = new double[count],
        };
        for (int i = 0; i < count; i++)
        {
            var c = candles[offset + i];
            chunk.Ticks[i] = c.Time.UtcTicks;
            chunk.Open[i] = c.Open;
            chunk.High[i] = c.High;
            chunk.Low[i] = c.Low;
            chunk.Close[i] = c.Close;
            chunk.Volume[i] = c.Volume;
        }
        return chunk;
    }

    /// <summary>Writes the chunk's candles into <paramref name="target"/> from <paramref name="offset"/>.</summary>
    public void CopyTo(Candle[] target, int offset)
    {
        for (int i = 0; i < Ticks.Length; i++)
            target[offset + i] = new Candle(new DateTimeOffset(Ticks[i], TimeSpan.Zero), Open[i], High[i], Low[i], Close[i], Volume[i]);
    }
}
