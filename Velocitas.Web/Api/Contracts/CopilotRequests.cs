using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Velocitas.Web.Api.Hardening;

namespace Velocitas.Web.Api.Contracts;

/// <summary>Body of POST /api/copilot/enable-alerts.</summary>
public sealed record EnableAlertsRequest : IOriginalApiRequest
{
    /// <summary>True to turn alerts on, false to turn them off.</summary>
    [JsonAlias("enable")]
    public bool? Enabled { get; init; }
}

/// <summary>
/// Body of POST and PUT /api/copilot/rules. On PUT, fields left out keep their value; the <c>…Given</c> flags tell
/// a field left out from one sent as null (<c>"symbol": null</c> means any coin).
/// </summary>
public sealed record AlertRuleRequest : IOriginalApiRequest, IValidatableObject
{
    private readonly string? _symbol;
    private readonly int? _instanceId;
    private readonly string? _webhookUrl;

    /// <summary>A name for the rule.</summary>
    [StringLength(200)]
    public string? Name { get; init; }

    /// <summary>price-cross, percent-move, rsi, volatility-spike, volume-spike, regime-change, strategy-signal, drawdown, loss-streak, exposure, stale-feed.</summary>
    [StringLength(40), JsonAlias("type")]
    public string? Kind { get; init; }

    /// <summary>Coin the rule watches; null = any.</summary>
    [StringLength(32), JsonAlias("coin")]
    public string? Symbol { get => _symbol; init { _symbol = value; SymbolGiven = true; } }

    /// <summary>Instance the rule watches (strategy kinds); null = any.</summary>
    [Range(1, int.MaxValue), JsonAlias("strategy_id")]
    public int? InstanceId { get => _instanceId; init { _instanceId = value; InstanceIdGiven = true; } }

    /// <summary>The kind's parameters: numbers, or words for direction (above/below/either), side (buy/sell) and regime (uptrend …).</summary>
    [MaxLength(16), JsonAlias("parameters")]
    public Dictionary<string, JsonElement>? Params { get; init; }

    /// <summary>info, warning or critical.</summary>
    [StringLength(16)]
    public string? Severity { get; init; }

    /// <summary>Quiet time after an alert, in seconds (up to a year).</summary>
    [Range(0.0, 31_536_000.0), JsonAlias("cooldown")]
    public double? CooldownSeconds { get; init; }

    /// <summary>none, pause or close.</summary>
    [StringLength(16)]
    public string? Action { get; init; }

    /// <summary>Webhook to POST alerts to; "" removes it.</summary>
    [StringLength(2000), JsonAlias("webhook")]
    public string? WebhookUrl { get => _webhookUrl; init { _webhookUrl = value; WebhookUrlGiven = true; } }

    /// <summary>Whether the rule is on.</summary>
    public bool? Enabled { get; init; }

    /// <summary>Whether symbol was in the body.</summary>
    [JsonIgnore] public bool SymbolGiven { get; private init; }

    /// <summary>Whether instance_id was in the body.</summary>
    [JsonIgnore] public bool InstanceIdGiven { get; private init; }

    /// <summary>Whether webhook_url was in the body.</summary>
    [JsonIgnore] public bool WebhookUrlGiven { get; private init; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Severity is { } s && !Words.Is(s, "info", "warning", "critical"))
            yield return new($"severity must be info, warning or critical, got '{s}'.", ["severity"]);
        if (Action is { } a && !Words.Is(a, "none", "pause", "close"))
            yield return new($"action must be none, pause or close, got '{a}'.", ["action"]);
        if (Params is not null)
        {
            foreach (var (name, value) in Params)
            {
                if (name.Length > 40) yield return new($"params has a name of {name.Length} characters; names are at most 40.", ["params"]);
                else if (value.ValueKind == JsonValueKind.Number && (!value.TryGetDouble(out double d) || !double.IsFinite(d) || Math.Abs(d) > 1e12))
                    yield return new($"{name} must be a finite number within ±1e12, got {value.GetRawText()}.", [$"params.{name}"]);
                else if (value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 40)
                    yield return new($"{name} is too long a word.", [$"params.{name}"]);
                else if (value.ValueKind is not (JsonValueKind.Number or JsonValueKind.String))
                    yield return new($"{name} must be a number (or above/below/either, buy/sell, uptrend/downtrend/range/volatile/any), got {value.GetRawText()}.", [$"params.{name}"]);
            }
        }
    }
}

/// <summary>Word checks for enum-like fields: names only, never numbers.</summary>
public static class Words
{
    /// <summary>Whether <paramref name="text"/> is one of <paramref name="words"/> (any case).</summary>
    public static bool Is(string text, params string[] words) => words.Any(w => string.Equals(w, text.Trim(), StringComparison.OrdinalIgnoreCase));
}
