using System.Globalization;
using Velocitas.Data.Import;
using Velocitas.Engine.Market;

namespace Velocitas.Data.Tests;

public class CandleOutliersTests
{
    public static TheoryData<string> Files => new() { "real/BTCUSDT-1m-2021-05.csv", "real/Binance_BTCUSDT_1h.csv", "real/Binance_BTCUSDT_d.csv", "reference/BTCUSD.csv", "reference/EURUSD.csv", "reference/GOOG.csv", "reference/skender-bitcoin.csv" };

    [Theory]
    [MemberData(nameof(Files))]
    public void Finds_exactly_what_comparing_every_candle_with_its_neighbours_medians_finds(string file)
    {
        var candles = CandleFileParser.Parse(Path.Combine(Path.GetDirectoryName(SharedData.Real("x"))!, "..", file)).Candles;

        AssertSame(Reference(candles), CandleOutliers.Find(candles));
    }

    [Fact]
    public void Spikes_on_either_side_of_the_threshold_are_judged_as_before()
    {
        var random = new Random(11);
        var t0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var candles = new Candle[20_000];
        decimal price = 100m;
        for (int i = 0; i < candles.Length; i++)
        {
            price = Math.Max(1m, Math.Round(price * (decimal)(1 + ((random.NextDouble() - 0.5) * 0.02)), 4));
            decimal open = price, close = Math.Round(price * (decimal)(1 + ((random.NextDouble() - 0.5) * 0.01)), 4);
            decimal high = Math.Max(open, close) * 1.002m, low = Math.Min(open, close) * 0.998m;
            if (i % 97 == 0) high *= 1m + (decimal)(0.15 + (random.NextDouble() * 0.3)); // 15 %–45 % wicks: some flagged, some not
            if (i % 131 == 0) low *= 1m - (decimal)(0.15 + (random.NextDouble() * 0.3));
            candles[i] = new Candle(t0.AddMinutes(i), open, high, low, close, 1);
        }

        var expected = Reference(candles);
        Assert.NotEmpty(expected);
        AssertSame(expected, CandleOutliers.Find(candles));
        // checked in parallel parts (a long series is): the same outliers, in order, whatever the cut
        foreach (int part in new[] { 97, 3_001, 7_000 }) AssertSame(expected, CandleOutliers.Find(candles, part));
    }

    private static void AssertSame(List<CandleOutlier> expected, List<CandleOutlier> actual) =>
        Assert.Equal(expected.Select(o => (o.Time, o.Reason)), actual.Select(o => (o.Time, o.Reason)));

    /// <summary>The rule as first written: both medians for every candle.</summary>
    private static List<CandleOutlier> Reference(ReadOnlySpan<Candle> candles)
    {
        var found = new List<CandleOutlier>();
        if (candles.Length < 5) return found;
        Span<double> closes = stackalloc double[20];
        Span<double> ranges = stackalloc double[20];
        for (int i = 0; i < candles.Length; i++)
        {
            int n = 0;
            for (int j = Math.Max(0, i - 10); j <= Math.Min(candles.Length - 1, i + 10); j++)
            {
                if (j == i || candles[j].Close <= 0) continue;
                closes[n] = (double)candles[j].Close;
                ranges[n] = (double)(candles[j].High - candles[j].Low) / (double)candles[j].Close;
                n++;
            }
            if (n < 4) continue;
            double reference = Median(closes[..n]);
            double limit = Math.Max(0.25, 20 * Median(ranges[..n]));
            var c = candles[i];
            (string Name, decimal Price) worst = default;
            double worstDeviation = 0;
            foreach (var (name, p) in new[] { ("open", c.Open), ("high", c.High), ("low", c.Low), ("close", c.Close) })
            {
                double deviation = Math.Abs(((double)p / reference) - 1);
                if (deviation > worstDeviation) (worst, worstDeviation) = ((name, p), deviation);
            }
            if (worstDeviation > limit)
            {
                found.Add(new CandleOutlier(c.Time, string.Create(CultureInfo.InvariantCulture,
                    $"{worst.Name} {worst.Price:0.########} is {worstDeviation:P0} away from the median close {reference:0.##} of its {n} neighbours (O {c.Open:0.########} H {c.High:0.########} L {c.Low:0.########} C {c.Close:0.########}); probably a bad print")));
            }
        }
        return found;
    }

    private static double Median(Span<double> values)
    {
        values.Sort();
        int m = values.Length / 2;
        return values.Length % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2;
    }
}
