namespace Velocitas.Web.Services;

/// <summary>Which feed to start the engine on, and its options.</summary>
public sealed record FeedRequest
{
    /// <summary>synthetic (default), csv, binance or coingecko.</summary>
    public string Source { get; init; } = "synthetic";

    /// <summary>Coins for synthetic, Binance and CoinGecko (default: the coins of the instances, else BTC and ETH).</summary>
    public IReadOnlyList<string>? Coins { get; init; }

    /// <summary>Datasets to replay (csv feed).</summary>
    public IReadOnlyList<int>? DatasetIds { get; init; }

    /// <summary>Replay speed: 1 = real time, 10 = ten times faster, 0 = as fast as possible.</summary>
    public double? Speed { get; init; }

    /// <summary>Synthetic ticks per second (1–100,000).</summary>
    public int? TicksPerSecond { get; init; }

    /// <summary>Synthetic seed.</summary>
    public int? Seed { get; init; }

    /// <summary>Candle interval (synthetic, Binance, CoinGecko).</summary>
    public string? Interval { get; init; }
}
