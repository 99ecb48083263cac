namespace Velocitas.Engine.Market.Exchanges.Bybit;

/// <summary>Where to reach Bybit's public v5 spot market data (no API key needed).</summary>
public sealed record BybitOptions
{
    /// <summary>REST base URL (/v5/market/kline, /v5/market/instruments-info).</summary>
    public Uri RestBaseUrl { get; init; } = new("https://api.bybit.com");

    /// <summary>WebSocket base URL; the public spot stream is at /v5/public/spot.</summary>
    public Uri StreamBaseUrl { get; init; } = new("wss://stream.bybit.com");

    /// <summary>First reconnection delay; doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest reconnection delay.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Bybit closes connections without a ping for 10 minutes and recommends one every 20 seconds.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>No message for this long means the connection is dead.</summary>
    public TimeSpan ReceiveTimeout { get; init; } = TimeSpan.FromMinutes(2);
}
