using Velocitas.Engine.Market;

namespace Velocitas.Engine.Trend;

/// <summary>One confidence band of a calibration table.</summary>
/// <param name="From">Lowest confidence of the band (inclusive).</param>
/// <param name="To">Highest confidence of the band (exclusive; 100 inclusive for the last band).</param>
/// <param name="Labels">Candles labelled with a confidence in the band (and a reading <c>horizon</c> candles later).</param>
/// <param name="SameLabelPct">Share whose label was the same <c>horizon</c> candles later, %.</param>
/// <param name="TrendLabels">Of them, up- or downtrend labels.</param>
/// <param name="DirectionRightPct">Share of trend labels where the close <c>horizon</c> candles later had moved the labelled way, % (null without trend labels).</param>
public sealed record CalibrationBand(double From, double To, int Labels, double SameLabelPct, int TrendLabels, double? DirectionRightPct);

/// <summary>One label checked some candles later.</summary>
/// <param name="Regime">The label.</param>
/// <param name="Raw">Its raw evidence score.</param>
/// <param name="Shown">Its calibrated (shown) confidence.</param>
/// <param name="Held">Whether the label was the same later.</param>
/// <param name="Moved">For up- and downtrends, whether the close had moved the labelled way; null otherwise.</param>
public readonly record struct CalibrationSample(MarketRegime Regime, double Raw, double Shown, bool Held, bool? Moved);

/// <summary>
/// How far a trend label's confidence can be trusted: for each confidence band, how often the label was still the
/// same <c>horizon</c> candles later and, for up- and downtrends, how often the price had moved that way by then.
/// The shown confidence is calibrated (<see cref="ConfidenceCalibrator"/>): a label shown at 70 % held about 70 % of the time.
/// </summary>
public static class ConfidenceCalibration
{
    /// <summary>
    /// The calibration of <paramref name="readings"/> (one per candle, in order) at <paramref name="horizon"/> candles, in
    /// bands of <paramref name="width"/> points of the shown confidence (or of the raw score when <paramref name="raw"/>).
    /// </summary>
    public static IReadOnlyList<CalibrationBand> Measure(IReadOnlyList<TrendReading> readings, int horizon, double width = 10, bool raw = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        int bands = (int)Math.Ceiling(100 / width);
        var labels = new int[bands];
        var same = new int[bands];
        var trends = new int[bands];
        var right = new int[bands];
        for (int t = 0; t + horizon < readings.Count; t++)
        {
            var now = readings[t];
            if (now.Regime is not { } regime) continue;
            int b = Math.Clamp((int)((raw ? now.RawConfidence : now.Confidence) / width), 0, bands - 1);
            labels[b]++;
            var later = readings[t + horizon];
            if (later.Regime == regime) same[b]++;
            if (regime is MarketRegime.Uptrend or MarketRegime.Downtrend)
            {
                trends[b]++;
                if (regime == MarketRegime.Uptrend ? later.Close > now.Close : later.Close < now.Close) right[b]++;
            }
        }
        var list = new List<CalibrationBand>();
        for (int b = 0; b < bands; b++)
        {
            if (labels[b] == 0) continue;
            list.Add(new CalibrationBand(b * width, Math.Min(100, (b + 1) * width), labels[b], 100.0 * same[b] / labels[b], trends[b],
                trends[b] == 0 ? null : 100.0 * right[b] / trends[b]));
        }
        return list;
    }

    /// <summary>
    /// Every label of <paramref name="readings"/> with a reading <paramref name="horizon"/> candles later: its regime, raw
    /// score, shown confidence, whether it still held, and for up- and downtrends whether the close had moved its way.
    /// </summary>
    public static IEnumerable<CalibrationSample> Samples(IReadOnlyList<TrendReading> readings, int horizon)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        for (int t = 0; t + horizon < readings.Count; t++)
        {
            var now = readings[t];
            if (now.Regime is not { } regime) continue;
            var later = readings[t + horizon];
            bool? moved = regime switch
            {
                MarketRegime.Uptrend => later.Close > now.Close,
                MarketRegime.Downtrend => later.Close < now.Close,
                _ => null,
            };
            yield return new CalibrationSample(regime, now.RawConfidence, now.Confidence, later.Regime == regime, moved);
        }
    }
}
