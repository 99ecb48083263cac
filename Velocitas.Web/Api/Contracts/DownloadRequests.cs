using System.ComponentModel.DataAnnotations;
using Velocitas.Engine.Market;
using Velocitas.Web.Api.Hardening;

namespace Velocitas.Web.Api.Contracts;

/// <summary>Body of POST /api/downloads.</summary>
public sealed record StartDownloadRequest : IApiRequest, IValidatableObject
{
    /// <summary>binance, bybit or coinbase.</summary>
    [Required, StringLength(20)]
    public string? Exchange { get; init; }

    /// <summary>Coin or pair (BTC, BTCUSDT, BTC-USD).</summary>
    [Required, StringLength(40)]
    public string? Symbol { get; init; }

    /// <summary>Candle interval (1m, 1h, 1d).</summary>
    [Required, StringLength(8)]
    public string? Interval { get; init; }

    /// <summary>First candle's open time, UTC.</summary>
    [Required]
    public DateTimeOffset? From { get; init; }

    /// <summary>End, exclusive (default now).</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Dataset name (default: symbol, interval, exchange and dates).</summary>
    [StringLength(200)]
    public string? Name { get; init; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Interval is not null && !Timeframe.TryParse(Interval, out _)) yield return new($"interval '{Interval}' is not an interval such as 1m, 5m, 1h or 1d.", ["interval"]);
        if (From is { } f && To is { } t && f >= t) yield return new($"from ({f:yyyy-MM-dd HH:mm}) must be before to ({t:yyyy-MM-dd HH:mm}); to is exclusive.", ["from"]);
        if (From is { } from && from.Year < 2009) yield return new($"from ({from:yyyy-MM-dd}) is before any crypto exchange existed.", ["from"]);
    }
}

/// <summary>Body of PUT /api/datasets/{id}/auto-update.</summary>
public sealed record AutoUpdateRequest : IApiRequest
{
    /// <summary>Update interval in minutes (1 to a week); null turns automatic updates off.</summary>
    [Range(1, 10_080)]
    public int? Minutes { get; init; }
}
