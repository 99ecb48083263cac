namespace Velocitas.Engine.Market.Exchanges;

/// <summary>A rate limit an exchange wrote into a successful answer instead of a 429 (Bybit's retCode 10006).</summary>
/// <param name="Why">The exchange's words, for the status and the error: "retCode 10006 (Too many visits!)".</param>
/// <param name="ResetAt">When the exchange said its budget refills, or null (the policy's doubling back-off is used).</param>
public sealed record BodyRateLimit(string Why, DateTimeOffset? ResetAt);
