namespace Velocitas.Engine.Execution;

/// <summary>
/// Everything needed to bring a live account back after a restart: the ledger, the order waiting for the next
/// open, the trailing-stop high and the trade counters.
/// </summary>
public sealed record AccountState
{
    /// <summary>Cash now.</summary>
    public decimal Cash { get; init; }
    /// <summary>Base quantity held.</summary>
    public decimal Quantity { get; init; }
    /// <summary>Cost of the open position at its fill prices.</summary>
    public decimal CostBasis { get; init; }
    /// <summary>Entry fees paid on the open position.</summary>
    public decimal OpenFees { get; init; }
    /// <summary>Sum of closed trades' net P&amp;L.</summary>
    public decimal RealizedPnl { get; init; }
    /// <summary>All fees paid.</summary>
    public decimal FeesPaid { get; init; }
    /// <summary>Entry time of the open position.</summary>
    public DateTimeOffset? EntryTime { get; init; }
    /// <summary>Order decided at the last close, not yet filled.</summary>
    public OrderSide? PendingOrder { get; init; }
    /// <summary>Highest price since entry (trailing stop).</summary>
    public decimal TrailingHigh { get; init; }
    /// <summary>Closed trades.</summary>
    public int Trades { get; init; }
    /// <summary>Closed trades with a positive P&amp;L.</summary>
    public int Wins { get; init; }
    /// <summary>Highest close-marked equity seen.</summary>
    public decimal PeakEquity { get; init; }
    /// <summary>Deepest drawdown seen, as a fraction.</summary>
    public double MaxDrawdown { get; init; }
    /// <summary>Live only: the market the account trades on (see <c>IMarketFeed.MarketOf</c>); null before its first feed.</summary>
    public string? Market { get; init; }
    /// <summary>Live only: time of the newest market event the account saw, on its market's clock.</summary>
    public DateTimeOffset? MarketTime { get; init; }
}
