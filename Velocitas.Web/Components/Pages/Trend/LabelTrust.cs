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
    /// <summary>The sentence for the current label, or null when too few labels like it occurred before.</summary>
    public static string? Sentence(IReadOnlyList<Candle> candles, Timeframe timeframe, double confidence, MarketRegime regime)
    {
        var classifier = new TrendClassifier(timeframe);
        var readings = new List<TrendReading>(candles.Count);
        foreach (var c in candles) readings.Add(classifier.Update(c));
        int horizon = CalibrationScales.Horizon(timeframe);
        var alike = ConfidenceCalibration.Samples(readings, horizon).Where(s => s.Regime == regime && Math.Abs(s.Shown - confidence) < 5).ToList();
        var inv = CultureInfo.InvariantCulture;
        string label = RegimeStyle.Name(regime).ToLowerInvariant();
        string general = string.Create(inv, $"{confidence:0} % is how often {RegimeStyle.Article(regime)} {label} label with this evidence was still {RegimeStyle.Article(regime)} {label} {horizon} candles later on the real files the confidence is calibrated on.");
        if (alike.Count < 20) return general;
        double held = 100.0 * alike.Count(s => s.Held) / alike.Count;
        var trends = alike.Where(s => s.Moved is not null).ToList();
        string direction = trends.Count >= 20
            ? string.Create(inv, $"; the price had moved the labelled way in {100.0 * trends.Count(s => s.Moved == true) / trends.Count:0} %") : "";
        string verdict = held >= 70 ? "a fairly lasting label" : held >= 50 ? "a coin toss or a little better" : "less lasting than a coin toss";
        return general + string.Create(inv,
            $" On this coin's own history, {alike.Count:N0} {label} labels shown at {Math.Max(0, confidence - 5):0}–{Math.Min(100, confidence + 5):0} % held in {held:0} %{direction} — {verdict}.");
    }
}
