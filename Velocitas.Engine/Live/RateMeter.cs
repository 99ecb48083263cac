using System.Diagnostics;

namespace Velocitas.Engine.Live;

/// <summary>Events per second of a growing counter, measured between reads at least 50 ms apart. One reader at a time.</summary>
internal sealed class RateMeter
{
    private long _lastCount;
    private long _lastTicks = Stopwatch.GetTimestamp();
    private double _rate;

    /// <summary>The rate since the previous measurement, given the counter now (the last rate when read too soon).</summary>
    public double Measure(long count)
    {
        long now = Stopwatch.GetTimestamp();
        double seconds = (now - _lastTicks) / (double)Stopwatch.Frequency;
        if (seconds > 0.05)
        {
            _rate = (count - _lastCount) / seconds;
            (_lastTicks, _lastCount) = (now, count);
        }
        return _rate;
    }
}
