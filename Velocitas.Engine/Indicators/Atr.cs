namespace Velocitas.Engine.Indicators;

/// <summary>
/// Average True Range with Wilder smoothing. The first bar has no previous close and yields no true
/// range; the first ATR is the mean of the next <see cref="Period"/> true ranges.
/// </summary>
public sealed class Atr : BarIndicator
{
    private double _previousClose;
    private double _sum;
    private double _atr;
    private double _lastClose;

    /// <summary>Creates ATR(<paramref name="period"/>).</summary>
    public Atr(int period = 14)
    {
        Period = RequirePositive(period, nameof(period), "ATR");
    }

    /// <summary>Smoothing length.</summary>
    public int Period { get; }

    /// <inheritdoc />
    public override int WarmUpPeriod => Period + 1;

    /// <summary>Latest ATR, null during warm-up.</summary>
    public double? Value => IsReady ? _atr : null;

    /// <summary>ATR as a percentage of the latest close, null during warm-up.</summary>
    public double? Percent => IsReady && _lastClose != 0 ? _atr / _lastClose * 100 : null;

    /// <summary>Latest true range (null for the first bar).</summary>
    public double? TrueRangeValue { get; private set; }

    /// <inheritdoc />
    protected override void ComputeNext(double high, double low, double close)
    {
        _lastClose = close;
        if (Samples == 1)
        {
            _previousClose = close;
            return;
        }
        double tr = TrueRange(high, low, _previousClose);
        _previousClose = close;
        TrueRangeValue = tr;
        if (Samples <= Period)
        {
            _sum += tr;
        }
        else if (Samples == Period + 1)
        {
            _sum += tr;
            _atr = _sum / Period;
        }
        else
        {
            _atr = ((_atr * (Period - 1)) + tr) / Period;
        }
    }

    /// <inheritdoc />
    protected override void OnReset()
    {
        _previousClose = _sum = _atr = _lastClose = 0;
        TrueRangeValue = null;
    }
}
