using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Execution;

/// <summary>
/// Fills a strategy's market orders against candles, long-only, all-in:
/// <list type="bullet">
/// <item>An order decided at a candle's close fills at the <b>next candle's open</b>, moved against the
/// trader by the slippage. Buys take floor(cash / (price × (1 + fee)) / lot step) lots.</item>
/// <item>Stop-loss, take-profit and trailing stop are checked against each candle's high and low. A gap
/// through a level fills at the open. When the stop and the target both lie inside one candle, the stop is
/// assumed to have been hit first (the conservative reading: a candle does not tell the order of its high
/// and low). Stops are market orders and pay slippage; the take-profit is a limit order and fills at its level.</item>
/// <item>The trailing stop trails the highest high of the candles completed since entry (and the entry price),
/// so a candle's own high never raises the stop that its low is tested against.</item>
/// </list>
/// </summary>
public sealed class SimulatedBroker
{
    private readonly ExecutionSettings _settings;
    private readonly decimal _buySlip;
    private readonly decimal _sellSlip;
    private decimal _highestSinceEntry;

    /// <summary>Creates a broker with a fresh ledger.</summary>
    public SimulatedBroker(ExecutionSettings settings)
    {
        _settings = settings.Validated();
        _buySlip = 1m + (settings.SlippageBps / 10_000m);
        _sellSlip = 1m - (settings.SlippageBps / 10_000m);
        Ledger = new Ledger(settings.InitialCash);
    }

    /// <summary>Called with every fill and, for closing fills, the trade it completed.</summary>
    public Action<Fill, Trade?>? OnFill { get; set; }

    /// <summary>The account this broker trades.</summary>
    public Ledger Ledger { get; }

    /// <summary>The execution rules.</summary>
    public ExecutionSettings Settings => _settings;

    /// <summary>The order waiting for the next open, if any.</summary>
    public OrderSide? PendingOrder { get; private set; }

    /// <summary>Buy orders that could not fill because the cash did not buy one lot.</summary>
    public int RejectedOrders { get; private set; }

    /// <summary>Highest price since entry that the trailing stop trails.</summary>
    public decimal TrailingHigh => _highestSinceEntry;

    /// <summary>Restores the pending order and trailing high of a persisted account.</summary>
    public void Restore(OrderSide? pendingOrder, decimal trailingHigh)
    {
        PendingOrder = pendingOrder;
        _highestSinceEntry = trailingHigh;
    }

    /// <summary>Drops the order waiting for the next open (its market is gone).</summary>
    public void CancelPending() => PendingOrder = null;

    /// <summary>Turns a strategy's signal at a candle's close into an order for the next open.</summary>
    public void Submit(Signal signal)
    {
        if (signal == Signal.Enter && !Ledger.IsLong) PendingOrder = OrderSide.Buy;
        else if (signal == Signal.Exit && Ledger.IsLong) PendingOrder = OrderSide.Sell;
    }

    /// <summary>A new candle opened: fills the pending order at <paramref name="open"/>.</summary>
    public void OnOpen(DateTimeOffset time, decimal open)
    {
        if (PendingOrder is not { } side) return;
        PendingOrder = null;
        if (side == OrderSide.Buy)
        {
            if (!Ledger.IsLong) Buy(time, open * _buySlip);
        }
        else if (Ledger.IsLong)
        {
            Sell(time, open * _sellSlip, ExitReason.Signal);
        }
    }

    /// <summary>
    /// Checks the open position's stop-loss, trailing stop and take-profit against the candle's range
    /// (call after <see cref="OnOpen"/> for the same candle).
    /// </summary>
    public void OnRange(DateTimeOffset time, decimal open, decimal high, decimal low)
    {
        if (!Ledger.IsLong) return;
        var s = _settings;
        if (s.StopLossPct is null && s.TakeProfitPct is null && s.TrailingStopPct is null) return;

        decimal entry = Ledger.AverageEntryPrice;
        decimal stop = decimal.MinValue;
        var stopReason = ExitReason.StopLoss;
        if (s.StopLossPct is { } sl) stop = entry * (1m - (sl / 100m));
        if (s.TrailingStopPct is { } ts)
        {
            decimal trail = _highestSinceEntry * (1m - (ts / 100m));
            if (trail > stop)
            {
                stop = trail;
                stopReason = ExitReason.TrailingStop;
            }
        }
        decimal? target = s.TakeProfitPct is { } tp ? entry * (1m + (tp / 100m)) : null;

        if (open <= stop) Sell(time, open * _sellSlip, stopReason);           // gapped through the stop
        else if (open >= target) Sell(time, open, ExitReason.TakeProfit);    // gapped through the target
        else if (low <= stop) Sell(time, stop * _sellSlip, stopReason);      // stop first when both are inside
        else if (high >= target) Sell(time, target.Value, ExitReason.TakeProfit);
        else if (high > _highestSinceEntry) _highestSinceEntry = high;
    }

    /// <summary>Closes any open position at <paramref name="price"/> without slippage (end of data, manual close).</summary>
    public void CloseAll(DateTimeOffset time, decimal price, ExitReason reason)
    {
        PendingOrder = null;
        if (Ledger.IsLong) Sell(time, price, reason);
    }

    private void Buy(DateTimeOffset time, decimal price)
    {
        decimal cash = Ledger.Cash;
        decimal fee = _settings.FeeRate;
        decimal step = _settings.LotStep;
        decimal quantity = Math.Floor(cash / (price * (1m + fee)) / step) * step;
        if (quantity > 0 && (quantity * price) + (quantity * price * fee) > cash) quantity -= step; // decimal rounding guard
        if (quantity <= 0)
        {
            RejectedOrders++;
            return;
        }
        var fill = new Fill(time, OrderSide.Buy, quantity, price, quantity * price * fee);
        Ledger.Apply(fill);
        _highestSinceEntry = price;
        OnFill?.Invoke(fill, null);
    }

    private void Sell(DateTimeOffset time, decimal price, ExitReason reason)
    {
        decimal quantity = Ledger.Quantity;
        var fill = new Fill(time, OrderSide.Sell, quantity, price, quantity * price * _settings.FeeRate, reason);
        var trade = Ledger.Apply(fill);
        OnFill?.Invoke(fill, trade);
    }
}
