namespace Velocitas.Engine.Indicators;

/// <summary>
/// Relative Strength Index with Wilder smoothing. The first value needs <see cref="Period"/> changes,
/// i.e. <see cref="Period"/> + 1 values; averages are seeded with the simple mean of the first gains/losses.
/// </summary>
public sealed class Rsi : ValueIndicator
{
    private double _previous;
    private double _gainSum;
    private double _lossSum;
    private double _avgGain;
    private double _avgLoss;

    /// <summary>Creates an RSI over <paramref name="period"/> changes.</summary>
    public Rsi(int period)
    {
        Period = RequirePositive(period, nameof(period), "RSI");
    }

    /// <summary>The smoothing length.</summary>
    public int Period { get; }

    /// <inheritdoc />
    public override int WarmUpPeriod => Period + 1;

    /// <inheritdoc />
    protected override double ComputeNext(double value)
    {
        if (Samples == 1)
        {
            _previous = value;
            return double.NaN;
        }
        double change = value - _previous;
        _previous = value;
        double gain = change > 0 ? change : 0;
        double loss = change < 0 ? -change : 0;

        if (Samples <= Period)
        {
            _gainSum += gain;
            _lossSum += loss;
            return double.NaN;
        }
        if (Samples == Period + 1)
        {
            _avgGain = (_gainSum + gain) / Period;
            _avgLoss = (_lossSum + loss) / Period;
        }
        else
        {
            _avgGain = ((_avgGain * (Period - 1)) + gain) / Period;
            _avgLoss = ((_avgLoss * (Period - 1)) + loss) / Period;
        }
        return _avgLoss > 0 ? 100 - (100 / (1 + (_avgGain / _avgLoss))) : 100;
    }

    /// <inheritdoc />
    protected override void ClearState()
    {
        _previous = 0;
        _gainSum = _lossSum = _avgGain = _avgLoss = 0;
    }
}
