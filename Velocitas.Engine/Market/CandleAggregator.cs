namespace Velocitas.Engine.Market;

/// <summary>
/// Builds candles of one symbol from trades. Periods are aligned to the Unix epoch (a 1m candle starts at a whole
/// minute). A trade in a later period closes the current candle and opens the next one; periods without trades
/// produce no candle.
/// </summary>
public sealed class CandleAggregator
{
    private readonly long _period;
    private bool _open;
    private long _start;
    private decimal _o, _h, _l, _c;
    private double _v;

    /// <summary>Creates an aggregator for <paramref name="timeframe"/> candles.</summary>
    public CandleAggregator(string symbol, Timeframe timeframe)
    {
        if (timeframe.Duration <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeframe), "The timeframe must be positive.");
        Symbol = symbol;
        Timeframe = timeframe;
        _period = timeframe.Duration.Ticks;
    }

    /// <summary>The symbol.</summary>
    public string Symbol { get; }

    /// <summary>The candle interval.</summary>
    public Timeframe Timeframe { get; }

    /// <summary>The candle being built, if any.</summary>
    public Candle? Current => _open ? new Candle(new DateTimeOffset(_start, TimeSpan.Zero), _o, _h, _l, _c, _v) : null;

    /// <summary>Start of the period holding <paramref name="time"/>.</summary>
    public DateTimeOffset PeriodStart(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % _period), TimeSpan.Zero);

    /// <summary>
    /// Adds a trade. Returns the candle it completed (when the trade falls in a later period) and whether it opened
    /// a new candle. Trades older than the current candle are ignored (returns <c>Accepted = false</c>).
    /// </summary>
    public (bool Accepted, Candle? Closed, bool Opened) Add(DateTimeOffset time, decimal price, double quantity = 0)
    {
        long start = time.UtcTicks - (time.UtcTicks % _period);
        if (_open && start < _start) return (false, null, false);
        Candle? closed = null;
        bool opened = false;
        if (!_open || start > _start)
        {
            if (_open) closed = Current;
            _open = true;
            opened = true;
            _start = start;
            _o = _h = _l = _c = price;
            _v = 0;
        }
        if (price > _h) _h = price;
        if (price < _l) _l = price;
        _c = price;
        _v += quantity;
        return (true, closed, opened);
    }

    /// <summary>Closes the current candle if its period has ended by <paramref name="now"/> (or unconditionally when <paramref name="force"/>).</summary>
    public Candle? CloseIfDue(DateTimeOffset now, bool force = false)
    {
        if (!_open) return null;
        if (!force && now.UtcTicks < _start + _period) return null;
        var candle = Current;
        _open = false;
        return candle;
    }
}
