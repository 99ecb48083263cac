using System;
using Velocitas.Strategies.Hosting;

namespace Velocitas.Strategies;

public abstract partial class Strategy
{
    /// <summary>
    /// When flat: buy with all the cash at the next open (floor(cash / (price × (1 + fee))) lots). Ignored while a
    /// position is open. The last order placed at a close is the one sent.
    /// </summary>
    protected void Buy() => Host.Place(new OrderIntent(OrderKind.BuyAll));

    /// <summary>Buys <paramref name="fraction"/> of equity (0 &lt; fraction ≤ 1) at the next open, as far as the cash goes; adds to an open position.</summary>
    protected void Buy(double fraction) => Host.Place(new OrderIntent(OrderKind.BuyFraction, Fraction(fraction, nameof(Buy))));

    /// <summary>Sells the whole position at the next open (exit reason <c>signal</c>). Ignored when flat.</summary>
    protected void Sell() => Host.Place(new OrderIntent(OrderKind.SellAll));

    /// <summary>Sells <paramref name="fraction"/> of the position (0 &lt; fraction ≤ 1, rounded down to the lot step) at the next open.</summary>
    protected void Sell(double fraction) => Host.Place(new OrderIntent(OrderKind.SellFraction, Fraction(fraction, nameof(Sell))));

    /// <summary>Stop-loss <paramref name="percent"/> below the entry price from now on, replacing the run's setting; null removes it.</summary>
    protected void SetStopLoss(double? percent) => Host.SetRisk(stopLoss: Percent(percent, 100, nameof(SetStopLoss)));

    /// <summary>Take-profit <paramref name="percent"/> above the entry price from now on, replacing the run's setting; null removes it.</summary>
    protected void SetTakeProfit(double? percent) => Host.SetRisk(takeProfit: Percent(percent, 100_000, nameof(SetTakeProfit)));

    /// <summary>Trailing stop <paramref name="percent"/> below the highest high since entry from now on, replacing the run's setting; null removes it.</summary>
    protected void SetTrailingStop(double? percent) => Host.SetRisk(trailingStop: Percent(percent, 100, nameof(SetTrailingStop)));

    private static double Fraction(double fraction, string verb) => fraction is > 0 and <= 1
        ? fraction
        : throw new ArgumentOutOfRangeException(nameof(fraction), fraction, $"{verb}: fraction must be above 0 and at most 1, e.g. 0.5 for half (was {fraction}).");

    private static double Percent(double? percent, double max, string verb) => percent switch
    {
        null => 0,
        > 0 and var p when p < max => p,
        _ => throw new ArgumentOutOfRangeException(nameof(percent), percent, $"{verb}: percent must be above 0 and below {max} (was {percent}); pass null to remove the level."),
    };
}
