using System;

namespace Velocitas.Strategies;

/// <summary>
/// Values of an indicator, one per candle, read backwards from the current candle: <c>series[0]</c> is the value at
/// this candle's close, <c>series[1]</c> the one before. Values are NaN during warm-up (and before the first candle),
/// so comparisons with them are false. The engine advances every series before it calls
/// <see cref="Strategy.OnCandle"/>; a strategy never updates one itself and never sees a later candle.
/// </summary>
public sealed class Series
{
    /// <summary>How far back a series (or <see cref="Strategy.Candles"/>) can be read.</summary>
    public const int MaxBarsAgo = 1000;

    private readonly Cursor _cursor;
    private readonly double[] _values;
    private readonly int _mask;
    private readonly int _warmUp;

    internal Series(string name, Cursor cursor, double[] values, int mask, int warmUp)
    {
        Name = name;
        _cursor = cursor;
        _values = values;
        _mask = mask;
        _warmUp = warmUp;
    }

    /// <summary>What the series is, e.g. <c>sma(20)</c> or <c>macd(12,26,9).signal</c>.</summary>
    public string Name { get; }

    /// <summary>Candles needed before the series has a value.</summary>
    public int WarmUp => _warmUp;

    /// <summary>The value <paramref name="barsAgo"/> candles ago (0 = this candle), NaN when not yet defined.</summary>
    /// <exception cref="ArgumentOutOfRangeException">barsAgo is negative (the future) or above <see cref="MaxBarsAgo"/>.</exception>
    public double this[int barsAgo]
    {
        get
        {
            if ((uint)barsAgo > MaxBarsAgo) throw BarsAgoOutOfRange(barsAgo);
            int i = _cursor.Index - barsAgo;
            return i < 0 ? double.NaN : _values[i & _mask];
        }
    }

    /// <summary>The value at this candle's close (same as <c>this[0]</c>).</summary>
    public double Value => this[0];

    /// <summary>False during warm-up (the values are NaN then).</summary>
    public bool IsReady => _cursor.Index + 1 >= _warmUp;

    /// <summary>Strictly below <paramref name="other"/> on the previous candle and strictly above it on this one; false while either warms up.</summary>
    public bool CrossedAbove(Series other) => this[1] < other[1] && this[0] > other[0];

    /// <summary>Strictly above <paramref name="other"/> on the previous candle and strictly below it on this one; false while either warms up.</summary>
    public bool CrossedBelow(Series other) => this[1] > other[1] && this[0] < other[0];

    /// <summary>Strictly below <paramref name="level"/> on the previous candle and strictly above it on this one.</summary>
    public bool CrossedAbove(double level) => this[1] < level && this[0] > level;

    /// <summary>Strictly above <paramref name="level"/> on the previous candle and strictly below it on this one.</summary>
    public bool CrossedBelow(double level) => this[1] > level && this[0] < level;

    /// <summary>"sma(20) = 101.5".</summary>
    public override string ToString() => $"{Name} = {Value}";

    internal static ArgumentOutOfRangeException BarsAgoOutOfRange(int barsAgo) => new(nameof(barsAgo), barsAgo,
        barsAgo < 0
            ? $"barsAgo must be 0 (this candle) or more; a strategy cannot read the future (was {barsAgo})."
            : $"barsAgo can be at most {MaxBarsAgo} (was {barsAgo}).");
}

/// <summary>The index of the current candle, shared by every series of one strategy.</summary>
internal sealed class Cursor
{
    public int Index = -1;
}
