using System.Globalization;
using Velocitas.Engine.Market;
using Velocitas.Engine.Trend;

namespace Velocitas.Web.Components.Pages.Trend;

/// <summary>
/// What a label's confidence has meant on this coin's own history (<see cref="ConfidenceCalibration"/>): how often a
/// label in the same confidence band was still the same some candles later, and a trend's direction right by then.
/// </summary>
public static class LabelTrust
{
    /// <summary>Candles ahead the label is checked: a day of intraday candles (5 to 60), or 10 daily candles and longer.</summary>
    public static int Horizon(Timeframe timeframe) =>
        timeframe.Duration < TimeSpan.FromDays(1) ? Math.Clamp((int)(TimeSpan.FromDays(1) / timeframe.Duration), 5, 60) : 10;

    /// <summary>The sentence for the current label, or null when its band never occurred before.</summary>
    public static string? Sentence(IReadOnlyList<Candle> candles, Timeframe timeframe, double confidence, MarketRegime regime)
    {
        var classifier = new TrendClassifier(timeframe);
        var readings = new List<TrendReading>(candles.Count);
        foreach (var c in candles) readings.Add(classifier.Update(c));
        int horizon = Horizon(timeframe);
        var band = ConfidenceCalibration.Measure(readings, horizon).FirstOrDefault(b => confidence >= b.From && (confidence < b.To || b.To >= 100));
        if (band is null || band.Labels < 20) return null;
        var inv = CultureInfo.InvariantCulture;
        string direction = regime is MarketRegime.Uptrend or MarketRegime.Downtrend && band.DirectionRightPct is { } d && band.TrendLabels >= 20
            ? string.Create(inv, $", and a trend label's price had moved its way in {d:0} % of {band.TrendLabels:N0}") : "";
        string verdict = band.SameLabelPct >= 70 ? "a fairly lasting label" : band.SameLabelPct >= 50 ? "a coin toss or a little better" : "less lasting than a coin toss";
        return string.Create(inv,
            $"How far to trust {confidence:0} %: on this coin's history, labels with {band.From:0}–{band.To:0} % confidence were still the same {horizon} candles later in {band.SameLabelPct:0} % of {band.Labels:N0} cases{direction} — {verdict}. Confidence measures how clearly today's evidence points, not what comes next.");
    }
}
