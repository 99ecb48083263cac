using Velocitas.Engine.Market;

namespace Velocitas.Engine.Trend;

/// <summary>How much of the history a regime took and how it usually went.</summary>
/// <param name="Regime">The regime.</param>
/// <param name="Periods">Number of segments.</param>
/// <param name="Candles">Candles labelled with it.</param>
/// <param name="SharePct">Share of the labelled candles, %.</param>
/// <param name="AverageCandles">Mean segment length in candles.</param>
/// <param name="LongestCandles">Longest segment.</param>
/// <param name="AverageReturnPct">Mean price change per segment, %.</param>
public sealed record RegimeStats(MarketRegime Regime, int Periods, int Candles, double SharePct, double AverageCandles, int LongestCandles, double AverageReturnPct);
