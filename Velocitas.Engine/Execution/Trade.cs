namespace Velocitas.Engine.Execution;

/// <summary>A closed round trip: one entry and one exit.</summary>
/// <param name="EntryTime">Time of the entry fill.</param>
/// <param name="ExitTime">Time of the exit fill.</param>
/// <param name="Quantity">Base quantity traded.</param>
/// <param name="EntryPrice">Average entry price (with slippage).</param>
/// <param name="ExitPrice">Exit price (with slippage).</param>
/// <param name="Pnl">Net profit or loss after both fees.</param>
/// <param name="Fees">Entry and exit fees.</param>
/// <param name="ExitReason">Why the position was closed.</param>
public sealed record Trade(
    DateTimeOffset EntryTime,
    DateTimeOffset ExitTime,
    decimal Quantity,
    decimal EntryPrice,
    decimal ExitPrice,
    decimal Pnl,
    decimal Fees,
    ExitReason ExitReason)
{
    /// <summary>Net P&amp;L as a percentage of the entry notional.</summary>
    public decimal ReturnPct => Quantity * EntryPrice == 0 ? 0 : Pnl / (Quantity * EntryPrice) * 100m;

    /// <summary>True when the trade made money after fees.</summary>
    public bool IsWin => Pnl > 0;
}
