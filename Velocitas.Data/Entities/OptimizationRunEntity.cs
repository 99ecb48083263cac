namespace Velocitas.Data.Entities;

/// <summary>A saved optimisation: its settings, every combination's figures and the ranking.</summary>
public sealed class OptimizationRunEntity
{
    public int Id { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string Name { get; set; }
    /// <summary>"completed", "cancelled", "failed".</summary>
    public required string Status { get; set; }
    public required string SettingsJson { get; set; }
    public required string ResultsJson { get; set; }
    public string? RecommendationsJson { get; set; }
    public int Combinations { get; set; }
    public int Completed { get; set; }
    public string? Objective { get; set; }
    public string? BestSummary { get; set; }
    public double ElapsedSeconds { get; set; }
}
