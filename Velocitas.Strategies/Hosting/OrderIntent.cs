namespace Velocitas.Strategies.Hosting;

/// <summary>What a strategy asked for at a candle's close. Not for strategy code.</summary>
public enum OrderKind : byte
{
    /// <summary>Nothing.</summary>
    None,
    /// <summary>All-in market buy at the next open, only when flat.</summary>
    BuyAll,
    /// <summary>Market buy of a fraction of equity at the next open (as far as cash goes).</summary>
    BuyFraction,
    /// <summary>Sell the whole position at the next open.</summary>
    SellAll,
    /// <summary>Sell a fraction of the position at the next open.</summary>
    SellFraction,
}

/// <summary>An order decided at a close, filled at the next open. Not for strategy code.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="Fraction">For the fraction kinds: of equity (buy) or of the position (sell), in (0, 1].</param>
public readonly record struct OrderIntent(OrderKind Kind, double Fraction = 1)
{
    /// <summary>No order.</summary>
    public static OrderIntent None => default;

    /// <summary>True for the buy kinds.</summary>
    public bool IsBuy => Kind is OrderKind.BuyAll or OrderKind.BuyFraction;

    /// <summary>True for the sell kinds.</summary>
    public bool IsSell => Kind is OrderKind.SellAll or OrderKind.SellFraction;
}

/// <summary>
/// Stop-loss, take-profit and trailing-stop distances set from strategy code, in percent. NaN = not set by the code
/// (the run's settings apply); 0 = removed by the code; a positive number = the level. Not for strategy code.
/// </summary>
/// <param name="StopLossPct">Stop-loss below the entry.</param>
/// <param name="TakeProfitPct">Take-profit above the entry.</param>
/// <param name="TrailingStopPct">Trailing stop below the highest high since entry.</param>
public readonly record struct RiskOverrides(double StopLossPct, double TakeProfitPct, double TrailingStopPct)
{
    /// <summary>Nothing set from code.</summary>
    public static RiskOverrides Unset { get; } = new(double.NaN, double.NaN, double.NaN);

    /// <summary>True when any level was set or removed by the code.</summary>
    public bool Any => !double.IsNaN(StopLossPct) || !double.IsNaN(TakeProfitPct) || !double.IsNaN(TrailingStopPct);
}
