using Velocitas.Engine.Market;

namespace Velocitas.Engine.Live.Binance;

/// <summary>Where and how to reach Binance's public market data (no API key needed).</summary>
public sealed record BinanceOptions
{
    /// <summary>REST base URL (klines, exchangeInfo).</summary>
    public Uri RestBaseUrl { get; init; } = new("https://api.binance.com");

    /// <summary>WebSocket base URL; the combined stream is at /stream?streams=...</summary>
    public Uri StreamBaseUrl { get; init; } = new("wss://stream.binance.com:9443");

    /// <summary>Bulk history: monthly and daily kline zip archives under /data/spot/{monthly|daily}/klines/.</summary>
    public Uri ArchiveBaseUrl { get; init; } = new("https://data.binance.vision");

    /// <summary>Use the zip archives for whole days and months of a long range (REST for the rest and as fallback).</summary>
    public bool UseArchives { get; init; } = true;

    /// <summary>Ranges shorter than this many candles go over REST only (a warm-up, a gap fill, an update by a day or so).</summary>
    public int ArchiveMinimumCandles { get; init; } = 10_000;

    /// <summary>How long to wait for the archive host before falling back to REST.</summary>
    public TimeSpan ArchiveProbeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Request weight Binance allows per minute and IP (X-MBX-USED-WEIGHT-1M counts it).</summary>
    public int WeightLimitPerMinute { get; init; } = 6000;

    /// <summary>Share of the weight limit after which we pause until the next minute.</summary>
    public double WeightBudget { get; init; } = 0.9;

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
