namespace Velocitas.Engine.Live;

/// <summary>State of the live engine.</summary>
public enum EngineState
{
    /// <summary>No feed running.</summary>
    Stopped,
    /// <summary>Connecting the feed, warming strategies up.</summary>
    Starting,
    /// <summary>Trading.</summary>
    Running,
    /// <summary>Draining the pipeline and saving.</summary>
    Stopping,
}

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

/// <summary>The feed as the status bar shows it.</summary>
/// <param name="Name">Feed name.</param>
/// <param name="Status">Connection state.</param>
/// <param name="Message">Last note or problem.</param>
/// <param name="Symbols">Symbols served.</param>
/// <param name="Timeframe">Candle interval.</param>
/// <param name="LastEvent">Time of the last event.</param>
/// <param name="Reconnects">Reconnections so far.</param>
/// <param name="Events">Events received.</param>
/// <param name="Exchange">The exchange behind the feed, or null (synthetic, replay).</param>
/// <param name="RateLimitWaits">Times the exchange made us wait (429/418, weight budget).</param>
/// <param name="RateLimitWaited">Total time waited for rate limits.</param>
/// <param name="LastRateLimit">The last rate-limit wait, in words.</param>
public sealed record FeedSnapshot(string Name, FeedStatus Status, string? Message, IReadOnlyList<string> Symbols, string Timeframe, DateTimeOffset? LastEvent, int Reconnects, long Events,
    string? Exchange = null, long RateLimitWaits = 0, TimeSpan RateLimitWaited = default, string? LastRateLimit = null);

/// <summary>Throughput and health of the pipeline.</summary>
/// <param name="Published">Events the feed published.</param>
/// <param name="EventsPerSecond">Recent publishing rate.</param>
/// <param name="Deliveries">Events processed by instances.</param>
/// <param name="ConflatedTicks">Ticks conflated for slow instances.</param>
/// <param name="PendingWrites">Trades and account states not yet saved.</param>
/// <param name="PersistenceLagMs">Age of the oldest unsaved item.</param>
/// <param name="PersistedTrades">Trades saved since start.</param>
/// <param name="LatencyP50Micros">Median publish-to-processing latency (µs, bucket upper bound).</param>
/// <param name="LatencyP99Micros">99th percentile latency (µs, bucket upper bound).</param>
/// <param name="Workers">Worker threads.</param>
/// <param name="LastPersistenceError">Last write failure (retried), if any.</param>
public sealed record PipelineSnapshot(long Published, double EventsPerSecond, long Deliveries, long ConflatedTicks, int PendingWrites, double PersistenceLagMs, long PersistedTrades, double? LatencyP50Micros, double? LatencyP99Micros, int Workers, string? LastPersistenceError)
{
    /// <summary>Why trading is halted (the database refuses writes and the backlog reached its cap), or null.</summary>
    public string? TradingHaltedReason { get; init; }
}

/// <summary>The whole engine at one moment, published about four times a second.</summary>
/// <param name="Time">When it was taken.</param>
/// <param name="State">Engine state.</param>
/// <param name="Feed">The feed, if one ran.</param>
/// <param name="Instances">Every instance.</param>
/// <param name="ByCoin">P&amp;L per coin.</param>
/// <param name="ByStrategy">P&amp;L per strategy.</param>
/// <param name="Overall">P&amp;L of everything.</param>
/// <param name="LastPrices">Last price per symbol.</param>
/// <param name="Pipeline">Throughput and persistence.</param>
public sealed record EngineSnapshot(
    DateTimeOffset Time,
    EngineState State,
    FeedSnapshot? Feed,
    IReadOnlyList<InstanceSnapshot> Instances,
    IReadOnlyList<PnlLine> ByCoin,
    IReadOnlyList<PnlLine> ByStrategy,
    PnlLine Overall,
    IReadOnlyDictionary<string, decimal> LastPrices,
    PipelineSnapshot Pipeline)
{
    /// <summary>
    /// Time of the newest market event (a tick's or candle's own time): the market's clock, which a replay or the
    /// synthetic feed runs faster than the wall clock of <see cref="Time"/>. Null before the first event.
    /// </summary>
    public DateTimeOffset? MarketTime { get; init; }

    /// <summary>Removed instances, as they were when removed: their results stay in the P&amp;L lines.</summary>
    public IReadOnlyList<InstanceSnapshot> ClosedInstances { get; init; } = [];

    /// <summary>An empty snapshot.</summary>
    public static EngineSnapshot Empty(DateTimeOffset now) => new(now, EngineState.Stopped, null, [], [], [], PnlLine.Sum("overall", [], [], new FundValue()), new Dictionary<string, decimal>(),
        new PipelineSnapshot(0, 0, 0, 0, 0, 0, 0, null, null, 0, null));
}
