namespace Velocitas.Engine.Indicators;

/// <summary>
/// Where a positive value ranks among the last <see cref="Capacity"/> values seen (0–100), and their median, in
/// O(log bins) per update with no allocation. Values are counted in logarithmic bins (0.5 % wide, from 1e-9 to
/// 1e6) in a Fenwick tree, so the rank is exact to the bin width — ample for "how unusual is today's volatility".
/// </summary>
public sealed class RollingPercentile
{
    private const double MinLog = -9 * 2.302585092994046; // ln(1e-9)
    private const double MaxLog = 6 * 2.302585092994046;  // ln(1e6)
    private const double BinWidth = 0.005;                 // in ln units ≈ 0.5 %
    private static readonly int BinCount = (int)Math.Ceiling((MaxLog - MinLog) / BinWidth) + 1;

    private readonly int[] _tree = new int[BinCount + 1];
    private readonly int[] _history;
    private int _next;

    /// <summary>Creates the ranking over the last <paramref name="capacity"/> values.</summary>
    public RollingPercentile(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _history = new int[capacity];
    }

    /// <summary>Values ranked against.</summary>
    public int Capacity => _history.Length;

    /// <summary>Values currently held.</summary>
    public int Count { get; private set; }

    /// <summary>Percentile (0–100) of <paramref name="value"/> among the values held: the share below it, counting half of those in its bin.</summary>
    public double PercentileOf(double value)
    {
        if (Count == 0) return double.NaN;
        int bin = Bin(value);
        int below = Prefix(bin);          // bins [0, bin)
        int same = Prefix(bin + 1) - below;
        return (below + (0.5 * same)) / Count * 100;
    }

    /// <summary>The median of the values held (to the bin width), NaN when empty.</summary>
    public double Median => Quantile(0.5);

    /// <summary>The value at quantile <paramref name="q"/> (0–1) of those held, to the bin width.</summary>
    public double Quantile(double q)
    {
        if (Count == 0) return double.NaN;
        int rank = Math.Clamp((int)Math.Ceiling(q * Count), 1, Count);
        // Fenwick search for the first bin whose cumulative count reaches rank
        int position = 0, step = HighestPowerOfTwo(BinCount), remaining = rank;
        for (; step > 0; step >>= 1)
        {
            int next = position + step;
            if (next <= BinCount && _tree[next] < remaining)
            {
                position = next;
                remaining -= _tree[next];
            }
        }
        return Math.Exp(MinLog + ((position + 0.5) * BinWidth));
    }

    /// <summary>Adds a value (zero and negatives count in the lowest bin), evicting the oldest when full.</summary>
    public void Add(double value)
    {
        int bin = Bin(value);
        if (Count == _history.Length) Change(_history[_next], -1);
        else Count++;
        _history[_next] = bin;
        _next = _next + 1 == _history.Length ? 0 : _next + 1;
        Change(bin, +1);
    }

    /// <summary>Forgets every value.</summary>
    public void Clear()
    {
        Array.Clear(_tree);
        Count = 0;
        _next = 0;
    }

    private static int Bin(double value)
    {
        if (!(value > 0)) return 0;
        double b = (Math.Log(value) - MinLog) / BinWidth;
        return b <= 0 ? 0 : b >= BinCount - 1 ? BinCount - 1 : (int)b;
    }

    private void Change(int bin, int delta)
    {
        for (int i = bin + 1; i <= BinCount; i += i & -i) _tree[i] += delta;
    }

    private int Prefix(int bins)
    {
        int sum = 0;
        for (int i = bins; i > 0; i -= i & -i) sum += _tree[i];
        return sum;
    }

    private static int HighestPowerOfTwo(int n)
    {
        int p = 1;
        while (p * 2 <= n) p *= 2;
        return p;
    }
}
