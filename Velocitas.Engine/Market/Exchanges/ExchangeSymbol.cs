namespace Velocitas.Engine.Market.Exchanges;

/// <summary>A spot market of an exchange, with its trading rules.</summary>
/// <param name="Code">Velocitas' code of the pair (BTCUSDT, BTCUSD): base and quote joined, as datasets and instances name it.</param>
/// <param name="NativeId">The exchange's own name of the market (BTCUSDT on Binance and Bybit, BTC-USD on Coinbase).</param>
/// <param name="Base">Base asset (BTC).</param>
/// <param name="Quote">Quote asset (USDT, USD).</param>
/// <param name="TickSize">Price increment.</param>
/// <param name="LotSize">Quantity increment (the lot step).</param>
/// <param name="MinQuantity">Smallest order quantity (0 when the exchange does not say).</param>
/// <param name="Trading">False when the market is halted or delisted.</param>
public sealed record ExchangeSymbol(string Code, string NativeId, string Base, string Quote, decimal TickSize, decimal LotSize, decimal MinQuantity, bool Trading = true)
{
    /// <summary>The pair as Velocitas parses it.</summary>
    public Symbol Pair => new(Base, Quote);
}
