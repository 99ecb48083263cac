using Velocitas.Engine.Market;

namespace Velocitas.Engine.Trend;

/// <summary>The classifier's view at one candle's close.</summary>
/// <param name="Time">Open time of the candle.</param>
/// <param name="Close">Its close.</param>
/// <param name="Regime">The confirmed regime, null during warm-up.</param>
/// <param name="Candidate">What this candle alone says (the label follows once it has held for the confirmation period).</param>
/// <param name="Confidence">0–100, calibrated: how often a label like this one (regime, raw score, candle scale) was still the same label some candles later on real data (<see cref="ConfidenceCalibrator"/>).</param>
/// <param name="RawConfidence">0–100: how strongly and consistently the evidence supports <paramref name="Regime"/>, before calibration.</param>
/// <param name="Evidence">The measurements.</param>
/// <param name="Scores">The scores the measurements add up to.</param>
public readonly record struct TrendReading(
    DateTimeOffset Time,
    decimal Close,
    MarketRegime? Regime,
    MarketRegime? Candidate,
    double Confidence,
    double RawConfidence,
    TrendEvidence Evidence,
    TrendScores Scores);
