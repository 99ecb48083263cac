namespace Velocitas.Engine.Trend;

/// <summary>
/// The measurements behind one classification, as of one candle's close (only that candle and earlier ones).
/// </summary>
/// <param name="Adx">Trend strength (ADX, 0–100; above ~25 is a trend).</param>
/// <param name="PlusDi">+DI: upward directional movement.</param>
/// <param name="MinusDi">−DI: downward directional movement.</param>
/// <param name="SlopePct">Slope of the log-price regression, % per candle.</param>
/// <param name="TrendToNoise">The regression's move over its window divided by the random-walk noise over the same window (|x| &gt; 1 is a clear move).</param>
/// <param name="RSquared">How straight the move is (0–1).</param>
/// <param name="MaAlignment">+1 when close &gt; fast EMA &gt; slow EMA, −1 when close &lt; fast &lt; slow, ±0.5 half aligned, 0 mixed.</param>
/// <param name="AtrPct">ATR as % of the close.</param>
/// <param name="VolatilityPct">Realised volatility, annualised %.</param>
/// <param name="VolatilityRatio">Realised volatility divided by its calm level: the lower quartile over the coin's history.</param>
/// <param name="VolatilityPercentile">Where the realised volatility ranks in the coin's history (0–100).</param>
/// <param name="Rsi">RSI (0–100).</param>
/// <param name="RocPct">Rate of change over the ROC period, %.</param>
public readonly record struct TrendEvidence(
    double Adx,
    double PlusDi,
    double MinusDi,
    double SlopePct,
    double TrendToNoise,
    double RSquared,
    double MaAlignment,
    double AtrPct,
    double VolatilityPct,
    double VolatilityRatio,
    double VolatilityPercentile,
    double Rsi,
    double RocPct);

/// <summary>The scores the evidence adds up to.</summary>
/// <param name="Direction">−1 (down) … +1 (up): weighted vote of regression, MA alignment, DI, RSI and ROC.</param>
/// <param name="Strength">0 … 1 from ADX.</param>
/// <param name="Volatility">0 … 1: how far volatility is above normal for this coin.</param>
/// <param name="Agreement">Share (0–1) of the five direction votes that agree with the sign of <paramref name="Direction"/>.</param>
public readonly record struct TrendScores(double Direction, double Strength, double Volatility, double Agreement);
