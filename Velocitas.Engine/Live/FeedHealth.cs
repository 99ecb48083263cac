namespace Velocitas.Engine.Live;

/// <summary>Connection state of a feed.</summary>
public enum FeedStatus
{
    /// <summary>Not running.</summary>
    Stopped,
    /// <summary>Connecting or warming up.</summary>
    Connecting,
    /// <summary>Receiving data.</summary>
    Connected,
    /// <summary>Lost the connection; trying again with backoff.</summary>
    Reconnecting,
    /// <summary>Replay finished or the synthetic run reached its limit.</summary>
    Completed,
    /// <summary>Gave up; <see cref="FeedHealth.Message"/> says why.</summary>
    Failed,
}

/// <summary>What a feed reports about itself (thread-safe reads of the latest values).</summary>
public sealed class FeedHealth
{
    private volatile FeedStatus _status;
    private volatile string? _message;
    private long _lastEventTicks;
    private int _reconnects;
    private long _events;

    /// <summary>Current status.</summary>
    public FeedStatus Status => _status;

    /// <summary>Last problem or note (never contains secrets).</summary>
    public string? Message => _message;

    /// <summary>Time of the last event received.</summary>
    public DateTimeOffset? LastEvent => Interlocked.Read(ref _lastEventTicks) is var t and > 0 ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    /// <summary>Reconnections so far.</summary>
    public int Reconnects => Volatile.Read(ref _reconnects);

    /// <summary>Events received.</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>The exchange behind the feed (binance, bybit, coinbase, coingecko), or null for synthetic and replay feeds.</summary>
    public string? Exchange { get; set; }

    /// <summary>The exchange policy's counters (requests, retries, rate-limit waits), or null.</summary>
    public Velocitas.Engine.Market.Exchanges.ExchangeTraffic? Traffic { get; set; }

    /// <summary>Sets the status and message.</summary>
    public void Set(FeedStatus status, string? message = null)
    {
        _status = status;
        _message = message;
    }

    /// <summary>Records an event received at <paramref name="now"/>.</summary>
    public void Received(DateTimeOffset now)
    {
        Interlocked.Exchange(ref _lastEventTicks, now.UtcTicks);
        Interlocked.Increment(ref _events);
    }

    /// <summary>Counts a reconnection.</summary>
    public void Reconnected() => Interlocked.Increment(ref _reconnects);
}
