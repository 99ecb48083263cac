namespace Velocitas.Engine.Execution;

/// <summary>
/// Cash and position of one (strategy instance, coin). It changes only through <see cref="Apply"/>; a sell
/// that flattens the position produces a <see cref="Trade"/>. Money is decimal, so ledgers reconcile exactly:
/// <c>Cash + Quantity × price = InitialCash + RealizedPnl + UnrealizedPnl(price)</c>.
/// </summary>
public sealed class Ledger
{
    private readonly List<Trade> _trades = [];
    private DateTimeOffset _entryTime;
    private decimal _quantity;
    private bool _long;

    /// <summary>Opens a ledger with <paramref name="initialCash"/>.</summary>
    public Ledger(decimal initialCash)
    {
        InitialCash = initialCash;
        Cash = initialCash;
    }

    /// <summary>Cash at the start.</summary>
    public decimal InitialCash { get; }

    /// <summary>Cash now.</summary>
    public decimal Cash { get; private set; }

    /// <summary>Base quantity held (0 when flat; long-only, never negative).</summary>
    public decimal Quantity
    {
        get => _quantity;
        private set
        {
            _quantity = value;
            _long = value > 0; // read once per candle or more: kept as a flag instead of a decimal comparison each time
        }
    }

    /// <summary>Cost of the open position at its fill prices (excluding fees).</summary>
    public decimal CostBasis { get; private set; }

    /// <summary>Entry fees already paid on the open position.</summary>
    public decimal OpenFees { get; private set; }

    /// <summary>Average entry price of the open position; 0 when flat.</summary>
    public decimal AverageEntryPrice => Quantity == 0 ? 0 : CostBasis / Quantity;

    /// <summary>Sum of closed trades' net P&amp;L.</summary>
    public decimal RealizedPnl { get; private set; }

    /// <summary>All fees paid, open position included.</summary>
    public decimal FeesPaid { get; private set; }

    /// <summary>True when a position is open.</summary>
    public bool IsLong => _long;

    /// <summary>Time of the open position's first fill.</summary>
    public DateTimeOffset EntryTime => _entryTime;

    /// <summary>Closed trades in order.</summary>
    public IReadOnlyList<Trade> Trades => _trades;

    /// <summary>Sets the ledger to a persisted state (after a restart). Closed trades are not replayed.</summary>
    public void Restore(AccountState state)
    {
        if (state.Cash < 0 || state.Quantity < 0) throw new ArgumentException("A persisted ledger cannot have negative cash or quantity.", nameof(state));
        Cash = state.Cash;
        Quantity = state.Quantity;
        CostBasis = state.CostBasis;
        OpenFees = state.OpenFees;
        RealizedPnl = state.RealizedPnl;
        FeesPaid = state.FeesPaid;
        _entryTime = state.EntryTime ?? default;
        _trades.Clear();
    }

    /// <summary>Open position marked at <paramref name="price"/>, net of its entry fees.</summary>
    public decimal UnrealizedPnl(decimal price) => Quantity == 0 ? 0 : (Quantity * price) - CostBasis - OpenFees;

    /// <summary>Cash plus the position marked at <paramref name="price"/>.</summary>
    public decimal Equity(decimal price) => _long ? Market.DecimalMath.AddProduct(Cash, _quantity, price) : Cash; // Cash + Quantity × price, same bits

    /// <summary>Applies a fill; returns the closed trade when it flattens the position.</summary>
    public Trade? Apply(in Fill fill)
    {
        if (fill.Quantity <= 0) throw new ArgumentException($"A fill needs a positive quantity (was {fill.Quantity}).", nameof(fill));
        FeesPaid += fill.Fee;
        decimal notional = fill.Notional; // a product: taken once
        if (fill.Side == OrderSide.Buy)
        {
            decimal outlay = notional + fill.Fee;
            if (outlay > Cash) throw new InvalidOperationException($"Buy of {fill.Quantity} at {fill.Price} costs {outlay} but only {Cash} cash is available.");
            if (Quantity == 0) _entryTime = fill.Time;
            Cash -= outlay;
            Quantity += fill.Quantity;
            CostBasis += notional;
            OpenFees += fill.Fee;
            return null;
        }

        if (fill.Quantity > Quantity) throw new InvalidOperationException($"Cannot sell {fill.Quantity}: only {Quantity} is held (long-only).");
        decimal cost = CostBasis, entryFees = OpenFees; // a whole sell takes them all: no division
        if (Quantity != fill.Quantity)
        {
            decimal fraction = fill.Quantity / Quantity;
            cost = CostBasis * fraction;
            entryFees = OpenFees * fraction;
        }
        decimal entryPrice = cost / fill.Quantity;
        decimal pnl = notional - cost - entryFees - fill.Fee;
        Cash += notional - fill.Fee;
        Quantity -= fill.Quantity;
        CostBasis -= cost;
        OpenFees -= entryFees;
        RealizedPnl += pnl;
        var trade = new Trade(_entryTime, fill.Time, fill.Quantity, entryPrice, fill.Price, pnl, entryFees + fill.Fee, fill.Reason);
        _trades.Add(trade);
        return trade;
    }
}
