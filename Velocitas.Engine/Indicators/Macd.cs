namespace Velocitas.Engine.Indicators;

/// <summary>
/// Moving Average Convergence/Divergence: line = EMA(fast) − EMA(slow), signal = EMA(signal) of the line,
/// histogram = line − signal. All EMAs SMA-seeded. The line is defined after <c>slow</c> values, the
/// signal and histogram after <c>slow + signal − 1</c>.
/// </summary>
public sealed class Macd : Indicator
{
    private readonly Ema _fast;
    private readonly Ema _slow;
    private readonly Ema _signal;

    /// <summary>Creates MACD(fast, slow, signal); fast must be shorter than slow.</summary>
    public Macd(int fastPeriod = 12, int slowPeriod = 26, int signalPeriod = 9)
    {
        RequirePositive(fastPeriod, nameof(fastPeriod), "MACD");
        RequirePositive(slowPeriod, nameof(slowPeriod), "MACD");
        RequirePositive(signalPeriod, nameof(signalPeriod), "MACD");
        if (fastPeriod >= slowPeriod)
            throw new ArgumentOutOfRangeException(nameof(fastPeriod), fastPeriod, $"MACD: fastPeriod ({fastPeriod}) must be less than slowPeriod ({slowPeriod}).");
        _fast = new Ema(fastPeriod);
        _slow = new Ema(slowPeriod);
        _signal = new Ema(signalPeriod);
    }

    /// <inheritdoc />
    public override int WarmUpPeriod => _slow.Period + _signal.Period - 1;

    /// <summary>MACD line, null until the slow EMA is defined.</summary>
    public double? Line { get; private set; }

    /// <summary>Signal line, null during warm-up.</summary>
    public double? Signal { get; private set; }

    /// <summary>Line minus signal, null during warm-up.</summary>
    public double? Histogram => Line - Signal;

    /// <summary>Feeds one value.</summary>
    public void Update(double value)
    {
        NextSample();
        _fast.Update(value);
        double? slow = _slow.Update(value);
        if (slow is null) return;
        double line = _fast.Current - slow.Value;
        Line = line;
        Signal = _signal.Update(line);
    }

    /// <inheritdoc />
    protected override void OnReset()
    {
        _fast.Reset();
        _slow.Reset();
        _signal.Reset();
        Line = null;
        Signal = null;
    }
}
