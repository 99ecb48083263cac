namespace Velocitas.Engine.Indicators;

/// <summary>
/// Donchian channel: highest high and lowest low of the <see cref="Period"/> bars <b>before</b> the current
/// one (so a close above <see cref="Upper"/> is a breakout of the prior range). Defined after
/// <see cref="Period"/> + 1 bars.
/// </summary>
public sealed class Donchian : BarIndicator
{
    private readonly RollingExtreme _highest;
    private readonly RollingExtreme _lowest;
    private double _upper = double.NaN, _lower = double.NaN;

    /// <summary>Creates a channel over <paramref name="period"/> prior bars.</summary>
    public Donchian(int period = 20)
    {
        Period = RequirePositive(period, nameof(period), "Donchian");
        _highest = new RollingExtreme(period, maximum: true);
        _lowest = new RollingExtreme(period, maximum: false);
    }

    /// <summary>Number of prior bars in the channel.</summary>
    public int Period { get; }

    /// <inheritdoc />
    public override int WarmUpPeriod => Period + 1;

    /// <summary>Highest high of the prior bars, null during warm-up.</summary>
    public double? Upper => IsReady ? _upper : null;

    /// <summary>Lowest low of the prior bars, null during warm-up.</summary>
    public double? Lower => IsReady ? _lower : null;

    /// <summary>Mid-point of the channel, null during warm-up.</summary>
    public double? Middle => IsReady ? (_upper + _lower) / 2d : null;

    /// <summary>(upper − lower) / middle, null during warm-up.</summary>
    public double? Width => Middle is null or 0 ? null : (Upper - Lower) / Middle;

    /// <inheritdoc />
    protected override void ComputeNext(double high, double low, double close)
    {
        // the channel describes the bars before this one: read it before adding the bar
        _upper = _highest.Value;
        _lower = _lowest.Value;
        _highest.Add(high);
        _lowest.Add(low);
    }

    /// <inheritdoc />
    protected override void OnReset()
    {
        _highest.Clear();
        _lowest.Clear();
        _upper = _lower = double.NaN;
    }
}
