namespace Velocitas.Engine.Trend;

/// <summary>Look-back periods and thresholds of the trend classifier. The defaults suit hourly to daily crypto candles.</summary>
public sealed record TrendSettings
{
    /// <summary>Default settings.</summary>
    public static TrendSettings Default { get; } = new();

    /// <summary>ADX / DI period (trend strength and direction of the directional movement).</summary>
    public int AdxPeriod { get; init; } = 14;

    /// <summary>Closes in the regression of log price (direction and how cleanly it moves).</summary>
    public int RegressionPeriod { get; init; } = 40;

    /// <summary>Fast moving average (EMA) of the alignment check.</summary>
    public int FastMa { get; init; } = 20;

    /// <summary>Slow moving average (EMA) of the alignment check.</summary>
    public int SlowMa { get; init; } = 50;

    /// <summary>ATR period (ATR % of price is shown as evidence).</summary>
    public int AtrPeriod { get; init; } = 14;

    /// <summary>Returns in the realised-volatility window.</summary>
    public int VolatilityPeriod { get; init; } = 20;

    /// <summary>Candles of the coin's own history the current volatility is ranked against.</summary>
    public int VolatilityHistory { get; init; } = 1000;

    /// <summary>Volatility readings needed before the ranking counts.</summary>
    public int MinVolatilityHistory { get; init; } = 100;

    /// <summary>RSI period.</summary>
    public int RsiPeriod { get; init; } = 14;

    /// <summary>Rate-of-change period.</summary>
    public int RocPeriod { get; init; } = 14;

    /// <summary>ADX level from which trend strength starts to count (full strength 15 points above).</summary>
    public double TrendAdx { get; init; } = 20;

    /// <summary>Direction score (−1…1) beyond which the market is trending rather than ranging.</summary>
    public double TrendDirection { get; init; } = 0.3;

    /// <summary>Realised volatility this many times its calm level (the lower quartile over the history) is volatile.</summary>
    public double VolatileRatio { get; init; } = 2.5;

    /// <summary>Realised volatility at or above this percentile of the history is volatile (when also above 1.3× the median).</summary>
    public double VolatilePercentile { get; init; } = 95;

    /// <summary>EMA period smoothing the direction score (1 = none): steadier labels for a little lag.</summary>
    public int DirectionSmoothing { get; init; } = 1;

    /// <summary>Consecutive candles a new regime must hold before the label switches (1 = switch at once).</summary>
    public int Confirmation { get; init; } = 3;

    /// <summary>Candles before the first label.</summary>
    public int WarmUpPeriod => Math.Max(Math.Max(SlowMa, 2 * AdxPeriod), Math.Max(RegressionPeriod, VolatilityPeriod + 1 + MinVolatilityHistory));

    /// <summary>What is wrong with these settings (empty when valid).</summary>
    public IReadOnlyList<string> Problems()
    {
        var p = new List<string>();
        void Min(int value, int min, string name) { if (value < min) p.Add($"{name} must be at least {min} (was {value})."); }
        Min(AdxPeriod, 2, "adxPeriod");
        Min(RegressionPeriod, 5, "regressionPeriod");
        Min(FastMa, 2, "fastMa");
        Min(SlowMa, 3, "slowMa");
        Min(AtrPeriod, 2, "atrPeriod");
        Min(VolatilityPeriod, 5, "volatilityPeriod");
        Min(RsiPeriod, 2, "rsiPeriod");
        Min(RocPeriod, 1, "rocPeriod");
        Min(Confirmation, 1, "confirmation");
        Min(DirectionSmoothing, 1, "directionSmoothing");
        Min(MinVolatilityHistory, 10, "minVolatilityHistory");
        if (FastMa >= SlowMa) p.Add($"fastMa ({FastMa}) must be less than slowMa ({SlowMa}).");
        if (VolatilityHistory < MinVolatilityHistory) p.Add($"volatilityHistory ({VolatilityHistory}) must be at least minVolatilityHistory ({MinVolatilityHistory}).");
        if (!(VolatileRatio > 1)) p.Add($"volatileRatio must be above 1 (was {VolatileRatio}).");
        if (!(VolatilePercentile is > 50 and <= 100)) p.Add($"volatilePercentile must be between 50 and 100 (was {VolatilePercentile}).");
        if (!(TrendDirection is > 0 and < 1)) p.Add($"trendDirection must be between 0 and 1 (was {TrendDirection}).");
        return p;
    }
}
