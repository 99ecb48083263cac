using Velocitas.Engine.Market;
using Velocitas.Engine.Trend;
using Xunit.Abstractions;

namespace Velocitas.Engine.Tests.Trend;

public class TrendClassifierTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Synthetic_regimes_are_classified_correctly_after_warm_up(int seed)
    {
        var (candles, truth) = KnownRegimes.Generate(seed);
        var classifier = new TrendClassifier(Timeframe.OneHour);
        int counted = 0, right = 0;
        var confusion = new int[4, 4];
        for (int i = 0; i < candles.Length; i++)
        {
            var reading = classifier.Update(candles[i]);
            Assert.Equal(i >= TrendSettings.Default.WarmUpPeriod - 1, reading.Regime is not null);
            if (reading.Regime is not { } regime) continue;
            counted++;
            confusion[(int)truth[i], (int)regime]++;
            if (regime == truth[i]) right++;
        }
        double accuracy = (double)right / counted;
        output.WriteLine($"seed {seed}: {accuracy:P1} of {counted} candles; rows = truth, columns = label (up, down, range, volatile)");
        for (int t = 0; t < 4; t++) output.WriteLine($"{(MarketRegime)t,-10} {confusion[t, 0],6} {confusion[t, 1],6} {confusion[t, 2],6} {confusion[t, 3],6}");
        Assert.True(accuracy >= 0.90, $"accuracy {accuracy:P1}");
        // every regime is recognised most of the time, not just the common ones
        for (int t = 0; t < 4; t++)
        {
            int row = Enumerable.Range(0, 4).Sum(c => confusion[t, c]);
            Assert.True(confusion[t, t] >= 0.8 * row, $"{(MarketRegime)t}: {confusion[t, t]} of {row}");
        }
    }

    [Fact]
    public void Classifying_a_prefix_gives_the_same_labels_as_the_full_run_for_that_prefix()
    {
        var (candles, _) = KnownRegimes.Generate(7, segments: 10);
        var full = new TrendClassifier(Timeframe.OneHour);
        var all = candles.Select(c => full.Update(c)).ToArray();

        foreach (int length in new[] { 150, 700, 1801, candles.Length - 1 })
        {
            var prefix = new TrendClassifier(Timeframe.OneHour);
            for (int i = 0; i < length; i++)
            {
                var r = prefix.Update(candles[i]);
                Assert.Equal(all[i], r);
            }
        }
    }

    [Fact]
    public void The_future_cannot_change_a_label_already_given()
    {
        var (candles, _) = KnownRegimes.Generate(11, segments: 6);
        var a = new TrendClassifier(Timeframe.OneHour);
        var b = new TrendClassifier(Timeframe.OneHour);
        int cut = 1000;
        // same past, then wildly different futures: the readings up to the cut are identical
        var ra = candles.Take(cut).Select(c => a.Update(c)).ToList();
        var rb = candles.Take(cut).Select(c => b.Update(c)).ToList();
        Assert.Equal(ra, rb);
        var crash = candles[cut] with { Close = candles[cut].Close / 3, Low = candles[cut].Close / 3 };
        Assert.NotEqual(a.Update(candles[cut]), b.Update(crash));
    }

    [Fact]
    public void Readings_carry_evidence_confidence_and_reset_starts_over()
    {
        var (candles, truth) = KnownRegimes.Generate(4, segments: 6);
        var classifier = new TrendClassifier(Timeframe.OneHour);
        TrendReading last = default;
        foreach (var c in candles) last = classifier.Update(c);
        Assert.NotNull(last.Regime);
        Assert.InRange(last.Confidence, 0, 100);
        Assert.InRange(last.RawConfidence, 0, 100);
        Assert.Equal(ConfidenceCalibrator.Calibrate(CalibrationScale.Hours, last.Regime!.Value, last.RawConfidence), last.Confidence);
        Assert.InRange(last.Evidence.Rsi, 0, 100);
        Assert.InRange(last.Evidence.VolatilityPercentile, 0, 100);
        Assert.True(last.Evidence.VolatilityPct > 0);
        Assert.InRange(last.Scores.Direction, -1, 1);

        classifier.Reset();
        Assert.Equal(0, classifier.Candles);
        Assert.Null(classifier.Update(candles[0]).Regime);
    }

    [Fact]
    public void Raw_confidence_is_higher_deep_in_a_clean_trend_than_at_its_start()
    {
        var (candles, truth) = KnownRegimes.Generate(2);
        var classifier = new TrendClassifier(Timeframe.OneHour);
        var early = new List<double>();
        var deep = new List<double>();
        for (int i = 0; i < candles.Length; i++)
        {
            var r = classifier.Update(candles[i]);
            if (r.Regime != MarketRegime.Uptrend || truth[i] != MarketRegime.Uptrend) continue;
            int age = 0;
            while (i - age > 0 && truth[i - age - 1] == truth[i]) age++;
            (age < 40 ? early : age > 100 ? deep : null)?.Add(r.RawConfidence);
        }
        Assert.True(deep.Average() > early.Average(), $"deep {deep.Average():F1} vs early {early.Average():F1}");
        Assert.True(deep.Average() >= 60, $"deep {deep.Average():F1}");
    }

    [Fact]
    public void Impossible_settings_are_refused_with_every_problem_named()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TrendClassifier(Timeframe.OneHour, new TrendSettings { FastMa = 60, SlowMa = 50, Confirmation = 0 }));
        Assert.Contains("fastMa (60) must be less than slowMa (50).", ex.Message);
        Assert.Contains("confirmation must be at least 1 (was 0).", ex.Message);
    }
}
