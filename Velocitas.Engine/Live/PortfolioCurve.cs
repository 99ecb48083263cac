using Velocitas.Engine.Execution;

namespace Velocitas.Engine.Live;

/// <summary>
/// The portfolio's value curve: the overall <see cref="PortfolioBook"/> unit value as an index (100 = when measuring
/// began), one point per candle close of the market's clock, so a replay at maximum speed draws every candle, and
/// adding or removing an instance is neither a gain nor a loss. A point is final once a later moment is marked; a feed
/// on an earlier clock starts the curve afresh. Keeps the newest <see cref="Capacity"/> points; thread-safe.
/// </summary>
internal sealed class PortfolioCurve(Action<Equity> saved)
{
    /// <summary>Points kept in memory (older ones stay in the database).</summary>
    public const int Capacity = 3600;

    private readonly Queue<Equity> _points = new();
    private Equity? _pending;

    /// <summary>The curve, oldest first, with the moment being marked as its last point.</summary>
    public IReadOnlyList<(DateTimeOffset Time, decimal Value)> Points
    {
        get
        {
            lock (_points)
            {
                var list = new List<(DateTimeOffset, decimal)>(_points.Count + 1);
                foreach (var p in _points) list.Add((p.Time, p.Value));
                if (_pending is { } last) list.Add((last.Time, last.Value));
                return list;
            }
        }
    }

    /// <summary>Continues the curve saved by the last run (only its part on the latest clock).</summary>
    public void Restore(IReadOnlyList<Equity> points)
    {
        int from = 0;
        for (int k = 1; k < points.Count; k++) if (points[k].Time <= points[k - 1].Time) from = k;
        lock (_points)
        {
            for (int k = from; k < points.Count; k++) Add(points[k]);
        }
    }

    /// <summary>
    /// The portfolio's unit value after a mark at <paramref name="time"/> (a candle's time on the market's clock).
    /// Instances run in parallel, so a slower one may mark an earlier moment after a faster one marked a later one: the
    /// value then updates the newest point without moving the curve back in time.
    /// </summary>
    public void Mark(DateTimeOffset time, double unitValue)
    {
        decimal value = Math.Round((decimal)unitValue * 100m, 6);
        lock (_points)
        {
            if (_feedStarted)
            {
                _feedStarted = false;
                if (_points.Count > 0 && time < LastTime) _points.Clear(); // a feed on an earlier clock: a new curve
            }
            if (_pending is { } pending)
            {
                if (time > pending.Time) Commit(pending);
                _pending = new Equity(time > pending.Time ? time : pending.Time, value);
            }
            else if (_points.Count == 0 || time > LastTime)
            {
                _pending = new Equity(time, value);
            }
        }
    }

    /// <summary>A feed starts: the last point is final, and the next mark may start a new curve on an earlier clock.</summary>
    public void BeginFeed()
    {
        lock (_points)
        {
            Complete();
            _feedStarted = true;
        }
    }

    /// <summary>Makes the last point final (the feed stopped).</summary>
    public void Complete()
    {
        lock (_points)
        {
            if (_pending is { } pending) Commit(pending);
            _pending = null;
        }
    }

    private void Commit(Equity point)
    {
        Add(point);
        saved(point);
    }

    private bool _feedStarted;

    private DateTimeOffset LastTime { get; set; }

    private void Add(Equity point)
    {
        _points.Enqueue(point);
        LastTime = point.Time;
        while (_points.Count > Capacity) _points.Dequeue();
    }
}
