using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Velocitas.Data.Entities;
using Velocitas.Engine.Copilot;

namespace Velocitas.Data.Storage;

/// <summary>A stored alert with its state.</summary>
/// <param name="Id">Stored id.</param>
/// <param name="Alert">The alert.</param>
/// <param name="State">"new" or "acknowledged".</param>
/// <param name="ActionTaken">What the rule did (paused/closed instances), if anything.</param>
/// <param name="AcknowledgedAt">When it was acknowledged.</param>
public sealed record StoredAlert(long Id, Alert Alert, string State, string? ActionTaken, DateTimeOffset? AcknowledgedAt);

/// <summary>Which stored alerts to list.</summary>
public sealed record AlertFilter(string? State = null, AlertSeverity? Severity = null, string? Symbol = null, int? RuleId = null, int Limit = 200)
{
    /// <summary>Only alerts up to this id (what a page showed): an alert raised after it was shown is not touched.</summary>
    public long? UpToId { get; init; }
}

/// <summary>Alert rules, raised alerts and the copilot's settings.</summary>
public sealed class AlertStore(IDbContextFactory<VelocitasDbContext> factory, TimeProvider clock)
{
    // ---------- rules ----------

    /// <summary>Every rule, in creation order.</summary>
    public async Task<IReadOnlyList<AlertRule>> RulesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.AlertRules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);
        return rows.Select(ToRule).ToList();
    }

    /// <summary>One rule, or null.</summary>
    public async Task<AlertRule?> RuleAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AlertRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is { } e ? ToRule(e) : null;
    }

    /// <summary>Stores a new rule; returns it with its id.</summary>
    public async Task<AlertRule> AddRuleAsync(AlertRule rule, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var entity = new AlertRuleEntity
        {
            Name = rule.Name.Trim(), Kind = rule.Kind.Id(), ParametersJson = "{}", Severity = "warning", CreatedAt = clock.GetUtcNow(),
        };
        Fill(entity, rule);
        db.AlertRules.Add(entity);
        await db.SaveChangesAsync(ct);
        return ToRule(entity);
    }

    /// <summary>Replaces a rule; false when it does not exist.</summary>
    public async Task<bool> UpdateRuleAsync(AlertRule rule, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var entity = await db.AlertRules.FirstOrDefaultAsync(r => r.Id == rule.Id, ct);
        if (entity is null) return false;
        Fill(entity, rule);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Deletes a rule (its alerts stay, with the rule's name); false when it does not exist.</summary>
    public async Task<bool> DeleteRuleAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AlertRules.Where(r => r.Id == id).ExecuteDeleteAsync(ct) > 0;
    }

    private void Fill(AlertRuleEntity e, AlertRule r)
    {
        e.Name = r.Name.Trim();
        e.Kind = r.Kind.Id();
        e.Symbol = string.IsNullOrWhiteSpace(r.Symbol) ? null : r.Symbol.Trim().ToUpperInvariant();
        e.StrategyInstanceId = r.InstanceId;
        e.ParametersJson = JsonSerializer.Serialize(r.Parameters);
        e.Severity = r.Severity.ToString().ToLowerInvariant();
        e.Enabled = r.Enabled;
        e.CooldownSeconds = r.Cooldown.TotalSeconds;
        e.Action = r.Action.ToString().ToLowerInvariant();
        e.WebhookUrl = string.IsNullOrWhiteSpace(r.WebhookUrl) ? null : r.WebhookUrl.Trim();
        e.UpdatedAt = clock.GetUtcNow();
    }

    private static AlertRule ToRule(AlertRuleEntity e) => new()
    {
        Id = e.Id,
        Name = e.Name,
        Kind = AlertKinds.TryParse(e.Kind, out var k) ? k : AlertKind.PriceCross,
        Symbol = e.Symbol,
        InstanceId = e.StrategyInstanceId,
        Parameters = JsonSerializer.Deserialize<Dictionary<string, double>>(e.ParametersJson) ?? [],
        Severity = Enum.TryParse<AlertSeverity>(e.Severity, true, out var s) ? s : AlertSeverity.Warning,
        Enabled = e.Enabled,
        Cooldown = TimeSpan.FromSeconds(e.CooldownSeconds),
        Action = Enum.TryParse<RiskAction>(e.Action, true, out var a) ? a : RiskAction.None,
        WebhookUrl = e.WebhookUrl,
    };

    // ---------- alerts ----------

    /// <summary>Stores alerts in one transaction; returns them with their ids.</summary>
    public async Task<IReadOnlyList<StoredAlert>> AddAsync(IReadOnlyList<(Alert Alert, string? ActionTaken)> alerts, CancellationToken ct = default)
    {
        if (alerts.Count == 0) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var entities = alerts.Select(a => new AlertEntity
        {
            Time = a.Alert.Time, RuleId = a.Alert.RuleId, RuleName = a.Alert.RuleName, Severity = a.Alert.Severity.ToString().ToLowerInvariant(),
            Kind = a.Alert.Kind.Id(), Symbol = a.Alert.Symbol, StrategyInstanceId = a.Alert.InstanceId, StrategyId = a.Alert.StrategyId,
            Message = a.Alert.Message, Value = a.Alert.Value, Threshold = a.Alert.Threshold, ActionTaken = a.ActionTaken, State = "new",
        }).ToList();
        db.Alerts.AddRange(entities);
        await db.SaveChangesAsync(ct);
        return entities.Select(ToStored).ToList();
    }

    /// <summary>Alerts matching <paramref name="filter"/>, newest first.</summary>
    public async Task<IReadOnlyList<StoredAlert>> ListAsync(AlertFilter? filter = null, CancellationToken ct = default)
    {
        filter ??= new AlertFilter();
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await Where(db.Alerts.AsNoTracking(), filter).OrderByDescending(a => a.Time).ThenByDescending(a => a.Id)
            .Take(Math.Clamp(filter.Limit, 1, 5000)).ToListAsync(ct);
        return rows.Select(ToStored).ToList();
    }

    /// <summary>How many alerts are still new (not acknowledged).</summary>
    public async Task<int> CountNewAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Alerts.CountAsync(a => a.State == "new", ct);
    }

    /// <summary>Acknowledges one alert; false when it does not exist.</summary>
    public async Task<bool> AcknowledgeAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        int found = await db.Alerts.CountAsync(a => a.Id == id, ct);
        await db.Alerts.Where(a => a.Id == id && a.State == "new").ExecuteUpdateAsync(s => s.SetProperty(a => a.State, "acknowledged").SetProperty(a => a.AcknowledgedAt, now), ct);
        return found > 0;
    }

    /// <summary>Acknowledges every new alert matching the filter; returns how many.</summary>
    public async Task<int> AcknowledgeAllAsync(AlertFilter? filter = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        return await Where(db.Alerts, (filter ?? new AlertFilter()) with { State = "new" })
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, "acknowledged").SetProperty(a => a.AcknowledgedAt, now), ct);
    }

    /// <summary>The newest alert of each rule and coin/instance (to restore cool-downs after a restart).</summary>
    public async Task<IReadOnlyList<Alert>> LatestPerRuleAsync(TimeSpan within, CancellationToken ct = default)
    {
        var since = clock.GetUtcNow() - within;
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Alerts.AsNoTracking().Where(a => a.RuleId != null && a.Time >= since).ToListAsync(ct);
        return rows.GroupBy(a => (a.RuleId, a.Symbol, a.StrategyInstanceId)).Select(g => ToStored(g.OrderByDescending(a => a.Time).First()).Alert).ToList();
    }

    private static IQueryable<AlertEntity> Where(IQueryable<AlertEntity> q, AlertFilter f)
    {
        if (f.State is { Length: > 0 } state) q = q.Where(a => a.State == state);
        if (f.Severity is { } sev)
        {
            string s = sev.ToString().ToLowerInvariant();
            q = q.Where(a => a.Severity == s);
        }
        if (f.Symbol is { Length: > 0 } symbol) q = q.Where(a => a.Symbol == symbol.ToUpper());
        if (f.RuleId is { } rule) q = q.Where(a => a.RuleId == rule);
        if (f.UpToId is { } upTo) q = q.Where(a => a.Id <= upTo);
        return q;
    }

    private static StoredAlert ToStored(AlertEntity e) => new(e.Id,
        new Alert(e.Time, e.RuleId ?? 0, e.RuleName, AlertKinds.TryParse(e.Kind, out var k) ? k : AlertKind.PriceCross,
            Enum.TryParse<AlertSeverity>(e.Severity, true, out var s) ? s : AlertSeverity.Warning, e.Symbol, e.StrategyInstanceId, e.StrategyId, e.Message, e.Value, e.Threshold),
        e.State, e.ActionTaken, e.AcknowledgedAt);

    // ---------- settings ----------

    /// <summary>A setting's value, or null.</summary>
    public async Task<string?> SettingAsync(string key, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct))?.Value;
    }

    /// <summary>Stores a setting.</summary>
    public async Task SetSettingAsync(string key, string value, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.Settings.FirstOrDefaultAsync(s => s.Key == key, ct);
        if (row is null) db.Settings.Add(new AppSettingEntity { Key = key, Value = value });
        else row.Value = value;
        await db.SaveChangesAsync(ct);
    }
}
