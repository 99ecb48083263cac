using System.Globalization;
using Velocitas.Data.Import;
using Velocitas.Engine.Market;
using Velocitas.Engine.Trend;
using Xunit.Abstractions;

namespace Velocitas.Data.Tests;

/// <summary>
/// Trend-label confidence measured on the real BTC files: how often a label was still the same, and a trend label's
/// direction still right, some candles later. The table printed here is the one in the README.
/// </summary>
public class TrendCalibrationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("Binance_BTCUSDT_1h.csv", 24)]
    [InlineData("Binance_BTCUSDT_d.csv", 10)]
    public void Confidence_bands_of_the_real_files_are_measured_against_what_followed(string file, int horizon)
    {
        var parsed = CandleFileParser.Parse(SharedData.Real(file));
        var classifier = new TrendClassifier(parsed.Report.Timeframe!.Value);
        var readings = parsed.Candles.Select(c => classifier.Update(c)).ToList();

        var bands = ConfidenceCalibration.Measure(readings, horizon);

        Assert.NotEmpty(bands);
        Assert.Equal(readings.Take(readings.Count - horizon).Count(r => r.Regime is not null), bands.Sum(b => b.Labels));
        Assert.All(bands, b => Assert.InRange(b.SameLabelPct, 0, 100));
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine($"| {file} | confidence | labels | same label {horizon} candles later | trend labels | price moved the labelled way |");
        foreach (var b in bands)
            output.WriteLine(string.Create(inv, $"| | {b.From:0}–{b.To:0} | {b.Labels:N0} | {b.SameLabelPct:0.0} % | {b.TrendLabels:N0} | {(b.DirectionRightPct is { } d ? $"{d:0.0} %" : "–")} |"));
    }
}
