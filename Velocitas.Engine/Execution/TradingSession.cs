using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;
using Velocitas.Strategies.Hosting;

namespace Velocitas.Engine.Execution;

/// <summary>
/// One strategy trading one coin: the strategy, its broker and ledger, and the running equity statistics.
/// Backtests call <see cref="Process"/> per candle; live trading calls <see cref="OnOpen"/> when a candle
/// starts and <see cref="OnClose"/> when it completes. Both paths run the same code, so the same candles give
/// the same trades.
/// </summary>
public sealed class TradingSession
{
    private DateTimeOffset _lastClose = DateTimeOffset.MinValue;
    private bool _exposed;

    /// <summary>Creates a session for <paramref name="strategy"/> under <paramref name="settings"/>.</summary>
    public TradingSession(IStrategy strategy, ExecutionSettings settings)
    {
        Strategy = strategy;
        Broker = new SimulatedBroker(settings);
        Broker.OnFill = (fill, trade) =>
        {
            if (trade is not null)
            {
                TradeCount++;
                if (trade.IsWin) WinCount++;
            }
            Filled?.Invoke(fill, trade);
        };
        Statistics = new EquityStatistics(settings.InitialCash);
        strategy.Attach(new LedgerAccountView(Broker.Ledger, () => Statistics.LastClose));
    }

    /// <summary>Called with every fill and, for closing fills, the completed trade.</summary>
    public Action<Fill, Trade?>? Filled { get; set; }

    /// <summary>The strategy deciding at each close.</summary>
    public IStrategy Strategy { get; }

    /// <summary>The broker filling its orders.</summary>
    public SimulatedBroker Broker { get; }

    /// <summary>The account.</summary>
    public Ledger Ledger => Broker.Ledger;

    /// <summary>Running equity, drawdown and return statistics.</summary>
    public EquityStatistics Statistics { get; }

    /// <summary>Signal the strategy gave at the last close.</summary>
    public Signal LastSignal { get; private set; }

    /// <summary>Closed trades (including those before a restore).</summary>
    public int TradeCount { get; private set; }

    /// <summary>Closed trades with a positive P&amp;L.</summary>
    public int WinCount { get; private set; }

    /// <summary>Feeds history to the strategy only (no orders), so its indicators are ready when trading starts.</summary>
    public void WarmUp(in Candle candle) => Strategy.OnCandle(candle);

    /// <summary>
    /// Continues the account on another market clock (a replay of older data after a live run, say): the strategy
    /// starts afresh, an order left for the old market's next open is dropped, and candles are ordered from here on.
    /// With <paramref name="restartStrategy"/> false the strategy is left as it is (its code has failed and is not run).
    /// The account is made ready first, so a strategy whose start fails leaves it consistent.
    /// </summary>
    public void StartNewSegment(bool restartStrategy = true)
    {
        Broker.CancelPending();
        _lastClose = DateTimeOffset.MinValue;
        if (restartStrategy) Strategy.Reset();
    }

    /// <summary>The account as it must be persisted.</summary>
    public AccountState Capture() => new()
    {
        Cash = Ledger.Cash,
        Quantity = Ledger.Quantity,
        CostBasis = Ledger.CostBasis,
        OpenFees = Ledger.OpenFees,
        RealizedPnl = Ledger.RealizedPnl,
        FeesPaid = Ledger.FeesPaid,
        EntryTime = Ledger.IsLong ? Ledger.EntryTime : null,
        PendingOrder = Broker.PendingOrder,
        TrailingHigh = Broker.TrailingHigh,
        Trades = TradeCount,
        Wins = WinCount,
        PeakEquity = Statistics.PeakEquity,
        MaxDrawdown = Statistics.MaxDrawdown,
    };

    /// <summary>Brings back a persisted account (ledger, pending order, counters, drawdown).</summary>
    public void Restore(AccountState state)
    {
        Ledger.Restore(state);
        Broker.Restore(state.PendingOrder, state.TrailingHigh);
        TradeCount = state.Trades;
        WinCount = state.Wins;
        Statistics.Restore(state.PeakEquity, state.MaxDrawdown, Ledger.Cash);
    }

    /// <summary>Processes a completed candle: open, range, close. Returns the equity at its close.</summary>
    public Equity Process(in Candle candle) => new(candle.Time, ProcessValue(candle));

    /// <summary>
    /// <see cref="Process"/> returning only the equity's value, for loops that keep the point themselves: a value comes
    /// back in registers, where an <see cref="Equity"/> comes back in memory just written, and copying it out from there
    /// at once stalls (a 32-byte read of smaller stores still on their way to the cache).
    /// </summary>
    internal decimal ProcessValue(in Candle candle)
    {
        OnOpen(candle.Time, candle.Open);
        return Close(candle);
    }

    /// <summary>A candle opened at <paramref name="open"/>: pending orders fill now.</summary>
    public void OnOpen(DateTimeOffset time, decimal open)
    {
        Broker.OnOpen(time, open);
        _exposed = Ledger.IsLong;
    }

    /// <summary>
    /// A candle completed: risk exits are checked against its range, equity is marked at its close, and
    /// the strategy decides (its order fills at the next open).
    /// </summary>
    public Equity OnClose(in Candle candle) => new(candle.Time, Close(candle));

    private decimal Close(in Candle candle)
    {
        TakeInOrder(candle.Time);
        if (Ledger.IsLong) Broker.OnRange(candle.Time, candle.Open, candle.High, candle.Low, Strategy.Risk); // risk exits only apply to a position
        decimal equity = Mark(candle);
        Submit(Strategy.OnCandle(candle), Strategy.Order);
        return equity;
    }

    /// <summary>
    /// <see cref="ProcessValue"/> with the strategy's decision at this close already taken (on another core, by a
    /// strategy that never reads the account): the same steps in the same order, the decision's risk levels being those
    /// the strategy had set before it saw this candle.
    /// </summary>
    internal decimal ProcessDecided(in Candle candle, in StrategyDecision decision)
    {
        OnOpen(candle.Time, candle.Open);
        TakeInOrder(candle.Time);
        if (Ledger.IsLong) Broker.OnRange(candle.Time, candle.Open, candle.High, candle.Low, decision.RiskBefore);
        decimal equity = Mark(candle);
        Submit(decision.Signal, decision.Order);
        return equity;
    }

    private void TakeInOrder(DateTimeOffset time)
    {
        if (time <= _lastClose) throw OutOfOrder(time);
        _lastClose = time;
    }

    // equity marked at the close, into the statistics
    private decimal Mark(in Candle candle)
    {
        decimal equity = Ledger.Equity(candle.Close);
        Statistics.Add(candle.Time, equity, candle.Close, _exposed);
        _exposed = Ledger.IsLong;
        return equity;
    }

    private void Submit(Signal signal, OrderIntent order)
    {
        LastSignal = signal;
        Broker.Submit(order);
    }

    // out of line, so the per-candle path keeps a small frame (no string building in it)
    private InvalidOperationException OutOfOrder(DateTimeOffset time) =>
        new($"Candles must arrive in time order: {time:O} came after {_lastClose:O}.");

    /// <summary>
    /// Data ended: an open position is closed at the last close (<see cref="ExitReason.EndOfData"/>) and the
    /// final equity point is replaced by the cash after that sale.
    /// </summary>
    public void Finish()
    {
        if (Statistics.Candles == 0) return;
        bool wasLong = Ledger.IsLong;
        Broker.CloseAll(Statistics.LastTime, Statistics.LastClose, ExitReason.EndOfData); // the last candle's
        if (wasLong) Statistics.ReviseLast(Ledger.Cash);
    }
}
