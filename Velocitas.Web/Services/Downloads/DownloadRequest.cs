namespace Velocitas.Web.Services.Downloads;

/// <summary>A download of an exchange's candles into a new dataset.</summary>
/// <param name="Exchange">binance, bybit or coinbase.</param>
/// <param name="Symbol">Coin or pair (BTC, BTCUSDT, BTC-USD).</param>
/// <param name="Interval">Candle interval (1m, 1h, 1d...).</param>
/// <param name="From">First candle's open time (inclusive), UTC.</param>
/// <param name="To">End (exclusive: candles opening before it); default now.</param>
/// <param name="Name">Dataset name; default "BTCUSDT 1m binance 2021-05-01 → 2021-06-01".</param>
public sealed record DownloadRequest(string Exchange, string Symbol, string Interval, DateTimeOffset From, DateTimeOffset? To = null, string? Name = null);
