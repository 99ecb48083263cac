namespace Velocitas.Engine.Indicators;

/// <summary>
/// Least-squares line through the natural log of the last <see cref="Period"/> closes, updated in O(1):
/// slope (log-return per candle), its t-statistic and R². A steady trend has a large |t| and an R² near 1;
/// a range has a slope near 0. Sums are rebuilt from the window every <see cref="Period"/> updates so rounding
/// never accumulates.
/// </summary>
public sealed class LogRegression : ValueIndicator
{
    private readonly RollingWindow _y;
    private readonly double _sumX;
    private readonly double _denominator;
    private double _sumY;
    private double _sumXy;
    private double _sumYy;
    private int _sinceRebuild;

    /// <summary>Creates the regression over <paramref name="period"/> closes (at least 3).</summary>
    public LogRegression(int period)
    {
        if (period < 3) throw new ArgumentOutOfRangeException(nameof(period), period, "The regression needs at least 3 closes.");
        Period = period;
        _y = new RollingWindow(period);
        _sumX = period * (period - 1) / 2.0;
        double sumXx = (period - 1.0) * period * ((2.0 * period) - 1) / 6.0;
        _denominator = (period * sumXx) - (_sumX * _sumX);
    }

    /// <summary>Closes in the window.</summary>
    public int Period { get; }

    /// <inheritdoc />
    public override int WarmUpPeriod => Period;

    /// <summary>Slope of the fitted line in log units per candle (≈ fractional change per candle); <see cref="ValueIndicator.Value"/> is the same.</summary>
    public double Slope { get; private set; } = double.NaN;

    /// <summary>Share of the log-price variance the line explains (0–1).</summary>
    public double RSquared { get; private set; } = double.NaN;

    /// <summary>Slope divided by its standard error (how many standard errors the slope is from zero).</summary>
    public double TStatistic { get; private set; } = double.NaN;

    /// <inheritdoc />
    protected override double ComputeNext(double value)
    {
        if (!(value > 0)) throw new ArgumentOutOfRangeException(nameof(value), value, "Prices must be positive for a log regression.");
        double y = Math.Log(value);
        if (_y.IsFull)
        {
            double oldest = _y.Oldest;
            // every remaining point moves one step left on the x axis: Σxy loses Σy (without the oldest, whose x was 0)
            _sumXy -= _sumY - oldest;
            _sumY -= oldest;
            _sumYy -= oldest * oldest;
            _y.Add(y);
            _sumXy += (Period - 1) * y;
        }
        else
        {
            _sumXy += _y.Count * y;
            _y.Add(y);
        }
        _sumY += y;
        _sumYy += y * y;
        if (++_sinceRebuild >= Period && _y.IsFull) Rebuild();
        if (!_y.IsFull) return double.NaN;

        int n = Period;
        double slope = ((n * _sumXy) - (_sumX * _sumY)) / _denominator;
        double syy = (n * _sumYy) - (_sumY * _sumY);
        double sxy = (n * _sumXy) - (_sumX * _sumY);
        double r2 = syy <= 0 ? 0 : Math.Clamp(sxy * sxy / (_denominator * syy), 0, 1);
        // standard error of the slope: sqrt(residual variance / Σ(x - x̄)²), residual variance = (1 - R²) Syy / (n - 2)
        double residual = (1 - r2) * syy / n / (n - 2);
        double se = Math.Sqrt(residual / (_denominator / n));
        Slope = slope;
        RSquared = r2;
        TStatistic = se > 0 ? slope / se : slope == 0 ? 0 : Math.CopySign(1e6, slope);
        return slope;
    }

    private void Rebuild()
    {
        _sinceRebuild = 0;
        _sumY = _sumXy = _sumYy = 0;
        for (int age = 0; age < Period; age++)
        {
            double v = _y[age];
            int x = Period - 1 - age;
            _sumY += v;
            _sumXy += x * v;
            _sumYy += v * v;
        }
    }

    /// <inheritdoc />
    protected override void ClearState()
    {
        _y.Clear();
        _sumY = _sumXy = _sumYy = 0;
        _sinceRebuild = 0;
        Slope = RSquared = TStatistic = double.NaN;
    }
}
