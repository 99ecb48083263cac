namespace Velocitas.Data.Entities;

/// <summary>An alert the copilot raised.</summary>
public sealed class AlertEntity
{
    public long Id { get; set; }
    public DateTimeOffset Time { get; set; }
    public int? RuleId { get; set; }
    /// <summary>"info", "warning", "critical".</summary>
    public required string Severity { get; set; }
    public required string Kind { get; set; }
    public string? Symbol { get; set; }
    public int? StrategyInstanceId { get; set; }
    public required string Message { get; set; }
    /// <summary>"new" or "acknowledged".</summary>
    public required string State { get; set; }
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
}
