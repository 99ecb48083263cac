namespace Velocitas.Engine.Live;

/// <summary>
/// A position that starting a feed of another market closes first, at the last price of the market it was opened on
/// (exit reason <c>market-changed</c>): a position is never valued or closed at another market's prices.
/// </summary>
/// <param name="InstanceId">The instance holding it.</param>
/// <param name="Symbol">Its coin.</param>
/// <param name="Quantity">Quantity held.</param>
/// <param name="Price">The last price of its own market, at which it closes (fees and slippage apply).</param>
/// <param name="FromMarket">The market it was opened on.</param>
/// <param name="ToMarket">The market of the feed being started.</param>
public sealed record MarketSwitch(int InstanceId, string Symbol, decimal Quantity, decimal? Price, string FromMarket, string ToMarket)
{
    /// <summary>One sentence for the trader.</summary>
    public string Describe() =>
        $"#{InstanceId} {Symbol}: {Quantity:0.########} opened on {FromMarket} closes at {FromMarket}'s last price{(Price is { } p ? $" {p:0.########}" : "")} before {ToMarket} starts.";
}
