namespace Velocitas.Engine.Market;

/// <summary>
/// One OHLCV bar. <see cref="Time"/> is the bar's <b>open</b> time in UTC. Prices are exact decimals
/// (as quoted by the exchange or the file); indicator math converts them to <see cref="double"/>.
/// </summary>
/// <param name="Time">Open time of the bar, UTC.</param>
/// <param name="Open">First traded price.</param>
/// <param name="High">Highest traded price.</param>
/// <param name="Low">Lowest traded price.</param>
/// <param name="Close">Last traded price.</param>
/// <param name="Volume">Traded volume in base units.</param>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)] // CandleBits reads it in place
public readonly record struct Candle(
    DateTimeOffset Time,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    double Volume)
{
    /// <summary>A readable one-line description, for logs and error messages.</summary>
    public override string ToString() =>
        $"{Time:yyyy-MM-dd HH:mm:ss}Z O={Open} H={High} L={Low} C={Close} V={Volume}";
}
