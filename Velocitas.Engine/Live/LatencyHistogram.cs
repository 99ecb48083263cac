namespace Velocitas.Engine.Live;

/// <summary>
/// Lock-free log-scaled histogram of latencies in microseconds (one writer per instance, many readers). Each
/// power of two is split in eight buckets, so a quantile is read to within about 9 % (the bucket's upper bound).
/// </summary>
public sealed class LatencyHistogram
{
    private const int PerOctave = 8;
    private const int Buckets = 25 * PerOctave; // up to 2^25 µs (about 33 s)
    private static readonly double MicrosPerTick = 1_000_000.0 / System.Diagnostics.Stopwatch.Frequency;
    private readonly long[] _counts = new long[Buckets];

    /// <summary>Records one latency in Stopwatch ticks.</summary>
    public void Record(long stopwatchTicks)
    {
        double micros = stopwatchTicks * MicrosPerTick;
        int bucket = micros <= 1 ? 0 : Math.Min(Buckets - 1, (int)(Math.Log2(micros) * PerOctave) + 1);
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
            if (seen >= target) return Math.Round(Math.Pow(2, (double)i / PerOctave), 1);
        }
        return Math.Round(Math.Pow(2, (double)(counts.Length - 1) / PerOctave), 1);
    }
}
