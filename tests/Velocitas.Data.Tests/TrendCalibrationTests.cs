using System.Globalization;
using System.Text;
using Velocitas.Data.Import;
using Velocitas.Engine.Market;
using Velocitas.Engine.Trend;
using Xunit.Abstractions;

namespace Velocitas.Data.Tests;

/// <summary>
/// Trend-label confidence on the real and reference files: the stored calibration table is the fit of these files, and
/// the confidence shown tracks how often a label was still the same some candles later. The tables printed here are
/// the ones in the README.
/// </summary>
public class TrendCalibrationTests(ITestOutputHelper output)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The files each scale's table is fitted on (skender-bitcoin is left out: it repeats the real daily BTC candles).</summary>
    private static readonly Dictionary<CalibrationScale, string[]> Files = new()
    {
        [CalibrationScale.Minutes] = [SharedData.Real("BTCUSDT-1m-2021-05.csv")],
        [CalibrationScale.Hours] = [SharedData.Real("Binance_BTCUSDT_1h.csv"), SharedData.Reference("EURUSD.csv")],
        [CalibrationScale.Days] = [SharedData.Real("Binance_BTCUSDT_d.csv"), SharedData.Reference("GOOG.csv"), SharedData.Reference("skender-default-quotes.csv"), SharedData.Reference("BTCUSD.csv")],
    };

    private static readonly Dictionary<string, (List<TrendReading> Readings, int Horizon)> Classified = [];

    private static (List<TrendReading> Readings, int Horizon) Classify(string file)
    {
        lock (Classified)
        {
            if (Classified.TryGetValue(file, out var done)) return done;
            var parsed = CandleFileParser.Parse(file);
            var timeframe = parsed.Report.Timeframe!.Value;
            var classifier = new TrendClassifier(timeframe);
            var result = (parsed.Candles.Select(c => classifier.Update(c)).ToList(), CalibrationScales.Horizon(timeframe));
            Classified[file] = result;
            return result;
        }
    }

    private static List<CalibrationSample> Samples(CalibrationScale scale) =>
        Files[scale].SelectMany(f => { var (r, h) = Classify(f); return ConfidenceCalibration.Samples(r, h); }).ToList();

    [Fact]
    public void The_stored_table_is_the_fit_of_the_real_and_reference_files()
    {
        var code = new StringBuilder();
        var mismatches = new List<string>();
        foreach (var scale in Enum.GetValues<CalibrationScale>())
        {
            var samples = Samples(scale);
            code.AppendLine("        [");
            foreach (var regime in Enum.GetValues<MarketRegime>())
            {
                double[] fit = ConfidenceCalibrator.Fit(samples.Where(s => s.Regime == regime).Select(s => (s.Raw, s.Held)));
                code.AppendLine("            [" + string.Join(", ", fit.Select(v => v.ToString("0.0", Inv))) + "],");
                var stored = ConfidenceCalibrator.Stored(scale, regime);
                for (int b = 0; b < ConfidenceCalibrator.Bins; b++)
                    if (Math.Abs(stored[b] - fit[b]) > 0.05) mismatches.Add($"{scale} {regime} band {b}: stored {stored[b]}, fitted {fit[b]}");
                Assert.Equal(fit.Order(), fit); // never lower for stronger evidence
                Assert.All(fit, v => Assert.InRange(v, 0, 99.9));
            }
            code.AppendLine("        ],");
        }
        output.WriteLine(code.ToString());
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Theory]
    [InlineData(CalibrationScale.Minutes)]
    [InlineData(CalibrationScale.Hours)]
    [InlineData(CalibrationScale.Days)]
    public void Shown_confidence_tracks_how_often_the_label_still_held(CalibrationScale scale)
    {
        var samples = Samples(scale);
        double error = 0, rawError = 0;
        foreach (var group in samples.GroupBy(s => (s.Regime, s.Shown)))
        {
            double held = 100.0 * group.Count(s => s.Held) / group.Count();
            error += Math.Abs(group.Key.Shown - held) * group.Count();
            // a value shown for at least 150 labels is within 6 points of how often they held
            if (group.Count() >= 150)
                Assert.True(Math.Abs(group.Key.Shown - held) <= 6, $"{scale} {group.Key.Regime} shown {group.Key.Shown} %: held {held:0.0} % of {group.Count()}");
        }
        foreach (var group in samples.GroupBy(s => (s.Regime, Band: ConfidenceCalibrator.Band(s.Raw))))
            rawError += Math.Abs(group.Average(s => s.Raw) - (100.0 * group.Count(s => s.Held) / group.Count())) * group.Count();
        error /= samples.Count;
        rawError /= samples.Count;
        output.WriteLine(string.Create(Inv, $"{scale}: {samples.Count:N0} labels, mean gap between confidence and how often labels held: raw {rawError:0.0} points, calibrated {error:0.0} points"));
        Assert.True(error <= 3, $"calibrated gap {error:0.0} points");
        Assert.True(error < rawError / 4, $"calibrated gap {error:0.0} against raw {rawError:0.0}");
        Assert.DoesNotContain(samples, s => s.Shown >= 99.5); // no "100 %" label: none was earned
    }

    [Theory]
    [InlineData("Binance_BTCUSDT_1h.csv")]
    [InlineData("Binance_BTCUSDT_d.csv")]
    [InlineData("BTCUSDT-1m-2021-05.csv")]
    public void Confidence_bands_of_the_real_files_before_and_after_calibration(string file)
    {
        var (readings, horizon) = Classify(SharedData.Real(file));
        var raw = ConfidenceCalibration.Measure(readings, horizon, raw: true);
        var shown = ConfidenceCalibration.Measure(readings, horizon);

        int labelled = readings.Take(readings.Count - horizon).Count(r => r.Regime is not null);
        Assert.Equal(labelled, raw.Sum(b => b.Labels));
        Assert.Equal(labelled, shown.Sum(b => b.Labels));
        // after calibration a band's labels held about as often as the band says (bands with enough labels)
        foreach (var b in shown.Where(b => b.Labels >= 300))
            Assert.True(b.SameLabelPct >= b.From - 6 && b.SameLabelPct <= b.To + 6, $"{file} shown {b.From}–{b.To} %: held {b.SameLabelPct:0.0} % of {b.Labels}");
        output.WriteLine($"| {file}, {horizon} candles later | confidence | labels | same label later | trend labels | price moved the labelled way |");
        foreach (var (name, bands) in new[] { ("raw", raw), ("calibrated", shown) })
            foreach (var b in bands)
                output.WriteLine(string.Create(Inv, $"| {name} | {b.From:0}–{b.To:0} | {b.Labels:N0} | {b.SameLabelPct:0.0} % | {b.TrendLabels:N0} | {(b.DirectionRightPct is { } d ? $"{d:0.0} %" : "–")} |"));
    }
}
