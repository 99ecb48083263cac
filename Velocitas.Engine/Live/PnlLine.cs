namespace Velocitas.Engine.Live;

/// <summary>P&amp;L of a group of instances (a coin, a strategy, or all).</summary>
/// <param name="Key">Coin, strategy id or "overall".</param>
/// <param name="Instances">Instances in the group.</param>
/// <param name="InitialCash">Their starting cash.</param>
/// <param name="Realized">Realised P&amp;L.</param>
/// <param name="Unrealized">Unrealised P&amp;L.</param>
/// <param name="Fees">Fees paid.</param>
/// <param name="Equity">Cash plus positions at the last prices.</param>
/// <param name="Trades">Closed trades.</param>
/// <param name="Wins">Winning trades.</param>
/// <param name="MaxDrawdownPct">
/// Deepest drawdown of the group's own combined equity (close-marked, measured like a fund so that adding or removing
/// an instance is neither a gain nor a loss), not the deepest of its members'. For one instance, its own.
/// </param>
public sealed record PnlLine(string Key, int Instances, decimal InitialCash, decimal Realized, decimal Unrealized, decimal Fees, decimal Equity, int Trades, int Wins, double MaxDrawdownPct)
{
    /// <summary>How far the group's combined equity is below its peak now, in percent (never above <see cref="MaxDrawdownPct"/>).</summary>
    public double CurrentDrawdownPct { get; init; }

    /// <summary>Removed instances whose results are in this line's totals.</summary>
    public int ClosedInstances { get; init; }

    /// <summary>Realised plus unrealised.</summary>
    public decimal TotalPnl => Realized + Unrealized;
    /// <summary>Share of winning trades.</summary>
    public double? WinRatePct => Trades == 0 ? null : 100.0 * Wins / Trades;
    /// <summary>Total P&amp;L over the starting cash.</summary>
    public double ReturnPct => InitialCash == 0 ? 0 : (double)(TotalPnl / InitialCash) * 100;

    /// <summary>One instance's line, with its own drawdowns.</summary>
    public static PnlLine Of(string key, InstanceSnapshot instance) =>
        Total(key, [instance], []) with { MaxDrawdownPct = instance.MaxDrawdownPct, CurrentDrawdownPct = instance.CurrentDrawdownPct };

    /// <summary>
    /// Sums running and removed (<paramref name="closed"/>) instances exactly (decimal): removed instances keep their
    /// realised results, fees, trades and final cash in the totals. The drawdowns are the group's own, from
    /// <paramref name="fund"/>.
    /// </summary>
    public static PnlLine Sum(string key, IEnumerable<InstanceSnapshot> instances, IEnumerable<InstanceSnapshot> closed, FundValue fund) =>
        Total(key, instances, closed) with { MaxDrawdownPct = fund.MaxDrawdownPct, CurrentDrawdownPct = fund.DrawdownPct };

    private static PnlLine Total(string key, IEnumerable<InstanceSnapshot> instances, IEnumerable<InstanceSnapshot> closed)
    {
        int n = 0, gone = 0, trades = 0, wins = 0;
        decimal cash = 0, realized = 0, unrealized = 0, fees = 0, equity = 0;
        foreach (var (i, running) in instances.Select(i => (i, true)).Concat(closed.Select(i => (i, false))))
        {
            if (running) n++;
            else gone++;
            cash += i.InitialCash;
            realized += i.RealizedPnl;
            unrealized += i.UnrealizedPnl;
            fees += i.Fees;
            equity += i.Equity;
            trades += i.Trades;
            wins += i.Wins;
        }
        return new PnlLine(key, n, cash, realized, unrealized, fees, equity, trades, wins, 0) { ClosedInstances = gone };
    }
}
