namespace Velocitas.Engine.Execution;

/// <summary>
/// Streaming statistics of an equity curve marked at each close: drawdown (depth and duration), per-candle
/// returns (mean, variance, downside deviation) and exposure. O(1) per point, no allocation, so long
/// optimisations need not store the curve.
/// </summary>
public sealed class EquityStatistics
{
    private double _previous;
    private double _peak;
    private DateTimeOffset _peakTime;
    private double _episodeDepth;
    private double _meanReturn, _m2Return, _downsideSq;
    private bool _canRevise;
    private (double Previous, double Peak, DateTimeOffset PeakTime, double EpisodeDepth, double MaxDrawdown, TimeSpan MaxDdDuration, TimeSpan Longest, double Mean, double M2, double Down, decimal Last) _undo;

    /// <summary>Starts from <paramref name="initialCash"/>.</summary>
    public EquityStatistics(decimal initialCash)
    {
        InitialCash = initialCash;
        LastEquity = initialCash;
        _previous = _peak = (double)initialCash;
    }

    /// <summary>Starting equity.</summary>
    public decimal InitialCash { get; }

    /// <summary>Latest equity.</summary>
    public decimal LastEquity { get; private set; }

    /// <summary>Points added.</summary>
    public int Candles { get; private set; }

    /// <summary>Candles during which a position was held (after the open's fills).</summary>
    public int ExposedCandles { get; private set; }

    /// <summary>Time of the first point.</summary>
    public DateTimeOffset FirstTime { get; private set; }

    /// <summary>Time of the last point.</summary>
    public DateTimeOffset LastTime { get; private set; }

    /// <summary>Close of the first candle (for buy and hold).</summary>
    public decimal FirstClose { get; private set; }

    /// <summary>Close of the last candle (for buy and hold).</summary>
    public decimal LastClose { get; private set; }

    /// <summary>Deepest fall from a running peak, as a positive fraction (0.12 = 12 %).</summary>
    public double MaxDrawdown { get; private set; }

    /// <summary>Duration of the deepest drawdown, from its peak to recovery (or to the last point if not recovered).</summary>
    public TimeSpan MaxDrawdownDuration { get; private set; }

    /// <summary>Longest time spent below a previous peak.</summary>
    public TimeSpan LongestDrawdownDuration { get; private set; }

    /// <summary>Mean per-candle return.</summary>
    public double MeanReturn => _meanReturn;

    /// <summary>Sample standard deviation of per-candle returns (NaN for fewer than two).</summary>
    public double ReturnStdDev => Candles < 2 ? double.NaN : Math.Sqrt(_m2Return / (Candles - 1));

    /// <summary>Downside deviation of per-candle returns (root mean square of the negative ones, over all candles).</summary>
    public double DownsideDeviation => Candles == 0 ? double.NaN : Math.Sqrt(_downsideSq / Candles);

    /// <summary>Highest equity seen.</summary>
    public decimal PeakEquity => (decimal)_peak;

    /// <summary>Continues from a persisted peak and maximum drawdown (after a restart).</summary>
    public void Restore(decimal peakEquity, double maxDrawdown, decimal lastEquity)
    {
        _peak = Math.Max((double)peakEquity, (double)lastEquity);
        _previous = (double)lastEquity;
        LastEquity = lastEquity;
        MaxDrawdown = maxDrawdown;
    }

    /// <summary>Adds the equity marked at a candle's close.</summary>
    public void Add(DateTimeOffset time, decimal equity, decimal close, bool exposed)
    {
        _undo = (_previous, _peak, _peakTime, _episodeDepth, MaxDrawdown, MaxDrawdownDuration, LongestDrawdownDuration, _meanReturn, _m2Return, _downsideSq, LastEquity);
        _canRevise = true;
        if (Candles == 0)
        {
            FirstTime = time;
            FirstClose = close;
            _peakTime = time;
        }
        Candles++;
        if (exposed) ExposedCandles++;
        LastTime = time;
        LastClose = close;
        Accumulate(time, equity);
    }

    /// <summary>Replaces the value of the last point (e.g. after the end-of-data sale paid its fee).</summary>
    public void ReviseLast(decimal equity)
    {
        if (!_canRevise) throw new InvalidOperationException("There is no point to revise.");
        (_previous, _peak, _peakTime, _episodeDepth, double maxDd, TimeSpan maxDur, TimeSpan longest, _meanReturn, _m2Return, _downsideSq, decimal last) = _undo;
        MaxDrawdown = maxDd;
        MaxDrawdownDuration = maxDur;
        LongestDrawdownDuration = longest;
        LastEquity = last;
        Accumulate(LastTime, equity);
    }

    private void Accumulate(DateTimeOffset time, decimal equity)
    {
        // a flat account's equity is the same cash candle after candle: reuse its conversion (same bits, same double)
        double e = SameBits(equity, LastEquity) ? _previous : Market.ExactDouble.From(equity);
        double r = _previous == 0 ? 0 : (e / _previous) - 1;
        _previous = e;
        LastEquity = equity;

        // Welford for the mean/variance of returns; Candles already counts this point
        double delta = r - _meanReturn;
        _meanReturn += delta / Candles;
        _m2Return += delta * (r - _meanReturn);
        if (r < 0) _downsideSq += r * r;

        if (e >= _peak)
        {
            CloseEpisode(time);
            _peak = e;
            _peakTime = time;
            _episodeDepth = 0;
        }
        else
        {
            double depth = (_peak - e) / _peak;
            if (depth > _episodeDepth) _episodeDepth = depth;
            if (_episodeDepth >= MaxDrawdown && _episodeDepth > 0)
            {
                MaxDrawdown = _episodeDepth;
                MaxDrawdownDuration = time - _peakTime;
            }
            if (time - _peakTime > LongestDrawdownDuration) LongestDrawdownDuration = time - _peakTime;
        }
    }

    private static bool SameBits(decimal a, decimal b) =>
        System.Runtime.CompilerServices.Unsafe.As<decimal, Int128>(ref a) == System.Runtime.CompilerServices.Unsafe.As<decimal, Int128>(ref b);

    private void CloseEpisode(DateTimeOffset recovery)
    {
        if (_episodeDepth <= 0) return;
        if (_episodeDepth >= MaxDrawdown) MaxDrawdownDuration = recovery - _peakTime;
        if (recovery - _peakTime > LongestDrawdownDuration) LongestDrawdownDuration = recovery - _peakTime;
    }
}
