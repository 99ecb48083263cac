using Velocitas.Engine.Execution;

namespace Velocitas.Engine.Backtesting;

/// <summary>
/// Keeps a few thousand points of an equity curve while it is produced, instead of the whole curve: the first and last
/// point, each bucket's lowest and highest point (so drawdowns stay visible) and the last point of every UTC month (so
/// monthly and yearly returns read from the kept points are exact), at most <c>maxPoints</c> in all. A curve of at most
/// <c>maxPoints</c> points is kept whole. The buckets cut the points between the first and the last into equal runs, as
/// many as leave room for the month ends.
/// </summary>
public sealed class EquityCurveSampler
{
    /// <summary>Points kept by default (before month ends).</summary>
    public const int DefaultMaxPoints = 4000;

    private readonly int _count;
    private readonly bool _whole;
    private readonly int _buckets;
    private readonly double _size;
    private readonly List<(int Index, Equity Point)> _kept;
    private readonly List<(int Index, Equity Point)> _monthEnds = [];
    private int _bucket = -1, _bucketEnd;
    private int _lo = -1, _hi = -1;
    private Equity _loPoint, _hiPoint;
    private double _loValue, _hiValue; // the kept values as doubles: most comparisons are settled without the decimal one
    private DateTimeOffset _previousTime;
    private decimal _previousValue;
    private int _previousMonth = -1;
    private long _monthStart = long.MaxValue, _monthEnd = long.MinValue; // UTC ticks of _previousMonth's bounds

    /// <summary>A sampler for a curve of <paramref name="count"/> points from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public EquityCurveSampler(int count, DateTimeOffset first, DateTimeOffset last, int maxPoints = DefaultMaxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 4);
        _count = count;
        _whole = count <= maxPoints;
        int months = Math.Max(0, MonthOf(last) - MonthOf(first));
        _buckets = Math.Max(1, (maxPoints - 2 - months) / 2);
        _size = (count - 2) / (double)_buckets;
        _kept = new List<(int, Equity)>(Math.Min(count, maxPoints + 2));
    }

    /// <summary>Takes point number <paramref name="index"/> (0, 1, 2, ... in order).</summary>
    public void Add(int index, in Equity point) => Add(index, point.Time, point.Value);

    /// <summary>
    /// Takes point number <paramref name="index"/> given by its parts (a backtest's loop: no point is built per candle).
    /// Per point this is a tick comparison for the month (the calendar only when one ends) and double comparisons for
    /// the bucket's extremes (the decimal one only when the doubles tie: the conversion never reverses an order).
    /// </summary>
    public void Add(int index, DateTimeOffset time, decimal value) => Add(index, time, value, Market.ExactDouble.From(value));

    /// <summary>As <see cref="Add(int, DateTimeOffset, decimal)"/> with <paramref name="asDouble"/> = <c>(double)value</c>, already at hand.</summary>
    internal void Add(int index, DateTimeOffset time, decimal value, double asDouble)
    {
        if (_whole || index == 0)
        {
            _kept.Add((index, new Equity(time, value)));
            return;
        }
        long ticks = time.UtcTicks;
        if (ticks < _monthStart || ticks >= _monthEnd) EnterMonth(index, time);
        _previousTime = time;
        _previousValue = value;
        if (index >= _count - 1) return;
        while (index >= _bucketEnd) NextBucket();
        double v = asDouble;
        // a tie of doubles is settled by the decimals, unless they are the very same (a flat account: most ties)
        if (_lo < 0 || v < _loValue || (v == _loValue && !Market.DecimalBits.SameBits(value, _loPoint.Value) && value < _loPoint.Value))
            (_lo, _loPoint, _loValue) = (index, new Equity(time, value), v);
        if (_hi < 0 || v > _hiValue || (v == _hiValue && !Market.DecimalBits.SameBits(value, _hiPoint.Value) && value > _hiPoint.Value))
            (_hi, _hiPoint, _hiValue) = (index, new Equity(time, value), v);
    }

    // a point in another month than the one before: the month before ends with the previous point
    private void EnterMonth(int index, DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        int month = (utc.Year * 12) + utc.Month;
        if (_previousMonth >= 0 && month != _previousMonth) _monthEnds.Add((index - 1, new Equity(_previousTime, _previousValue)));
        _previousMonth = month;
        var start = new DateTime(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        _monthStart = start.Ticks;
        _monthEnd = start.Year == 9999 && start.Month == 12 ? long.MaxValue : start.AddMonths(1).Ticks;
    }

    /// <summary>The kept points in time order, the last one being <paramref name="last"/> (the curve's final point).</summary>
    public IReadOnlyList<Equity> Finish(Equity last)
    {
        if (_whole)
        {
            var whole = _kept.Select(k => k.Point).ToList();
            if (whole.Count > 0) whole[^1] = last;
            return whole;
        }
        Flush();
        var points = new List<Equity>(_kept.Count + _monthEnds.Count + 1);
        int m = 0, previous = -1;
        foreach (var (index, point) in _kept)
        {
            for (; m < _monthEnds.Count && _monthEnds[m].Index <= index; m++)
            {
                if (_monthEnds[m].Index != index && _monthEnds[m].Index != previous) points.Add(_monthEnds[m].Point);
            }
            points.Add(point);
            previous = index;
        }
        for (; m < _monthEnds.Count; m++)
        {
            if (_monthEnds[m].Index != previous && _monthEnds[m].Index < _count - 1) points.Add(_monthEnds[m].Point);
        }
        points.Add(last);
        return points;
    }

    private static int MonthOf(DateTimeOffset time) => (time.UtcDateTime.Year * 12) + time.UtcDateTime.Month;

    private void NextBucket()
    {
        Flush();
        do
        {
            _bucket++;
            int start = 1 + (int)(_bucket * _size);
            _bucketEnd = Math.Min(_count - 1, 1 + (int)((_bucket + 1) * _size));
            if (start < _bucketEnd || _bucket >= _buckets - 1) break;
        }
        while (true);
    }

    private void Flush()
    {
        if (_lo < 0) return;
        if (_lo == _hi) _kept.Add((_lo, _loPoint));
        else if (_lo < _hi) { _kept.Add((_lo, _loPoint)); _kept.Add((_hi, _hiPoint)); }
        else { _kept.Add((_hi, _hiPoint)); _kept.Add((_lo, _loPoint)); }
        _lo = _hi = -1;
    }
}
