using System.Globalization;
using System.Text.Json;
using Velocitas.Data.Storage;
using Velocitas.Engine.Copilot;
using Velocitas.Engine.Market;
using Velocitas.Web.Api.Contracts;
using Velocitas.Web.Services.Copilot;

namespace Velocitas.Web.Api;

/// <summary>The original service's copilot routes (status, enable alerts, active alerts) plus rules and acknowledgement.</summary>
public static class CopilotApi
{
    /// <summary>Maps /api/copilot/*.</summary>
    public static IEndpointRouteBuilder MapCopilotApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/copilot").WithTags("Copilot");
        g.MapGet("/status", async (CopilotService copilot, CancellationToken ct) => OriginalJson.Ok(Status(await copilot.StatusAsync(ct))))
            .WithSummary("Whether alerts are on, rule and alert counts, engine state, webhook delivery counters.");
        g.MapPost("/enable-alerts", EnableAsync)
            .WithSummary("Turn alerts on or off: {\"enabled\": false} (or ?enabled=false). Kept across restarts.");
        g.MapGet("/active-alerts", (string? severity, string? symbol, int? limit, CopilotService copilot, CancellationToken ct) =>
                ListAsync(copilot, "new", severity, symbol, null, limit, ct))
            .WithSummary("Alerts not yet acknowledged, newest first (?severity=critical&symbol=BTC&limit=50).");
        g.MapGet("/alerts", (string? state, string? severity, string? symbol, int? ruleId, int? limit, CopilotService copilot, CancellationToken ct) =>
                ListAsync(copilot, state, severity, symbol, ruleId, limit, ct))
            .WithSummary("Every stored alert, newest first (?state=new|acknowledged&severity=&symbol=&ruleId=&limit=).");
        g.MapPost("/alerts/{id:long}/acknowledge", async (long id, CopilotService copilot, CancellationToken ct) =>
                await copilot.AcknowledgeAsync(id, ct) ? Results.NoContent() : ApiProblems.NotFound($"Alert #{id} does not exist."))
            .WithSummary("Acknowledge one alert.");
        g.MapPost("/alerts/acknowledge-all", async (long? up_to, CopilotService copilot, CancellationToken ct) =>
                OriginalJson.Ok(new { acknowledged = await copilot.AcknowledgeAllAsync(new AlertFilter { UpToId = up_to }, ct) }))
            .WithSummary("Acknowledge every new alert, or with ?up_to=ID only those up to the newest one you have seen (an alert raised since stays new).");
        g.MapGet("/rules", (CopilotService copilot) => OriginalJson.Ok(copilot.Rules.Select(Rule)))
            .WithSummary("Alert rules.");
        g.MapPost("/rules", async (AlertRuleRequest body, CopilotService copilot, CancellationToken ct) =>
        {
            var (rule, problem) = Parse(body, null);
            if (problem is not null) return problem;
            try
            {
                var saved = await copilot.AddRuleAsync(rule!, ct);
                return Results.Json(Rule(saved), OriginalJson.Options, statusCode: StatusCodes.Status201Created);
            }
            catch (ArgumentException ex)
            {
                return ApiProblems.Field("rule", ex.Message);
            }
        }).WithSummary("Create a rule: {\"name\": \"BTC above 70k\", \"kind\": \"price-cross\", \"symbol\": \"BTC\", \"params\": {\"level\": 70000, \"direction\": \"above\"}, \"severity\": \"warning\", \"cooldown_seconds\": 300, \"action\": \"none|pause|close\", \"instance_id\": null, \"webhook_url\": null}. Kinds: " + AlertKinds.All + ".");
        g.MapPut("/rules/{id:int}", async (int id, AlertRuleRequest body, CopilotService copilot, CancellationToken ct) =>
        {
            var existing = copilot.Rules.FirstOrDefault(r => r.Id == id);
            if (existing is null) return ApiProblems.NotFound($"Rule #{id} does not exist.");
            var (rule, problem) = Parse(body, existing);
            if (problem is not null) return problem;
            try
            {
                return await copilot.UpdateRuleAsync(rule! with { Id = id }, ct) ? OriginalJson.Ok(Rule(rule! with { Id = id })) : ApiProblems.NotFound($"Rule #{id} does not exist.");
            }
            catch (ArgumentException ex)
            {
                return ApiProblems.Field("rule", ex.Message);
            }
        }).WithSummary("Change a rule (fields left out keep their value; \"webhook_url\": \"\" removes the webhook).");
        g.MapPost("/rules/{id:int}/enable", async (int id, CopilotService copilot, CancellationToken ct) =>
            await copilot.SetRuleEnabledAsync(id, true, ct) ? Results.NoContent() : ApiProblems.NotFound($"Rule #{id} does not exist.")).WithSummary("Enable a rule.");
        g.MapPost("/rules/{id:int}/disable", async (int id, CopilotService copilot, CancellationToken ct) =>
            await copilot.SetRuleEnabledAsync(id, false, ct) ? Results.NoContent() : ApiProblems.NotFound($"Rule #{id} does not exist.")).WithSummary("Disable a rule.");
        g.MapDelete("/rules/{id:int}", async (int id, CopilotService copilot, CancellationToken ct) =>
            await copilot.DeleteRuleAsync(id, ct) ? Results.NoContent() : ApiProblems.NotFound($"Rule #{id} does not exist.")).WithSummary("Delete a rule (its alerts stay).");
        return app;
    }

    private static async Task<IResult> EnableAsync(bool? enabled, EnableAlertsRequest? body, CopilotService copilot, CancellationToken ct)
    {
        enabled ??= body?.Enabled;
        if (enabled is null) return ApiProblems.Field("enabled", "Say {\"enabled\": true} or {\"enabled\": false} (or ?enabled=false).");
        await copilot.SetEnabledAsync(enabled.Value, ct);
        return OriginalJson.Ok(Status(copilot.Status()));
    }

    private static async Task<IResult> ListAsync(CopilotService copilot, string? state, string? severity, string? symbol, int? ruleId, int? limit, CancellationToken ct)
    {
        if (state is { Length: > 0 } && state is not ("new" or "acknowledged")) return ApiProblems.Field("state", $"state must be 'new' or 'acknowledged', got '{state}'.");
        AlertSeverity? sev = null;
        if (severity is { Length: > 0 })
        {
            if (!Enum.TryParse<AlertSeverity>(severity, true, out var s) || int.TryParse(severity, out _))
                return ApiProblems.Field("severity", $"severity must be info, warning or critical, got '{severity}'.");
            sev = s;
        }
        string? code = symbol is { Length: > 0 } ? Symbol.TryParse(symbol, out var sy) ? sy.Code : symbol.ToUpperInvariant() : null;
        if (limit is < 1 or > 5000) return ApiProblems.Field("limit", $"limit must be between 1 and 5000, got {limit}.");
        if (symbol is { Length: > 32 }) return ApiProblems.Field("symbol", "symbol is at most 32 characters long.");
        var alerts = await copilot.AlertsAsync(new AlertFilter(state, sev, code, ruleId, limit ?? 200), ct);
        return OriginalJson.Ok(new { count = alerts.Count, alerts = alerts.Select(Alert) });
    }

    /// <summary>An alert as the API and the WebSocket send it.</summary>
    public static object Alert(StoredAlert s) => new
    {
        id = s.Id,
        time = s.Alert.Time,
        severity = s.Alert.Severity,
        kind = s.Alert.Kind.Id(),
        rule_id = s.Alert.RuleId,
        rule = s.Alert.RuleName,
        coin = s.Alert.Symbol,
        strategy_id = s.Alert.InstanceId,
        strategy = s.Alert.StrategyId,
        message = s.Alert.Message,
        value = s.Alert.Value,
        threshold = s.Alert.Threshold,
        action_taken = s.ActionTaken,
        state = s.State,
        acknowledged_at = s.AcknowledgedAt,
    };

    private static object Status(CopilotStatus s) => new
    {
        enabled = s.Enabled,
        status = s.Enabled ? "watching" : "alerts off",
        rules = s.Rules,
        enabled_rules = s.EnabledRules,
        active_alerts = s.NewAlerts,
        last_alert = s.LastAlert,
        inputs_evaluated = s.InputsEvaluated,
        backlog = s.Backlog,
        skipped_inputs = s.SkippedInputs,
        portfolio_drawdown_pct = s.PortfolioDrawdownPct,
        engine = s.Engine.ToString().ToLowerInvariant(),
        webhooks = new { sent = s.Webhooks.Sent, failed = s.Webhooks.Failed, dropped = s.Webhooks.Dropped, pending = s.Webhooks.Pending, last_error = s.Webhooks.LastError },
    };

    private static object Rule(AlertRule r) => new
    {
        id = r.Id,
        name = r.Name,
        kind = r.Kind.Id(),
        symbol = r.Symbol,
        instance_id = r.InstanceId,
        @params = r.Parameters.ToDictionary(p => p.Key, p => (object)(Name(p.Key, p.Value) ?? (object)p.Value)),
        severity = r.Severity,
        enabled = r.Enabled,
        cooldown_seconds = r.Cooldown.TotalSeconds,
        action = r.Action.ToString().ToLowerInvariant(),
        webhook = r.WebhookUrl is { } url ? WebhookSender.Redact(url) : null,
    };

    /// <summary>Builds a rule from the request; fields left out keep <paramref name="existing"/>'s values.</summary>
    private static (AlertRule? Rule, IResult? Problem) Parse(AlertRuleRequest body, AlertRule? existing)
    {
        AlertKind kind;
        if (body.Kind is { } kindText)
        {
            if (!AlertKinds.TryParse(kindText, out kind)) return (null, ApiProblems.Field("kind", $"Unknown kind '{kindText}'. Kinds: {AlertKinds.All}."));
        }
        else if (existing is not null) kind = existing.Kind;
        else return (null, ApiProblems.Field("kind", $"kind is required. Kinds: {AlertKinds.All}."));

        var parameters = new Dictionary<string, double>(existing?.Kind == kind ? existing.Parameters : new Dictionary<string, double>());
        foreach (var (name, value) in body.Params ?? [])
        {
            double? v = value.ValueKind switch
            {
                JsonValueKind.Number => value.GetDouble(),
                JsonValueKind.String => Word(name, value.GetString()!),
                _ => null,
            };
            if (v is null) return (null, ApiProblems.Field($"params.{name}", $"{name} must be a number (or above/below/either, buy/sell, uptrend/downtrend/range/volatile/any), got {value.GetRawText()}."));
            parameters[name.Replace("_", "").ToLowerInvariant() switch { "windowcandles" => "candles", var n => n }] = v.Value;
        }

        string? symbol = existing?.Symbol;
        if (body.SymbolGiven)
        {
            symbol = body.Symbol is null ? null : Symbol.TryParse(body.Symbol, out var s) ? s.Code : null;
            if (body.Symbol is not null && symbol is null) return (null, ApiProblems.Field("symbol", $"'{body.Symbol}' is not a coin such as BTC or BTCUSDT."));
        }
        int? instance = body.InstanceIdGiven ? body.InstanceId : existing?.InstanceId;
        var severity = body.Severity is { } sev ? Enum.Parse<AlertSeverity>(sev.Trim(), ignoreCase: true) : existing?.Severity ?? AlertSeverity.Warning;
        var action = body.Action is { } act ? Enum.Parse<RiskAction>(act.Trim(), ignoreCase: true) : existing?.Action ?? RiskAction.None;
        var cooldown = body.CooldownSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : existing?.Cooldown ?? TimeSpan.FromMinutes(5);
        string? webhook = body.WebhookUrlGiven ? body.WebhookUrl is { Length: > 0 } u ? u : null : existing?.WebhookUrl;

        return (new AlertRule
        {
            Id = existing?.Id ?? 0,
            Name = body.Name ?? existing?.Name ?? "",
            Kind = kind,
            Symbol = symbol,
            InstanceId = instance,
            Parameters = parameters,
            Severity = severity,
            Enabled = body.Enabled ?? existing?.Enabled ?? true,
            Cooldown = cooldown,
            Action = action,
            WebhookUrl = webhook,
        }, null);
    }

    /// <summary>The words of the direction, side and regime parameters; the first word of each value is the one shown.</summary>
    private static readonly (string Parameter, string Word, double Value)[] Words =
    [
        .. Enum.GetValues<MarketRegime>().SelectMany(r => RegimeWords(r).Select(w => ("to", w, AlertRule.RegimeParameter(r)))),
        ("to", "any", AlertRule.RegimeParameter(null)),
        ("direction", "above", 1), ("direction", "up", 1), ("direction", "below", -1), ("direction", "down", -1),
        ("direction", "either", 0), ("direction", "any", 0), ("direction", "both", 0),
        ("side", "buy", 1), ("side", "sell", -1), ("side", "either", 0), ("side", "any", 0), ("side", "both", 0),
    ];

    /// <summary>How a rule names a regime ("range" is shown, "ranging" understood too).</summary>
    private static string[] RegimeWords(MarketRegime regime) => regime switch
    {
        MarketRegime.Ranging => ["range", "ranging"],
        _ => [regime.ToString().ToLowerInvariant()],
    };

    /// <summary>The word for a direction, side or regime parameter (as a rule is written), or null for a plain number.</summary>
    private static string? Name(string parameter, double value) =>
        Words.FirstOrDefault(w => w.Parameter == parameter && w.Value == value).Word;

    /// <summary>A parameter given as text: one of its words (above, buy, range …) or a number.</summary>
    private static double? Word(string parameter, string text)
    {
        string t = text.Trim().ToLowerInvariant();
        bool regime = parameter.Equals("to", StringComparison.OrdinalIgnoreCase); // direction words serve any other parameter
        foreach (var w in Words)
            if (w.Word == t && (w.Parameter == "to") == regime) return w.Value;
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : null;
    }
}
