namespace Velocitas.Engine.Indicators;

/// <summary>
/// Average Directional Index with +DI and −DI (Wilder). Directional movement and true range are summed over
/// the first <see cref="Period"/> changes, then Wilder-smoothed; +DI/−DI are defined after
/// <see cref="Period"/> + 1 bars, ADX (the mean of the first <see cref="Period"/> DX values, then Wilder-smoothed)
/// after 2 × <see cref="Period"/> bars.
/// </summary>
public sealed class Adx : BarIndicator
{
    private double _prevHigh, _prevLow, _prevClose;
    private double _trs, _pdm, _mdm;
    private double _dxSum;
    private double _adx = double.NaN;
    private double _pdi = double.NaN, _mdi = double.NaN;

    /// <summary>Creates ADX(<paramref name="period"/>).</summary>
    public Adx(int period = 14)
    {
        Period = RequirePositive(period, nameof(period), "ADX");
    }

    /// <summary>Smoothing length.</summary>
    public int Period { get; }

    /// <inheritdoc />
    public override int WarmUpPeriod => 2 * Period;

    /// <summary>Latest ADX (trend strength 0–100), null during warm-up.</summary>
    public double? Value => IsReady ? Defined(_adx) : null;

    /// <summary>Latest +DI, null until <see cref="Period"/> + 1 bars.</summary>
    public double? PlusDi => Defined(_pdi);

    /// <summary>Latest −DI, null until <see cref="Period"/> + 1 bars.</summary>
    public double? MinusDi => Defined(_mdi);

    /// <inheritdoc />
    protected override void ComputeNext(double high, double low, double close)
    {
        if (Samples == 1)
        {
            (_prevHigh, _prevLow, _prevClose) = (high, low, close);
            return;
        }
        double tr = TrueRange(high, low, _prevClose);
        double up = high - _prevHigh;
        double down = _prevLow - low;
        double pdm1 = up > down ? Math.Max(up, 0) : 0;
        double mdm1 = down > up ? Math.Max(down, 0) : 0;
        (_prevHigh, _prevLow, _prevClose) = (high, low, close);

        if (Samples <= Period)
        {
            _trs += tr;
            _pdm += pdm1;
            _mdm += mdm1;
            return;
        }
        if (Samples == Period + 1)
        {
            _trs += tr;
            _pdm += pdm1;
            _mdm += mdm1;
        }
        else
        {
            _trs = _trs - (_trs / Period) + tr;
            _pdm = _pdm - (_pdm / Period) + pdm1;
            _mdm = _mdm - (_mdm / Period) + mdm1;
        }

        if (_trs == 0)
        {
            _pdi = _mdi = double.NaN;
            return;
        }
        _pdi = 100 * _pdm / _trs;
        _mdi = 100 * _mdm / _trs;
        double dx = _pdi == _mdi ? 0 : _pdi + _mdi != 0 ? 100 * Math.Abs(_pdi - _mdi) / (_pdi + _mdi) : double.NaN;

        if (Samples < 2 * Period)
        {
            _dxSum += dx;
        }
        else if (Samples == 2 * Period)
        {
            _dxSum += dx;
            _adx = _dxSum / Period;
        }
        else
        {
            _adx = ((_adx * (Period - 1)) + dx) / Period;
        }
    }

    /// <inheritdoc />
    protected override void OnReset()
    {
        _prevHigh = _prevLow = _prevClose = 0;
        _trs = _pdm = _mdm = _dxSum = 0;
        _adx = _pdi = _mdi = double.NaN;
    }
}
