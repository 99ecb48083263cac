namespace Velocitas.Engine.Indicators;

/// <summary>An indicator of one input value (usually the close) with one output value.</summary>
public abstract class ValueIndicator : Indicator
{
    private double _current = double.NaN;

    /// <summary>The latest output, or null during warm-up.</summary>
    public double? Value => IsReady ? Defined(_current) : null;

    /// <summary>The latest output, NaN during warm-up (for hot loops that avoid nullable checks).</summary>
    public double Current => IsReady ? _current : double.NaN;

    /// <summary>Feeds one value and returns the output (null during warm-up).</summary>
    public double? Update(double value)
    {
        NextSample();
        _current = ComputeNext(value);
        return Value;
    }

    /// <summary>Adds the next input like <see cref="Update"/>, without building the nullable result (read <see cref="Current"/>).</summary>
    public void Add(double value)
    {
        NextSample();
        _current = ComputeNext(value);
    }

    /// <summary>Computes the output after <paramref name="value"/>; may return anything during warm-up.</summary>
    protected abstract double ComputeNext(double value);

    /// <inheritdoc />
    protected override void OnReset()
    {
        _current = double.NaN;
        ClearState();
    }

    /// <summary>Clears the subclass state.</summary>
    protected abstract void ClearState();
}
