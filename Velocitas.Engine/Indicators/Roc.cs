namespace Velocitas.Engine.Indicators;

/// <summary>Rate of change in percent: 100 × (value − value N back) / value N back.</summary>
public sealed class Roc : ValueIndicator
{
    private readonly RollingWindow _window;

    /// <summary>Creates a ROC over <paramref name="period"/> values back.</summary>
    public Roc(int period)
    {
        Period = RequirePositive(period, nameof(period), "ROC");
        _window = new RollingWindow(period + 1);
    }

    /// <summary>How many values back the change is measured.</summary>
    public int Period { get; }

    /// <inheritdoc />
    public override int WarmUpPeriod => Period + 1;

    /// <inheritdoc />
    protected override double ComputeNext(double value)
    {
        _window.Add(value);
        if (!_window.IsFull) return double.NaN;
        double back = _window.Oldest;
        return back == 0 ? double.NaN : 100d * (value - back) / back;
    }

    /// <inheritdoc />
    protected override void ClearState() => _window.Clear();
}
