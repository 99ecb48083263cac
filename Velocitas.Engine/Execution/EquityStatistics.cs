namespace Velocitas.Engine.Execution;

/// <summary>
/// Streaming statistics of an equity curve marked at each close: drawdown (depth and duration), per-candle
/// returns (mean, variance, downside deviation) and exposure. O(1) per point, no allocation, so long
/// optimisations need not store the curve.
/// </summary>
public sealed class EquityStatistics
{
    /// <summary>Everything a point changes, kept together so the last point can be taken back with one copy.</summary>
    private struct Running
    {
        public double Previous, Peak, EpisodeDepth, MaxDrawdown, Mean, M2, DownsideSq;
        public double Trough; // lowest equity since the peak: no lower point, no deeper drawdown
        public DateTimeOffset PeakTime;
        public TimeSpan MaxDrawdownDuration, LongestDrawdownDuration;
        public decimal Last;
    }

    private Running _r, _undo;
    private bool _canRevise;

    /// <summary>
    /// Whether the next points can be revised (<see cref="ReviseLast"/>), true unless set. That needs the statistics as
    /// they were before the point, a copy of about 100 bytes per point: a backtest turns it off until its last candle.
    /// </summary>
    internal bool Revisable { get; set; } = true;

    /// <summary>Starts from <paramref name="initialCash"/>.</summary>
    public EquityStatistics(decimal initialCash)
    {
        InitialCash = initialCash;
        _r.Last = initialCash;
        _r.Previous = _r.Peak = _r.Trough = (double)initialCash;
    }

    /// <summary>Starting equity.</summary>
    public decimal InitialCash { get; }

    /// <summary>Latest equity.</summary>
    public decimal LastEquity => _r.Last;

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
    public double MaxDrawdown => _r.MaxDrawdown;

    /// <summary>Duration of the deepest drawdown, from its peak to recovery (or to the last point if not recovered).</summary>
    public TimeSpan MaxDrawdownDuration => _r.MaxDrawdownDuration;

    /// <summary>Longest time spent below a previous peak.</summary>
    public TimeSpan LongestDrawdownDuration => _r.LongestDrawdownDuration;

    /// <summary>Mean per-candle return.</summary>
    public double MeanReturn => _r.Mean;

    /// <summary>Sample standard deviation of per-candle returns (NaN for fewer than two).</summary>
    public double ReturnStdDev => Candles < 2 ? double.NaN : Math.Sqrt(_r.M2 / (Candles - 1));

    /// <summary>Downside deviation of per-candle returns (root mean square of the negative ones, over all candles).</summary>
    public double DownsideDeviation => Candles == 0 ? double.NaN : Math.Sqrt(_r.DownsideSq / Candles);

    /// <summary>The latest equity as the double the statistics use (the same as <c>(double)LastEquity</c>).</summary>
    internal double LastEquityDouble => _r.Previous;

    /// <summary>Highest equity seen.</summary>
    public decimal PeakEquity => (decimal)_r.Peak;

    /// <summary>Continues from a persisted peak and maximum drawdown (after a restart).</summary>
    public void Restore(decimal peakEquity, double maxDrawdown, decimal lastEquity)
    {
        _r.Peak = _r.Trough = Math.Max((double)peakEquity, (double)lastEquity);
        _r.Previous = (double)lastEquity;
        _r.Last = lastEquity;
        _r.MaxDrawdown = maxDrawdown;
    }

    /// <summary>Adds the equity marked at a candle's close.</summary>
    public void Add(DateTimeOffset time, in decimal equity, in decimal close, bool exposed)
    {
        if (Revisable) _undo = _r;
        _canRevise = Revisable;
        if (Candles == 0)
        {
            FirstTime = time;
            FirstClose = close;
            _r.PeakTime = time;
        }
        Candles++;
        if (exposed) ExposedCandles++;
        LastTime = time;
        LastClose = close;
        Accumulate(ref _r, time, equity);
    }

    /// <summary>Replaces the value of the last point (e.g. after the end-of-data sale paid its fee).</summary>
    public void ReviseLast(decimal equity)
    {
        if (!_canRevise) throw new InvalidOperationException("There is no point to revise.");
        _r = _undo;
        Accumulate(ref _r, LastTime, equity);
    }

    private void Accumulate(ref Running r, DateTimeOffset time, in decimal equity)
    {
        // a flat account's equity is the same cash candle after candle: reuse its conversion (same bits, same double)
        bool unchanged = Market.DecimalBits.SameBits(equity, r.Last);
        double e = unchanged ? r.Previous : Market.ExactDouble.From(equity);
        double ret = r.Previous == 0 || unchanged ? 0 : (e / r.Previous) - 1; // x / x - 1 is exactly 0: no division for an unchanged equity
        r.Previous = e;
        Market.DecimalBits.Copy(equity, ref r.Last);

        // Welford for the mean/variance of returns; Candles already counts this point. The mean stays in a register:
        // read back from the field it would wait for the store on top of the division
        double mean = r.Mean;
        double delta = ret - mean;
        mean += delta / Candles;
        r.Mean = mean;
        r.M2 += delta * (ret - mean);
        double down = Math.Min(ret, 0); // no branch: a return's sign is a coin toss candle to candle (+0 adds nothing)
        r.DownsideSq += down * down;

        if (e >= r.Peak)
        {
            CloseEpisode(ref r, time);
            r.Peak = e;
            r.PeakTime = time;
            r.EpisodeDepth = 0;
            r.Trough = e;
        }
        else
        {
            // (peak − e) / peak only grows as e falls (rounding keeps that order): above the trough it cannot deepen the episode
            if (e < r.Trough)
            {
                r.Trough = e;
                double depth = (r.Peak - e) / r.Peak;
                if (depth > r.EpisodeDepth) r.EpisodeDepth = depth;
            }
            var below = time - r.PeakTime;
            if (r.EpisodeDepth >= r.MaxDrawdown && r.EpisodeDepth > 0)
            {
                r.MaxDrawdown = r.EpisodeDepth;
                r.MaxDrawdownDuration = below;
            }
            if (below > r.LongestDrawdownDuration) r.LongestDrawdownDuration = below;
        }
    }

    private static void CloseEpisode(ref Running r, DateTimeOffset recovery)
    {
        if (r.EpisodeDepth <= 0) return;
        var below = recovery - r.PeakTime;
        if (r.EpisodeDepth >= r.MaxDrawdown) r.MaxDrawdownDuration = below;
        if (below > r.LongestDrawdownDuration) r.LongestDrawdownDuration = below;
    }
}
