namespace Velocitas.Engine.Indicators;

/// <summary>
/// Standard deviation of the last <see cref="Period"/> log returns (close to close), as a fraction per candle,
/// updated in O(1). Multiply by √(candles per year) to annualise. Sums are rebuilt every <see cref="Period"/>
/// updates so rounding never accumulates.
/// </summary>
public sealed class RealizedVolatility : ValueIndicator
{
    private readonly RollingWindow _returns;
    private double _previous = double.NaN;
    private double _sum;
    private double _sumSquares;
    private int _sinceRebuild;

    /// <summary>Creates the measure over <paramref name="period"/> returns (at least 2).</summary>
    public RealizedVolatility(int period)
    {
        if (period < 2) throw new ArgumentOutOfRangeException(nameof(period), period, "Realised volatility needs at least 2 returns.");
        Period = period;
        _returns = new RollingWindow(period);
    }

    /// <summary>Returns in the window.</summary>
    public int Period { get; }

    /// <inheritdoc />
    public override int WarmUpPeriod => Period + 1;

    /// <inheritdoc />
    protected override double ComputeNext(double value)
    {
        if (!(value > 0)) throw new ArgumentOutOfRangeException(nameof(value), value, "Prices must be positive.");
        double previous = _previous;
        _previous = value;
        if (double.IsNaN(previous)) return double.NaN;
        double r = Math.Log(value / previous);
        double evicted = _returns.Add(r);
        if (!double.IsNaN(evicted))
        {
            _sum -= evicted;
            _sumSquares -= evicted * evicted;
        }
        _sum += r;
        _sumSquares += r * r;
        if (++_sinceRebuild >= Period && _returns.IsFull)
        {
            _sinceRebuild = 0;
            _sum = _sumSquares = 0;
            for (int i = 0; i < _returns.Count; i++)
            {
                _sum += _returns[i];
                _sumSquares += _returns[i] * _returns[i];
            }
        }
        if (!_returns.IsFull) return double.NaN;
        double mean = _sum / Period;
        double variance = Math.Max(0, (_sumSquares / Period) - (mean * mean)) * Period / (Period - 1);
        return Math.Sqrt(variance);
    }

    /// <inheritdoc />
    protected override void ClearState()
    {
        _returns.Clear();
        _previous = double.NaN;
        _sum = _sumSquares = 0;
        _sinceRebuild = 0;
    }
}
