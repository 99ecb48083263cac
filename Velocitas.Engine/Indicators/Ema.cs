namespace Velocitas.Engine.Indicators;

/// <summary>
/// Exponential moving average with smoothing 2 / (period + 1), seeded with the SMA of the first
/// <see cref="Period"/> values (the common published definition).
/// </summary>
public sealed class Ema : ValueIndicator
{
    private readonly double _k;
    private double _seedSum;
    private double _ema;

    /// <summary>Creates an EMA over <paramref name="period"/> values.</summary>
    public Ema(int period)
    {
        Period = RequirePositive(period, nameof(period), "EMA");
        _k = 2d / (period + 1);
    }

    /// <summary>The EMA length.</summary>
    public int Period { get; }

    /// <inheritdoc />
    public override int WarmUpPeriod => Period;

    /// <inheritdoc />
    protected override double ComputeNext(double value)
    {
        if (Samples < Period)
        {
            _seedSum += value;
            return double.NaN;
        }
        if (Samples == Period)
        {
            _seedSum += value;
            _ema = _seedSum / Period;
            return _ema;
        }
        _ema += _k * (value - _ema);
        return _ema;
    }

    /// <inheritdoc />
    protected override void ClearState()
    {
        _seedSum = 0;
        _ema = 0;
    }
}
