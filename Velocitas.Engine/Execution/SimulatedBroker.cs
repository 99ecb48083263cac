using Velocitas.Strategies.Hosting;

namespace Velocitas.Engine.Execution;

/// <summary>
/// Fills a strategy's market orders against candles, long-only:
/// <list type="bullet">
/// <item>An order decided at a candle's close fills at the <b>next candle's open</b>, moved against the
/// trader by the slippage. An all-in buy (only when flat) takes floor(cash / (price × (1 + fee)) / lot step) lots;
/// a buy of a fraction of equity spends fraction × equity (marked at the open), at most the cash; a sell of a
/// fraction sells that share of the position rounded down to the lot step.</item>
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
    private readonly decimal _onePlusFee;
    private readonly bool _settingsExits; // a stop-loss, take-profit or trailing stop is set for every position
    private decimal _highestSinceEntry;
    private OrderIntent _pending;

    /// <summary>Creates a broker with a fresh ledger.</summary>
    public SimulatedBroker(ExecutionSettings settings)
    {
        _settings = settings.Validated();
        _buySlip = 1m + (settings.SlippageBps / 10_000m);
        _sellSlip = 1m - (settings.SlippageBps / 10_000m);
        _onePlusFee = 1m + _settings.FeeRate;
        _settingsExits = settings.StopLossPct is not null || settings.TakeProfitPct is not null || settings.TrailingStopPct is not null;
        Ledger = new Ledger(settings.InitialCash);
    }

    /// <summary>Called with every fill and, for closing fills, the trade it completed.</summary>
    public Action<Fill, Trade?>? OnFill { get; set; }

    /// <summary>The account this broker trades.</summary>
    public Ledger Ledger { get; }

    /// <summary>The execution rules.</summary>
    public ExecutionSettings Settings => _settings;

    /// <summary>The side of the order waiting for the next open, if any.</summary>
    public OrderSide? PendingOrder => _pending.IsBuy ? OrderSide.Buy : _pending.IsSell ? OrderSide.Sell : null;

    /// <summary>The order waiting for the next open (<see cref="OrderIntent.None"/> when none).</summary>
    public OrderIntent Pending => _pending;

    /// <summary>Orders that could not fill: a buy whose cash did not buy one lot, a sell of less than one lot.</summary>
    public int RejectedOrders { get; private set; }

    /// <summary>Highest price since entry that the trailing stop trails.</summary>
    public decimal TrailingHigh => _highestSinceEntry;

    /// <summary>Restores the pending order and trailing high of a persisted account.</summary>
    public void Restore(OrderSide? pendingOrder, decimal trailingHigh)
    {
        _pending = pendingOrder switch
        {
            OrderSide.Buy => new OrderIntent(OrderKind.BuyAll),
            OrderSide.Sell => new OrderIntent(OrderKind.SellAll),
            _ => OrderIntent.None,
        };
        _highestSinceEntry = trailingHigh;
    }

    /// <summary>Drops the order waiting for the next open (its market is gone).</summary>
    public void CancelPending() => _pending = OrderIntent.None;

    /// <summary>
    /// Takes a strategy's order at a candle's close for the next open. An all-in buy counts only when flat, a sell only
    /// when long; a buy of a fraction may add to a position.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)] // once a candle, mostly no order
    public void Submit(OrderIntent order)
    {
        switch (order.Kind)
        {
            case OrderKind.BuyAll when !Ledger.IsLong:
            case OrderKind.BuyFraction:
            case OrderKind.SellAll or OrderKind.SellFraction when Ledger.IsLong:
                _pending = order;
                break;
        }
    }

    /// <summary>A new candle opened: fills the pending order at <paramref name="open"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void OnOpen(DateTimeOffset time, decimal open)
    {
        if (_pending.Kind != OrderKind.None) Fill(time, open); // most candles have no order waiting: no call
    }

    private void Fill(DateTimeOffset time, decimal open)
    {
        var order = _pending;
        _pending = OrderIntent.None;
        switch (order.Kind)
        {
            case OrderKind.BuyAll:
                if (!Ledger.IsLong) Buy(time, open * _buySlip, Ledger.Cash);
                break;
            case OrderKind.BuyFraction:
                Buy(time, open * _buySlip, Math.Min(Ledger.Cash, (decimal)order.Fraction * Ledger.Equity(open)));
                break;
            case OrderKind.SellAll:
                if (Ledger.IsLong) Sell(time, open * _sellSlip, ExitReason.Signal);
                break;
            case OrderKind.SellFraction:
                if (Ledger.IsLong) SellPart(time, open * _sellSlip, (decimal)order.Fraction);
                break;
        }
    }

    /// <summary>
    /// Checks the open position's stop-loss, trailing stop and take-profit against the candle's range
    /// (call after <see cref="OnOpen"/> for the same candle).
    /// </summary>
    public void OnRange(DateTimeOffset time, decimal open, decimal high, decimal low) =>
        OnRange(time, open, high, low, RiskOverrides.Unset);

    /// <summary>
    /// As <see cref="OnRange(DateTimeOffset, decimal, decimal, decimal)"/>, with the levels the strategy's code set
    /// replacing the settings' ones.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void OnRange(DateTimeOffset time, decimal open, decimal high, decimal low, RiskOverrides overrides)
    {
        // without a level in the settings or the strategy's code there is nothing to check (the usual candle): no call
        if (Ledger.IsLong && (_settingsExits || overrides.Any)) CheckExits(time, open, high, low, overrides);
    }

    private void CheckExits(DateTimeOffset time, decimal open, decimal high, decimal low, RiskOverrides overrides)
    {
        var s = _settings;
        decimal? stopLossPct = s.StopLossPct, takeProfitPct = s.TakeProfitPct, trailingStopPct = s.TrailingStopPct;
        if (overrides.Any)
        {
            stopLossPct = Level(overrides.StopLossPct, stopLossPct);
            takeProfitPct = Level(overrides.TakeProfitPct, takeProfitPct);
            trailingStopPct = Level(overrides.TrailingStopPct, trailingStopPct);
        }
        if (stopLossPct is null && takeProfitPct is null && trailingStopPct is null) return;

        decimal entry = Ledger.AverageEntryPrice;
        decimal stop = decimal.MinValue;
        var stopReason = ExitReason.StopLoss;
        if (stopLossPct is { } sl) stop = entry * (1m - (sl / 100m));
        if (trailingStopPct is { } ts)
        {
            decimal trail = _highestSinceEntry * (1m - (ts / 100m));
            if (trail > stop)
            {
                stop = trail;
                stopReason = ExitReason.TrailingStop;
            }
        }
        decimal? target = takeProfitPct is { } tp ? entry * (1m + (tp / 100m)) : null;

        if (open <= stop) Sell(time, open * _sellSlip, stopReason);           // gapped through the stop
        else if (open >= target) Sell(time, open, ExitReason.TakeProfit);    // gapped through the target
        else if (low <= stop) Sell(time, stop * _sellSlip, stopReason);      // stop first when both are inside
        else if (high >= target) Sell(time, target.Value, ExitReason.TakeProfit);
        else if (high > _highestSinceEntry) _highestSinceEntry = high;
    }

    /// <summary>Closes any open position at <paramref name="price"/> without slippage (end of data, manual close).</summary>
    public void CloseAll(DateTimeOffset time, decimal price, ExitReason reason)
    {
        _pending = OrderIntent.None;
        if (Ledger.IsLong) Sell(time, price, reason);
    }

    // code-set level: NaN = not set (the setting applies), 0 = removed, else the percent
    private static decimal? Level(double code, decimal? setting) =>
        double.IsNaN(code) ? setting : code == 0 ? null : (decimal)code;

    private void Buy(DateTimeOffset time, decimal price, decimal budget)
    {
        decimal fee = _settings.FeeRate;
        decimal step = _settings.LotStep;
        decimal quantity = Math.Floor(budget / (price * _onePlusFee) / step) * step;
        // each product once (quantity × price × fee is (quantity × price) × fee, left to right: the same bits)
        decimal notional = 0, feePaid = 0;
        if (quantity > 0)
        {
            notional = quantity * price;
            feePaid = notional * fee;
            if (notional + feePaid > budget) // decimal rounding guard
            {
                quantity -= step;
                notional = quantity * price;
                feePaid = notional * fee;
            }
        }
        if (quantity <= 0)
        {
            RejectedOrders++;
            return;
        }
        bool adding = Ledger.IsLong;
        var fill = new Fill(time, OrderSide.Buy, quantity, price, feePaid);
        Ledger.Apply(fill);
        if (!adding) _highestSinceEntry = price;
        OnFill?.Invoke(fill, null);
    }

    private void SellPart(DateTimeOffset time, decimal price, decimal fraction)
    {
        decimal step = _settings.LotStep;
        decimal quantity = Math.Floor(Ledger.Quantity * fraction / step) * step;
        if (quantity >= Ledger.Quantity) Sell(time, price, ExitReason.Signal);
        else if (quantity <= 0) RejectedOrders++;
        else Sell(time, price, ExitReason.Signal, quantity);
    }

    private void Sell(DateTimeOffset time, decimal price, ExitReason reason) => Sell(time, price, reason, Ledger.Quantity);

    private void Sell(DateTimeOffset time, decimal price, ExitReason reason, decimal quantity)
    {
        var fill = new Fill(time, OrderSide.Sell, quantity, price, quantity * price * _settings.FeeRate, reason);
        var trade = Ledger.Apply(fill);
        OnFill?.Invoke(fill, trade);
    }
}
