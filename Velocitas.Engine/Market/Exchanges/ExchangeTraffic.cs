namespace Velocitas.Engine.Market.Exchanges;

/// <summary>What an exchange's policy has done so far (thread-safe counters for status bars and the API).</summary>
public sealed class ExchangeTraffic
{
    private long _requests;
    private long _retries;
    private long _rateLimitWaits;
    private long _waitedTicks;
    private volatile string? _lastWait;

    /// <summary>HTTP requests sent (retries included).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests retried after an error or a rate limit.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Times the exchange told us to wait (429, 418, a used-weight budget reached).</summary>
    public long RateLimitWaits => Interlocked.Read(ref _rateLimitWaits);

    /// <summary>Total time spent waiting for rate limits.</summary>
    public TimeSpan RateLimitWaited => TimeSpan.FromTicks(Interlocked.Read(ref _waitedTicks));

    /// <summary>The last rate-limit wait, in words.</summary>
    public string? LastWait => _lastWait;

    internal void Request() => Interlocked.Increment(ref _requests);

    internal void Retry() => Interlocked.Increment(ref _retries);

    internal void RateLimited(TimeSpan wait, string message)
    {
        Interlocked.Increment(ref _rateLimitWaits);
        Interlocked.Add(ref _waitedTicks, Math.Max(0, wait.Ticks));
        _lastWait = message;
    }
}
