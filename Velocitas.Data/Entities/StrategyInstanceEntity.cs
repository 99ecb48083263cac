namespace Velocitas.Data.Entities;

/// <summary>A strategy trading one coin in live mode, with the state of its ledger.</summary>
public sealed class StrategyInstanceEntity
{
    public int Id { get; set; }
    public required string StrategyId { get; set; }
    public required string Symbol { get; set; }
    public required string ParametersJson { get; set; }
    public required string SettingsJson { get; set; }
    public string? Label { get; set; }
    /// <summary>Paused instances receive data but do not trade.</summary>
    public bool Paused { get; set; }

    /// <summary>Longest <see cref="PauseReason"/> kept.</summary>
    public const int MaxPauseReasonLength = 2000;

    /// <summary>Why the instance was paused when its strategy's code failed (null when paused by the user or running).</summary>
    public string? PauseReason { get; set; }
    /// <summary>Watch-only instances raise signals but never trade.</summary>
    public bool WatchOnly { get; set; }
    /// <summary>The exchange market the coin was checked against (exchange, its id, tick and lot sizes) as JSON; null when none.</summary>
    public string? MarketRulesJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public bool Removed { get; set; }
    /// <summary>Ledger snapshot: cash, quantity, cost basis, open fees, realised P&amp;L, fees paid, entry time.</summary>
    public decimal Cash { get; set; }
    public decimal Quantity { get; set; }
    public decimal CostBasis { get; set; }
    public decimal OpenFees { get; set; }
    public decimal RealizedPnl { get; set; }
    public decimal FeesPaid { get; set; }
    public DateTimeOffset? EntryTime { get; set; }
    public decimal? LastPrice { get; set; }
    /// <summary>"buy"/"sell" order decided at the last close, not yet filled.</summary>
    public string? PendingOrder { get; set; }
    public decimal TrailingHigh { get; set; }
    public int TradeCount { get; set; }
    public int WinCount { get; set; }
    public decimal PeakEquity { get; set; }
    public double MaxDrawdown { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    /// <summary>The market the account trades on (its position is only valued at that market's prices).</summary>
    public string? Market { get; set; }
    /// <summary>Newest market event the account saw, on its market's clock.</summary>
    public DateTimeOffset? MarketTime { get; set; }
}
