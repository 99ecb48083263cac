namespace Velocitas.Engine.Live;

/// <summary>A feed cannot start as asked (unknown symbol, bad option, service refusing); the message says what to change.</summary>
public sealed class FeedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The service asked us to slow down (HTTP 429) or banned us for a while (HTTP 418).</summary>
public sealed class RateLimitedException(int statusCode, TimeSpan retryAfter, string service)
    : Exception($"{service} answered {statusCode} ({(statusCode == 418 ? "IP banned for a while" : "too many requests")}); retrying after {retryAfter.TotalSeconds:0} s.")
{
    /// <summary>429 or 418.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>How long the service asked us to wait.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
