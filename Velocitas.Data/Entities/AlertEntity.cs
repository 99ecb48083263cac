namespace Velocitas.Data.Entities;

/// <summary>An alert raised by the copilot.</summary>
public sealed class AlertEntity
{
    public long Id { get; set; }
    public DateTimeOffset Time { get; set; }
    public int? RuleId { get; set; }
    public string RuleName { get; set; } = "";
    /// <summary>"info", "warning", "critical".</summary>
    public required string Severity { get; set; }
    public required string Kind { get; set; }
    public string? Symbol { get; set; }
    public int? StrategyInstanceId { get; set; }
    public string? StrategyId { get; set; }
    public required string Message { get; set; }
    public double? Value { get; set; }
    public double? Threshold { get; set; }
    /// <summary>What the rule did: "paused #3", "closed #3", or null.</summary>
    public string? ActionTaken { get; set; }
    /// <summary>"new" or "acknowledged".</summary>
    public required string State { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
}

/// <summary>A user's alert rule.</summary>
public sealed class AlertRuleEntity
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Kind { get; set; }
    public string? Symbol { get; set; }
    public int? StrategyInstanceId { get; set; }
    public required string ParametersJson { get; set; }
    public required string Severity { get; set; }
    public bool Enabled { get; set; } = true;
    public double CooldownSeconds { get; set; } = 300;
    /// <summary>"none", "pause", "close".</summary>
    public string Action { get; set; } = "none";
    public string? WebhookUrl { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A named application setting (e.g. whether copilot alerts are on).</summary>
public sealed class AppSettingEntity
{
    public required string Key { get; set; }
    public required string Value { get; set; }
}
