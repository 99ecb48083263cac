namespace Velocitas.Engine.Live;

/// <summary>One instance at one moment (immutable; published by the instance's own worker).</summary>
public sealed record InstanceSnapshot
{
    /// <summary>Instance id.</summary>
    public required int Id { get; init; }
    /// <summary>Strategy id.</summary>
    public required string StrategyId { get; init; }
    /// <summary>Strategy display name.</summary>
    public required string StrategyName { get; init; }
    /// <summary>Coin (exchange code).</summary>
    public required string Symbol { get; init; }
    /// <summary>Parameter values as text.</summary>
    public required string Parameters { get; init; }
    /// <summary>Optional label.</summary>
    public string? Label { get; init; }
    /// <summary>The market the instance trades on (its prices value its position), null before its first feed.</summary>
    public string? Market { get; init; }
    /// <summary>True when the instance does not trade.</summary>
    public bool Paused { get; init; }
    /// <summary>True when it only raises signals.</summary>
    public bool WatchOnly { get; init; }
    /// <summary>Lot step the instance's quantities are rounded down to.</summary>
    public decimal LotStep { get; init; }
    /// <summary>The exchange market (tick and lot sizes) the coin was checked against, if any.</summary>
    public MarketRules? MarketRules { get; init; }
    /// <summary>Starting cash.</summary>
    public decimal InitialCash { get; init; }
    /// <summary>Cash now.</summary>
    public decimal Cash { get; init; }
    /// <summary>Base quantity held.</summary>
    public decimal Quantity { get; init; }
    /// <summary>Average entry price of the open position.</summary>
    public decimal AverageEntryPrice { get; init; }
    /// <summary>Last price seen.</summary>
    public decimal? LastPrice { get; init; }
    /// <summary>Sum of closed trades' net P&amp;L.</summary>
    public decimal RealizedPnl { get; init; }
    /// <summary>Open position marked at the last price, net of entry fees.</summary>
    public decimal UnrealizedPnl { get; init; }
    /// <summary>All fees paid.</summary>
    public decimal Fees { get; init; }
    /// <summary>Cash plus the position marked at the last price.</summary>
    public decimal Equity { get; init; }
    /// <summary>Closed trades.</summary>
    public int Trades { get; init; }
    /// <summary>Closed trades with a positive P&amp;L.</summary>
    public int Wins { get; init; }
    /// <summary>Share of winning trades.</summary>
    public double? WinRatePct => Trades == 0 ? null : 100.0 * Wins / Trades;
    /// <summary>Deepest drawdown of the close-marked equity, in percent; never below <see cref="CurrentDrawdownPct"/>.</summary>
    public double MaxDrawdownPct { get; init; }
    /// <summary>Drawdown now (equity at the last price against the peak), in percent.</summary>
    public double CurrentDrawdownPct { get; init; }
    /// <summary>Signal at the last close: buy, sell or none.</summary>
    public string LastSignal { get; init; } = "none";
    /// <summary>Order waiting for the next open (buy/sell), if any.</summary>
    public string? PendingOrder { get; init; }
    /// <summary>Open time of the last closed candle.</summary>
    public DateTimeOffset? LastCandle { get; init; }
    /// <summary>Candles closed while live.</summary>
    public int Candles { get; init; }
    /// <summary>Market events processed.</summary>
    public long Events { get; init; }
    /// <summary>Ticks replaced by a newer tick before they were processed.</summary>
    public long ConflatedTicks { get; init; }
    /// <summary>True once the strategy has seen enough candles to signal.</summary>
    public bool IsWarm { get; init; }
    /// <summary>Candles skipped because they were not newer than the last one (repeated or late), per feed run.</summary>
    public long SkippedCandles { get; init; }
    /// <summary>Something the trader should know about this instance (a new segment, a skipped event), or null.</summary>
    public string? Note { get; init; }
    /// <summary>The newest lines the strategy's code logged (<c>Log(...)</c>), oldest first.</summary>
    public IReadOnlyList<Velocitas.Strategies.Hosting.LogLine> Log { get; init; } = [];
}
