namespace Velocitas.Engine.Market.Exchanges;

/// <summary>Retries, back-off and reconnection delays shared by every exchange.</summary>
public sealed record ExchangePolicyOptions
{
    /// <summary>Retries of one request after a 429/418, a 5xx, a timeout or a dropped connection.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>First retry delay when the exchange sends no Retry-After; doubles each retry.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait for one retry (also caps a Retry-After).</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>First reconnection delay of a live stream; doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan FirstReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest reconnection delay.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(60);
}
