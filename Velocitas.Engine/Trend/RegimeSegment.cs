using Velocitas.Engine.Market;

namespace Velocitas.Engine.Trend;

/// <summary>A run of consecutive candles with the same regime label.</summary>
/// <param name="Regime">The label.</param>
/// <param name="Start">Index of the first candle.</param>
/// <param name="End">Index after the last candle.</param>
/// <param name="From">Open time of the first candle.</param>
/// <param name="To">Open time of the last candle.</param>
/// <param name="ReturnPct">Close-to-close change over the segment (from the close before it), %.</param>
/// <param name="AverageConfidence">Mean confidence of its labels.</param>
/// <param name="Ongoing">True for the last segment, still running at the end of the data.</param>
public sealed record RegimeSegment(MarketRegime Regime, int Start, int End, DateTimeOffset From, DateTimeOffset To, double ReturnPct, double AverageConfidence, bool Ongoing)
{
    /// <summary>Number of candles.</summary>
    public int Candles => End - Start;
}
