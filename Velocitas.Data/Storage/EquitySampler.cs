using Velocitas.Engine.Execution;

namespace Velocitas.Data.Storage;

/// <summary>
/// Reduces an equity curve to at most a few thousand points for storage and charts, keeping each bucket's
/// lowest and highest point so drawdowns stay visible, and always the first and last point.
/// </summary>
public static class EquitySampler
{
    /// <summary>Default maximum number of points kept.</summary>
    public const int DefaultMaxPoints = 4000;

    /// <summary>The sampled curve, in time order.</summary>
    public static IReadOnlyList<Equity> Sample(IReadOnlyList<Equity> curve, int maxPoints = DefaultMaxPoints)
    {
        if (curve.Count <= maxPoints) return curve;
        int buckets = Math.Max(1, (maxPoints - 2) / 2);
        double size = (curve.Count - 2) / (double)buckets;
        var result = new List<Equity>(maxPoints) { curve[0] };
        for (int b = 0; b < buckets; b++)
        {
            int start = 1 + (int)(b * size), end = Math.Min(curve.Count - 1, 1 + (int)((b + 1) * size));
            if (start >= end) continue;
            int lo = start, hi = start;
            for (int i = start; i < end; i++)
            {
                if (curve[i].Value < curve[lo].Value) lo = i;
                if (curve[i].Value > curve[hi].Value) hi = i;
            }
            if (lo == hi) result.Add(curve[lo]);
            else if (lo < hi) { result.Add(curve[lo]); result.Add(curve[hi]); }
            else { result.Add(curve[hi]); result.Add(curve[lo]); }
        }
        result.Add(curve[^1]);
        return result;
    }
}
