namespace Velocitas.Engine.Live;

/// <summary>
/// Lock-free log-scaled histogram of latencies in microseconds (single writer per instance, many readers).
/// Buckets double from 1 µs; quantiles are read as the upper bound of the bucket holding them.
/// </summary>
public sealed class LatencyHistogram
{
    private const int Buckets = 32;
    private readonly long[] _counts = new long[Buckets];

    /// <summary>Records one latency in Stopwatch ticks.</summary>
    public void Record(long stopwatchTicks)
    {
        double micros = stopwatchTicks * 1_000_000.0 / System.Diagnostics.Stopwatch.Frequency;
        int bucket = micros <= 1 ? 0 : Math.Min(Buckets - 1, (int)Math.Ceiling(Math.Log2(micros)));
        Interlocked.Increment(ref _counts[bucket]);
    }

    /// <summary>Adds this histogram's counts to <paramref name="into"/>.</summary>
    public void AddTo(long[] into)
    {
        for (int i = 0; i < Buckets; i++) into[i] += Volatile.Read(ref _counts[i]);
    }

    /// <summary>A new count array for <see cref="AddTo"/>.</summary>
    public static long[] NewCounts() => new long[Buckets];

    /// <summary>Upper bound (µs) of the bucket holding quantile <paramref name="q"/>; null when empty.</summary>
    public static double? Quantile(long[] counts, double q)
    {
        long total = counts.Sum();
        if (total == 0) return null;
        long target = (long)Math.Ceiling(total * q);
        long seen = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= target) return Math.Pow(2, i);
        }
        return Math.Pow(2, counts.Length - 1);
    }
}
