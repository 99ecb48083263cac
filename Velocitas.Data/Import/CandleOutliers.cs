using System.Globalization;
using Velocitas.Engine.Market;

namespace Velocitas.Data.Import;

/// <summary>A candle whose prices are far from its neighbours': most likely a bad print, flagged (not changed) at import.</summary>
/// <param name="Time">Open time of the candle.</param>
/// <param name="Reason">What is off, with the numbers.</param>
public sealed record CandleOutlier(DateTimeOffset Time, string Reason);

/// <summary>
/// Finds bogus candles: an open, high, low or close further from the median close of its
/// <see cref="Neighbours"/> neighbours on each side than both <see cref="MinDeviation"/> and
/// <see cref="RangeMultiple"/> × their median candle range. Real crashes move the neighbours too, or stay within many
/// typical ranges (the 2021-05-19 one-minute low of 30,000 is 12 % off its neighbours, far below 25 %); a print of
/// 16,199.91 among candles near 4,300 (the first candle of the CryptoDataDownload hourly BTC file) is 276 % off.
/// Part of the shared cleaning step, whatever the parser.
/// </summary>
public static class CandleOutliers
{
    /// <summary>Candles compared on each side.</summary>
    public const int Neighbours = 10;

    /// <summary>Smallest deviation ever flagged (25 %).</summary>
    public const double MinDeviation = 0.25;

    /// <summary>Deviation, in median candle ranges of the neighbours, beyond which a price is flagged.</summary>
    public const double RangeMultiple = 20;

    /// <summary>The outliers among <paramref name="candles"/> (in time order), oldest first.</summary>
    public static List<CandleOutlier> Find(ReadOnlySpan<Candle> candles)
    {
        var found = new List<CandleOutlier>();
        if (candles.Length < 5) return found;
        Span<double> closes = stackalloc double[2 * Neighbours];
        Span<double> ranges = stackalloc double[2 * Neighbours];
        for (int i = 0; i < candles.Length; i++)
        {
            int n = 0;
            for (int j = Math.Max(0, i - Neighbours); j <= Math.Min(candles.Length - 1, i + Neighbours); j++)
            {
                if (j == i || candles[j].Close <= 0) continue;
                closes[n] = (double)candles[j].Close;
                ranges[n] = (double)(candles[j].High - candles[j].Low) / (double)candles[j].Close;
                n++;
            }
            if (n < 4) continue;
            double reference = Median(closes[..n]);
            double limit = Math.Max(MinDeviation, RangeMultiple * Median(ranges[..n]));
            var c = candles[i];
            (string Name, decimal Price) worst = default;
            double worstDeviation = 0;
            foreach (var (name, price) in new[] { ("open", c.Open), ("high", c.High), ("low", c.Low), ("close", c.Close) })
            {
                double deviation = Math.Abs(((double)price / reference) - 1);
                if (deviation > worstDeviation) (worst, worstDeviation) = ((name, price), deviation);
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
