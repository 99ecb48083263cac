namespace Velocitas.Engine.Live;

/// <summary>A feed cannot start as asked (unknown symbol, bad option, service refusing); the message says what to change.</summary>
public sealed class FeedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The service asked us to slow down (HTTP 429, or a rate-limit code in its answer) or banned us for a while (HTTP 418).</summary>
public sealed class RateLimitedException : Exception
{
    /// <summary>The service answered HTTP <paramref name="statusCode"/> (429 or 418).</summary>
    public RateLimitedException(int statusCode, TimeSpan retryAfter, string service)
        : this($"{service} answered {statusCode} ({(statusCode == 418 ? "IP banned for a while" : "too many requests")}); retrying after {retryAfter.TotalSeconds:0} s.", statusCode, retryAfter)
    {
    }

    /// <summary>The service said so in its own words (e.g. Bybit's retCode 10006 in a 200 answer).</summary>
    public RateLimitedException(string message, int statusCode, TimeSpan retryAfter) : base(message)
    {
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    /// <summary>429 or 418 (the HTTP status; 200 when the limit was in the body).</summary>
    public int StatusCode { get; }

    /// <summary>How long the service asked us to wait.</summary>
    public TimeSpan RetryAfter { get; }
}
