namespace Velocitas.Engine.Indicators;

/// <summary>Simple moving average: the mean of the last <see cref="Period"/> values (running sum, O(1)).</summary>
public sealed class Sma : ValueIndicator
{
    private readonly RollingWindow _window;
    private readonly double _period; // the divisor, converted once
    private double _sum;

    /// <summary>Creates an SMA over <paramref name="period"/> values.</summary>
    public Sma(int period)
    {
        Period = RequirePositive(period, nameof(period), "SMA");
        _period = Period;
        _window = new RollingWindow(period);
    }

    /// <summary>Number of values averaged.</summary>
    public int Period { get; }

    /// <inheritdoc />
    public override int WarmUpPeriod => Period;

    /// <inheritdoc />
    protected override double ComputeNext(double value)
    {
        double evicted = _window.Add(value);
        double sum = _sum + value; // in a register: the field is written once, not read back before the division
        if (!double.IsNaN(evicted)) sum -= evicted;
        _sum = sum;
        return sum / _period;
    }

    /// <inheritdoc />
    protected override void ClearState()
    {
        _window.Clear();
        _sum = 0;
    }
}
