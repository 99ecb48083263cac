namespace Velocitas.Engine.Live;

/// <summary>The feed as the status bar shows it.</summary>
/// <param name="Name">Feed name.</param>
/// <param name="Status">Connection state.</param>
/// <param name="Message">Last note or problem.</param>
/// <param name="Symbols">Symbols served.</param>
/// <param name="Timeframe">Candle interval.</param>
/// <param name="LastEvent">Time of the last event.</param>
/// <param name="Reconnects">Reconnections so far.</param>
/// <param name="Events">Events received.</param>
/// <param name="Exchange">The exchange behind the feed, or null (synthetic, replay).</param>
/// <param name="RateLimitWaits">Times the exchange made us wait (429/418, weight budget).</param>
/// <param name="RateLimitWaited">Total time waited for rate limits.</param>
/// <param name="LastRateLimit">The last rate-limit wait, in words.</param>
public sealed record FeedSnapshot(string Name, FeedStatus Status, string? Message, IReadOnlyList<string> Symbols, string Timeframe, DateTimeOffset? LastEvent, int Reconnects, long Events,
    string? Exchange = null, long RateLimitWaits = 0, TimeSpan RateLimitWaited = default, string? LastRateLimit = null);
