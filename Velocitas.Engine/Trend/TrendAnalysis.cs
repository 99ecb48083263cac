using Velocitas.Engine.Market;

namespace Velocitas.Engine.Trend;

/// <summary>Everything trend analysis says about one coin.</summary>
public sealed record TrendAnalysis
{
    /// <summary>Coin.</summary>
    public required string Symbol { get; init; }

    /// <summary>Candle interval.</summary>
    public required Timeframe Timeframe { get; init; }

    /// <summary>Candles analysed.</summary>
    public required int Candles { get; init; }

    /// <summary>The reading at the last candle.</summary>
    public required TrendReading Current { get; init; }

    /// <summary>How long the current regime has lasted, in candles.</summary>
    public required int CurrentCandles { get; init; }

    /// <summary>The evidence behind the current reading, itemised.</summary>
    public required IReadOnlyList<EvidenceItem> Evidence { get; init; }

    /// <summary>One reading per candle (labels from past data only).</summary>
    public required IReadOnlyList<TrendReading> Readings { get; init; }

    /// <summary>Runs of the same regime.</summary>
    public required IReadOnlyList<RegimeSegment> Segments { get; init; }

    /// <summary>Per regime: periods, share, typical length and move.</summary>
    public required IReadOnlyList<RegimeStats> Stats { get; init; }

    /// <summary>The rule for the current regime in one sentence.</summary>
    public required string Rule { get; init; }

    /// <summary>Strategies for the current regime, best first, with their evidence.</summary>
    public required IReadOnlyList<StrategySuggestion> Suggestions { get; init; }

    /// <summary>True when there were too few candles to classify (the reading is then empty).</summary>
    public bool Insufficient => Current.Regime is null;
}
