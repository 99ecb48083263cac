namespace Velocitas.Engine.Indicators;

/// <summary>
/// Slow Stochastic oscillator (default 14, 3, 3): raw %K = 100 × (close − lowest low) / (highest high −
/// lowest low) over <see cref="Period"/> bars; %K = SMA(<see cref="SmoothPeriod"/>) of raw %K; %D =
/// SMA(<see cref="SignalPeriod"/>) of %K. A close at or beyond the range gives exactly 100 or 0, and a flat
/// range gives 0.
/// </summary>
public sealed class Stochastic : BarIndicator
{
    private readonly RollingExtreme _highest;
    private readonly RollingExtreme _lowest;
    private readonly Sma _smoothK;
    private readonly Sma _d;

    /// <summary>Creates Stochastic(period, smooth, signal).</summary>
    public Stochastic(int period = 14, int smoothPeriod = 3, int signalPeriod = 3)
    {
        Period = RequirePositive(period, nameof(period), "Stochastic");
        SmoothPeriod = RequirePositive(smoothPeriod, nameof(smoothPeriod), "Stochastic");
        SignalPeriod = RequirePositive(signalPeriod, nameof(signalPeriod), "Stochastic");
        _highest = new RollingExtreme(period, maximum: true);
        _lowest = new RollingExtreme(period, maximum: false);
        _smoothK = new Sma(smoothPeriod);
        _d = new Sma(signalPeriod);
    }

    /// <summary>Look-back for the high/low range.</summary>
    public int Period { get; }

    /// <summary>SMA length applied to raw %K.</summary>
    public int SmoothPeriod { get; }

    /// <summary>SMA length of %D.</summary>
    public int SignalPeriod { get; }

    /// <inheritdoc />
    public override int WarmUpPeriod => Period + SmoothPeriod + SignalPeriod - 2;

    /// <summary>%K (smoothed), null during its warm-up.</summary>
    public double? K => _smoothK.Value;

    /// <summary>%D, null during warm-up.</summary>
    public double? D => _d.Value;

    /// <inheritdoc />
    protected override void ComputeNext(double high, double low, double close)
    {
        _highest.Add(high);
        _lowest.Add(low);
        if (Samples < Period) return;
        double hh = _highest.Value, ll = _lowest.Value;
        double raw = hh == ll ? 0 : close >= hh ? 100 : close <= ll ? 0 : 100d * (close - ll) / (hh - ll);
        double? k = _smoothK.Update(raw);
        if (k is not null) _d.Update(k.Value);
    }

    /// <inheritdoc />
    protected override void OnReset()
    {
        _highest.Clear();
        _lowest.Clear();
        _smoothK.Reset();
        _d.Reset();
    }
}
