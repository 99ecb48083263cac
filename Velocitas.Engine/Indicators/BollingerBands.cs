namespace Velocitas.Engine.Indicators;

/// <summary>
/// Bollinger Bands: middle = SMA(period), bands = middle ± k × population standard deviation of the
/// window. The mean and the sum of squared deviations slide in O(1) (Welford's update for add/remove),
/// which stays accurate where a running sum of squares would cancel catastrophically.
/// </summary>
public sealed class BollingerBands : Indicator
{
    private readonly RollingWindow _window;
    private double _mean;
    private double _m2;
    private double _last;

    /// <summary>Creates bands over <paramref name="period"/> values at <paramref name="deviations"/> σ.</summary>
    public BollingerBands(int period = 20, double deviations = 2)
    {
        Period = RequirePositive(period, nameof(period), "Bollinger Bands");
        if (!(deviations > 0) || double.IsInfinity(deviations))
            throw new ArgumentOutOfRangeException(nameof(deviations), deviations, $"Bollinger Bands: deviations must be a positive number (was {deviations}).");
        Deviations = deviations;
        _window = new RollingWindow(period);
    }

    /// <summary>Window length.</summary>
    public int Period { get; }

    /// <summary>Band width in standard deviations.</summary>
    public double Deviations { get; }

    /// <inheritdoc />
    public override int WarmUpPeriod => Period;

    /// <summary>Middle band (the SMA), null during warm-up.</summary>
    public double? Middle => IsReady ? _mean : null;

    /// <summary>Population standard deviation of the window, null during warm-up.</summary>
    public double? StandardDeviation => IsReady ? Math.Sqrt(Math.Max(_m2, 0) / Period) : null;

    /// <summary>Upper band, null during warm-up.</summary>
    public double? Upper => Middle + (Deviations * StandardDeviation);

    /// <summary>Lower band, null during warm-up.</summary>
    public double? Lower => Middle - (Deviations * StandardDeviation);

    /// <summary>%B = (value − lower) / (upper − lower); null during warm-up or when the bands coincide.</summary>
    public double? PercentB
    {
        get
        {
            double? u = Upper, l = Lower;
            return u is null || u == l ? null : (_last - l) / (u - l);
        }
    }

    /// <summary>Band width relative to the middle: (upper − lower) / middle; null during warm-up or at zero.</summary>
    public double? Width => Middle is null or 0 ? null : (Upper - Lower) / Middle;

    /// <summary>Feeds one value.</summary>
    public void Update(double value)
    {
        NextSample();
        _last = value;
        double evicted = _window.Add(value);
        if (double.IsNaN(evicted))
        {
            // growing phase: Welford's add
            double delta = value - _mean;
            _mean += delta / _window.Count;
            _m2 += delta * (value - _mean);
        }
        else
        {
            // sliding phase: replace the evicted value in one step
            double oldMean = _mean;
            _mean = oldMean + ((value - evicted) / Period);
            _m2 += (value - evicted) * (value - _mean + evicted - oldMean);
        }
    }

    /// <inheritdoc />
    protected override void OnReset()
    {
        _window.Clear();
        _mean = _m2 = _last = 0;
    }
}
