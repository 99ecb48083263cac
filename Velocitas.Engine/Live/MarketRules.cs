namespace Velocitas.Engine.Live;

/// <summary>
/// The exchange market a live instance trades, with the trading rules it took from the exchange's symbol list: its
/// lot step replaces the default one in the instance's settings; the tick size is shown with it (fills are at the
/// candle's own prices, which the exchange already quotes in ticks).
/// </summary>
/// <param name="Exchange">Short exchange name (binance, bybit, coinbase).</param>
/// <param name="NativeId">The exchange's own name of the market (BTCUSDT, BTC-USD).</param>
/// <param name="TickSize">Price increment.</param>
/// <param name="LotSize">Quantity increment (the lot step the instance's orders are rounded down to).</param>
public sealed record MarketRules(string Exchange, string NativeId, decimal TickSize, decimal LotSize);
