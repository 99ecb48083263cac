using Velocitas.Engine.Market;

namespace Velocitas.Engine.Live.Binance;

/// <summary>Where and how to reach Binance's public market data (no API key needed).</summary>
public sealed record BinanceOptions
{
    /// <summary>REST base URL (klines, exchangeInfo).</summary>
    public Uri RestBaseUrl { get; init; } = new("https://api.binance.com");

    /// <summary>WebSocket base URL; the combined stream is at /stream?streams=...</summary>
    public Uri StreamBaseUrl { get; init; } = new("wss://stream.binance.com:9443");

    /// <summary>Candle interval (a Binance kline interval: 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d).</summary>
    public Timeframe Interval { get; init; } = Timeframe.OneMinute;

    /// <summary>Binance drops connections at 24 h; reconnect proactively before.</summary>
    public TimeSpan MaxConnectionAge { get; init; } = TimeSpan.FromHours(23.5);

    /// <summary>First reconnection delay; doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest reconnection delay.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>No message for this long means the connection is dead.</summary>
    public TimeSpan ReceiveTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Subscribe to trade streams for ticks (kline updates alone also give prices).</summary>
    public bool TradeStreams { get; init; } = true;
}
