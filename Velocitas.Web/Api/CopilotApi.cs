using System.Globalization;
using System.Text.Json;
using Velocitas.Data.Storage;
using Velocitas.Engine.Copilot;
using Velocitas.Engine.Market;
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
        g.MapPost("/alerts/acknowledge-all", async (CopilotService copilot, CancellationToken ct) =>
                OriginalJson.Ok(new { acknowledged = await copilot.AcknowledgeAllAsync(ct: ct) }))
            .WithSummary("Acknowledge every new alert.");
        g.MapGet("/rules", (CopilotService copilot) => OriginalJson.Ok(copilot.Rules.Select(Rule)))
            .WithSummary("Alert rules.");
        g.MapPost("/rules", async (JsonElement body, CopilotService copilot, CancellationToken ct) =>
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
        g.MapPut("/rules/{id:int}", async (int id, JsonElement body, CopilotService copilot, CancellationToken ct) =>
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

    private static async Task<IResult> EnableAsync(HttpRequest request, CopilotService copilot, CancellationToken ct)
    {
        bool? enabled = bool.TryParse(request.Query["enabled"].FirstOrDefault(), out bool q) ? q : null;
        if (enabled is null && (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0))
        {
            try
            {
                var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: ct);
                if (OriginalJson.Get(body, "enabled", "enable") is { ValueKind: JsonValueKind.True or JsonValueKind.False } e) enabled = e.GetBoolean();
            }
            catch (JsonException ex)
            {
                return ApiProblems.Field("body", $"The body is not valid JSON: {ex.Message}");
            }
        }
        if (enabled is null) return ApiProblems.Field("enabled", "Say {\"enabled\": true} or {\"enabled\": false} (or ?enabled=false).");
        await copilot.SetEnabledAsync(enabled.Value, ct);
        return OriginalJson.Ok(Status(await copilot.StatusAsync(ct)));
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
        var alerts = await copilot.AlertsAsync(new AlertFilter(state, sev, code, ruleId, Math.Clamp(limit ?? 200, 1, 5000)), ct);
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

    /// <summary>Builds a rule from JSON (snake_case or camelCase); fields left out keep <paramref name="existing"/>'s values.</summary>
    private static (AlertRule? Rule, IResult? Problem) Parse(JsonElement body, AlertRule? existing)
    {
        if (body.ValueKind != JsonValueKind.Object) return (null, ApiProblems.Field("body", "Send the rule as a JSON object."));
        string? Text(params string[] names) => OriginalJson.Get(body, names) is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

        AlertKind kind;
        string? kindText = Text("kind", "type");
        if (kindText is not null)
        {
            if (!AlertKinds.TryParse(kindText, out kind)) return (null, ApiProblems.Field("kind", $"Unknown kind '{kindText}'. Kinds: {AlertKinds.All}."));
        }
        else if (existing is not null) kind = existing.Kind;
        else return (null, ApiProblems.Field("kind", $"kind is required. Kinds: {AlertKinds.All}."));

        var parameters = new Dictionary<string, double>(existing?.Kind == kind ? existing.Parameters : new Dictionary<string, double>());
        if (OriginalJson.Get(body, "params", "parameters") is { ValueKind: JsonValueKind.Object } p)
        {
            foreach (var prop in p.EnumerateObject())
            {
                double? v = prop.Value.ValueKind switch
                {
                    JsonValueKind.Number => prop.Value.GetDouble(),
                    JsonValueKind.String => Word(prop.Name, prop.Value.GetString()!),
                    _ => null,
                };
                if (v is null) return (null, ApiProblems.Field($"params.{prop.Name}", $"{prop.Name} must be a number (or above/below/either, buy/sell, uptrend/downtrend/range/volatile/any), got {prop.Value.GetRawText()}."));
                parameters[prop.Name.Replace("_", "").ToLowerInvariant() switch { "windowcandles" => "candles", var n => n }] = v.Value;
            }
        }

        string? symbol = existing?.Symbol;
        if (OriginalJson.Get(body, "symbol", "coin") is { } sym)
        {
            symbol = sym.ValueKind == JsonValueKind.Null ? null : Symbol.TryParse(sym.GetString(), out var s) ? s.Code : null;
            if (sym.ValueKind == JsonValueKind.String && symbol is null) return (null, ApiProblems.Field("symbol", $"'{sym.GetString()}' is not a coin such as BTC or BTCUSDT."));
        }
        int? instance = existing?.InstanceId;
        if (OriginalJson.Get(body, "instance_id", "strategy_id") is { } inst)
            instance = inst.ValueKind == JsonValueKind.Number ? inst.GetInt32() : null;

        var severity = existing?.Severity ?? AlertSeverity.Warning;
        if (Text("severity") is { } sevText && !Enum.TryParse(sevText, true, out severity))
            return (null, ApiProblems.Field("severity", $"severity must be info, warning or critical, got '{sevText}'."));
        var action = existing?.Action ?? RiskAction.None;
        if (Text("action") is { } actionText && !Enum.TryParse(actionText, true, out action))
            return (null, ApiProblems.Field("action", $"action must be none, pause or close, got '{actionText}'."));
        var cooldown = existing?.Cooldown ?? TimeSpan.FromMinutes(5);
        if (OriginalJson.Get(body, "cooldown_seconds", "cooldown") is { ValueKind: JsonValueKind.Number } cd) cooldown = TimeSpan.FromSeconds(cd.GetDouble());
        string? webhook = existing?.WebhookUrl;
        if (OriginalJson.Get(body, "webhook_url", "webhook") is { } wh) webhook = wh.ValueKind == JsonValueKind.String && wh.GetString() is { Length: > 0 } u ? u : null;
        bool enabled = OriginalJson.Get(body, "enabled") is { ValueKind: JsonValueKind.True or JsonValueKind.False } en ? en.GetBoolean() : existing?.Enabled ?? true;

        return (new AlertRule
        {
            Id = existing?.Id ?? 0,
            Name = Text("name") ?? existing?.Name ?? "",
            Kind = kind,
            Symbol = symbol,
            InstanceId = instance,
            Parameters = parameters,
            Severity = severity,
            Enabled = enabled,
            Cooldown = cooldown,
            Action = action,
            WebhookUrl = webhook,
        }, null);
    }

    /// <summary>The words of the direction, side and regime parameters; the first word of each value is the one shown.</summary>
    private static readonly (string Parameter, string Word, double Value)[] Words =
    [
        ("to", "uptrend", 0), ("to", "downtrend", 1), ("to", "range", 2), ("to", "ranging", 2), ("to", "volatile", 3), ("to", "any", -1),
        ("direction", "above", 1), ("direction", "up", 1), ("direction", "below", -1), ("direction", "down", -1),
        ("direction", "either", 0), ("direction", "any", 0), ("direction", "both", 0),
        ("side", "buy", 1), ("side", "sell", -1), ("side", "either", 0), ("side", "any", 0), ("side", "both", 0),
    ];

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
