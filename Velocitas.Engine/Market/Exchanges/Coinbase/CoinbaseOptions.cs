namespace Velocitas.Engine.Market.Exchanges.Coinbase;

/// <summary>Where to reach Coinbase Exchange's public market data (no API key needed).</summary>
public sealed record CoinbaseOptions
{
    /// <summary>REST base URL (/products, /products/{id}/candles).</summary>
    public Uri RestBaseUrl { get; init; } = new("https://api.exchange.coinbase.com");

    /// <summary>WebSocket feed URL.</summary>
    public Uri StreamBaseUrl { get; init; } = new("wss://ws-feed.exchange.coinbase.com");

    /// <summary>First reconnection delay; doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest reconnection delay.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>No message for this long means the connection is dead (heartbeats arrive every second).</summary>
    public TimeSpan ReceiveTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
