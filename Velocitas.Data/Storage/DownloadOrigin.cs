namespace Velocitas.Data.Storage;

/// <summary>Where a downloaded dataset came from, so that it can be updated later.</summary>
/// <param name="Exchange">binance, bybit, coinbase.</param>
/// <param name="ExchangeSymbol">The exchange's own market name (BTCUSDT, BTC-USD).</param>
/// <param name="Incomplete">True when the download stopped before the end of the range asked for.</param>
public sealed record DownloadOrigin(string Exchange, string ExchangeSymbol, bool Incomplete);
