namespace Velocitas.Engine.Live;

/// <summary>
/// A group's value per unit (1 when measuring began), its peak and drawdowns. The peak and drawdowns are taken once a
/// moment (a candle's time on the market's clock) is complete — when a later moment is marked, or the feed stops — so
/// the order in which instances mark the same candle never shows as a drawdown.
/// </summary>
public sealed class FundValue
{
    private DateTimeOffset _moment = DateTimeOffset.MinValue;

    /// <summary>Combined equity of the members now.</summary>
    public decimal Capital { get; internal set; }

    /// <summary>Value of one unit now.</summary>
    public double UnitValue { get; internal set; } = 1;

    /// <summary>Highest unit value at a completed moment.</summary>
    public double Peak { get; internal set; } = 1;

    /// <summary>How far below its peak the group was at the last completed moment, in percent.</summary>
    public double DrawdownPct { get; private set; }

    /// <summary>Deepest drawdown of the group's combined equity at a completed moment, in percent (never below <see cref="DrawdownPct"/>).</summary>
    public double MaxDrawdownPct { get; internal set; }

    /// <summary>Return since measuring began, in percent.</summary>
    public double ReturnPct => (UnitValue - 1) * 100;

    /// <summary>A member's equity moved from <paramref name="before"/> to <paramref name="after"/> at <paramref name="time"/>.</summary>
    internal void Move(decimal before, decimal after, DateTimeOffset time)
    {
        if (time > _moment)
        {
            if (_moment != DateTimeOffset.MinValue) Settle();
            _moment = time;
        }
        if (Capital > 0)
        {
            decimal next = Capital - before + after;
            if (next >= 0) UnitValue *= (double)(next / Capital);
        }
        Capital += after - before;
    }

    /// <summary>Takes the peak and drawdowns at the current value (a moment is complete).</summary>
    internal void Settle()
    {
        Peak = Math.Max(Peak, UnitValue);
        DrawdownPct = Peak > 0 ? Math.Max(0, (Peak - UnitValue) / Peak * 100) : 0;
        MaxDrawdownPct = Math.Max(MaxDrawdownPct, DrawdownPct);
    }

    internal void Restore(double unitValue, double peak, double maxDrawdownPct)
    {
        UnitValue = unitValue;
        Peak = peak;
        DrawdownPct = Peak > 0 ? Math.Max(0, (Peak - UnitValue) / Peak * 100) : 0;
        MaxDrawdownPct = Math.Max(maxDrawdownPct, DrawdownPct);
    }
}
