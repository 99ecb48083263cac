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

    /// <summary>Candles checked per parallel part; a shorter series is checked on one thread.</summary>
    private const int PartSize = 1 << 17;

    /// <summary>Candles per block of the closes' bounds (more than the 2 × <see cref="Neighbours"/> + 1 of a window).</summary>
    private const int BlockSize = 32;

    /// <summary>The outliers among <paramref name="candles"/> (in time order), oldest first.</summary>
    public static List<CandleOutlier> Find(Candle[] candles) => Find(candles, PartSize);

    /// <summary>The outliers, checked in parts of <paramref name="partSize"/> candles on as many threads as there are cores.</summary>
    internal static List<CandleOutlier> Find(Candle[] candles, int partSize)
    {
        if (candles.Length < 5) return [];
        var closes = new Closes(candles);
        int parts = (candles.Length + partSize - 1) / partSize;
        if (parts == 1) return FindIn(candles, closes, 0, candles.Length);
        // each candle is judged on its own neighbours only, so parts can be checked at once and joined in order
        var found = new List<CandleOutlier>[parts];
        Parallel.For(0, parts, p => found[p] = FindIn(candles, closes, p * partSize, Math.Min(candles.Length, (p + 1) * partSize)));
        return found.SelectMany(f => f).ToList();
    }

    /// <summary>
    /// Every candle's close as a double (NaN when not positive), converted once, and the lowest and highest close of each
    /// block of <see cref="BlockSize"/> candles: a window of neighbours lies within two neighbouring blocks.
    /// </summary>
    private sealed class Closes
    {
        public readonly double[] Close;
        private readonly double[] _blockLow, _blockHigh;

        public Closes(Candle[] candles)
        {
            Close = new double[candles.Length];
            int blocks = (candles.Length + BlockSize - 1) / BlockSize;
            _blockLow = new double[blocks];
            _blockHigh = new double[blocks];
            for (int b = 0; b < blocks; b++)
            {
                double low = double.MaxValue, high = double.MinValue;
                for (int i = b * BlockSize; i < Math.Min(candles.Length, (b + 1) * BlockSize); i++)
                {
                    double close = candles[i].Close <= 0 ? double.NaN : ExactDouble.From(candles[i].Close);
                    Close[i] = close;
                    if (double.IsNaN(close)) continue;
                    low = Math.Min(low, close);
                    high = Math.Max(high, close);
                }
                _blockLow[b] = low;
                _blockHigh[b] = high;
            }
        }

        /// <summary>Bounds of every close from <paramref name="first"/> to <paramref name="last"/> (and of a few around them).</summary>
        public (double Lowest, double Highest) Around(int first, int last) =>
            (Math.Min(_blockLow[first / BlockSize], _blockLow[last / BlockSize]), Math.Max(_blockHigh[first / BlockSize], _blockHigh[last / BlockSize]));
    }

    /// <summary>The outliers among the candles from <paramref name="from"/> up to <paramref name="to"/>.</summary>
    private static List<CandleOutlier> FindIn(Candle[] candles, Closes closes, int from, int to)
    {
        var found = new List<CandleOutlier>();
        var close = closes.Close;
        Span<double> window = stackalloc double[2 * Neighbours];
        Span<double> ranges = stackalloc double[2 * Neighbours];
        for (int i = from; i < to; i++)
        {
            int first = Math.Max(0, i - Neighbours), last = Math.Min(candles.Length - 1, i + Neighbours);
            // the blocks' bounds take in the neighbours' closes (and more): a candle within them cannot be flagged
            var (outerLowest, outerHighest) = closes.Around(first, last);
            if (WithinMinimum(candles[i], outerLowest, outerHighest)) continue;
            int n = 0;
            double lowest = double.MaxValue, highest = double.MinValue;
            for (int j = first; j <= last; j++)
            {
                if (j == i || double.IsNaN(close[j])) continue;
                window[n] = close[j];
                ranges[n] = (double)(candles[j].High - candles[j].Low) / close[j];
                lowest = Math.Min(lowest, close[j]);
                highest = Math.Max(highest, close[j]);
                n++;
            }
            if (n < 4 || WithinMinimum(candles[i], lowest, highest)) continue;
            if (Check(candles[i], window[..n], ranges[..n]) is { } outlier) found.Add(outlier);
        }
        return found;
    }

    /// <summary>
    /// True when no price of the candle can be more than <see cref="MinDeviation"/> from any median of closes between
    /// <paramref name="lowest"/> and <paramref name="highest"/> (the median lies between them, and division and
    /// subtraction round monotonically), so the candle cannot be flagged and needs no medians.
    /// </summary>
    private static bool WithinMinimum(in Candle c, double lowest, double highest)
    {
        double open = ExactDouble.From(c.Open), high = ExactDouble.From(c.High), low = ExactDouble.From(c.Low), close = ExactDouble.From(c.Close);
        double top = Math.Max(Math.Max(open, high), Math.Max(low, close));
        double bottom = Math.Min(Math.Min(open, high), Math.Min(low, close));
        return (top / lowest) - 1 <= MinDeviation && 1 - (bottom / highest) <= MinDeviation;
    }

    /// <summary>The candle as an outlier when its worst price is further from the neighbours' median close than the limit, else null.</summary>
    private static CandleOutlier? Check(in Candle c, Span<double> closes, Span<double> ranges)
    {
        int n = closes.Length;
        double reference = Median(closes);
        double limit = Math.Max(MinDeviation, RangeMultiple * Median(ranges));
        (string Name, decimal Price) worst = default;
        double worstDeviation = 0;
        foreach (var (name, price) in new[] { ("open", c.Open), ("high", c.High), ("low", c.Low), ("close", c.Close) })
        {
            double deviation = Math.Abs(((double)price / reference) - 1);
            if (deviation > worstDeviation) (worst, worstDeviation) = ((name, price), deviation);
        }
        if (worstDeviation <= limit) return null;
        return new CandleOutlier(c.Time, string.Create(CultureInfo.InvariantCulture,
            $"{worst.Name} {worst.Price:0.########} is {worstDeviation:P0} away from the median close {reference:0.##} of its {n} neighbours (O {c.Open:0.########} H {c.High:0.########} L {c.Low:0.########} C {c.Close:0.########}); probably a bad print"));
    }

    private static double Median(Span<double> values)
    {
        values.Sort();
        int m = values.Length / 2;
        return values.Length % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2;
    }
}
