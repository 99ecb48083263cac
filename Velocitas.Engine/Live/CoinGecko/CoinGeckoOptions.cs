using Velocitas.Engine.Market;

namespace Velocitas.Engine.Live.CoinGecko;

/// <summary>Where and how to poll CoinGecko.</summary>
public sealed record CoinGeckoOptions
{
    /// <summary>API base URL (the public API; the Pro API is https://pro-api.coingecko.com/api/v3).</summary>
    public Uri BaseUrl { get; init; } = new("https://api.coingecko.com/api/v3");

    /// <summary>Optional API key, sent in <see cref="ApiKeyHeader"/>; never logged.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Header carrying the key: x-cg-demo-api-key (demo) or x-cg-pro-api-key (pro).</summary>
    public string ApiKeyHeader { get; init; } = "x-cg-demo-api-key";

    /// <summary>Time between price polls; one call per poll covers every coin (the free tier allows about 30 calls a minute).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Candle interval; 30 minutes matches CoinGecko's OHLC granularity for one day, used to warm up.</summary>
    public Timeframe Timeframe { get; init; } = new(TimeSpan.FromMinutes(30));

    /// <summary>Quote currency asked from CoinGecko.</summary>
    public string VsCurrency { get; init; } = "usd";
}
