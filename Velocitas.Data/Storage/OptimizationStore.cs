using Microsoft.EntityFrameworkCore;
using Velocitas.Data.Entities;
using Velocitas.Engine.Optimization;

namespace Velocitas.Data.Storage;

/// <summary>Saved optimisations: save (complete or cancelled), list, open, delete.</summary>
public sealed class OptimizationStore(IDbContextFactory<VelocitasDbContext> factory, TimeProvider clock)
{
    /// <summary>Saves a finished (or cancelled) optimisation; returns it as stored.</summary>
    public async Task<OptimizationRunDetails> SaveAsync(string name, OptimizationSettingsRecord settings, OptimizationResult result, CancellationToken ct = default)
    {
        var (combinations, walkForward, recommendations) = OptimizationRecords.From(result);
        var best = result.Best;
        var entity = new OptimizationRunEntity
        {
            CreatedAt = clock.GetUtcNow(),
            Name = string.IsNullOrWhiteSpace(name) ? "Optimization" : name.Trim(),
            Status = result.Cancelled ? "cancelled" : "completed",
            SettingsJson = VelocitasJson.Serialize(settings),
            ResultsJson = VelocitasJson.Serialize(new StoredResults(combinations, walkForward, result.CandleEvaluations, result.IndicatorSeries, result.Total)),
            RecommendationsJson = VelocitasJson.Serialize(recommendations),
            Combinations = result.Total,
            Completed = result.Combinations.Count,
            Objective = result.Objective.ToString().ToLowerInvariant(),
            BestSummary = best is null ? null : $"{best.StrategyId} ({best.Parameters}) on {best.Symbol}: {result.Objective.Label()} {best.Objective:0.00}",
            ElapsedSeconds = result.Elapsed.TotalSeconds,
        };
        await using var db = await factory.CreateDbContextAsync(ct);
        db.OptimizationRuns.Add(entity);
        await db.SaveChangesAsync(ct);
        return (await GetAsync(entity.Id, ct))!;
    }

    /// <summary>All saved optimisations, newest first.</summary>
    public async Task<IReadOnlyList<OptimizationRunSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.OptimizationRuns.AsNoTracking().OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Select(r => new OptimizationRunSummary(r.Id, r.CreatedAt, r.Name, r.Status, r.Combinations, r.Completed, r.Objective, r.BestSummary, r.ElapsedSeconds))
            .ToListAsync(ct);
    }

    /// <summary>The most recent saved optimisation, or null.</summary>
    public async Task<OptimizationRunDetails?> LatestAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        int? id = await db.OptimizationRuns.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        return id is { } i ? await GetAsync(i, ct) : null;
    }

    /// <summary>One saved optimisation, or null.</summary>
    public async Task<OptimizationRunDetails?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var e = await db.OptimizationRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (e is null) return null;
        var stored = VelocitasJson.Deserialize<StoredResults>(e.ResultsJson);
        return new OptimizationRunDetails(
            new OptimizationRunSummary(e.Id, e.CreatedAt, e.Name, e.Status, e.Combinations, e.Completed, e.Objective, e.BestSummary, e.ElapsedSeconds),
            VelocitasJson.Deserialize<OptimizationSettingsRecord>(e.SettingsJson),
            stored.Combinations,
            stored.WalkForward,
            e.RecommendationsJson is null ? [] : VelocitasJson.Deserialize<List<RecommendationRecord>>(e.RecommendationsJson),
            stored.CandleEvaluations,
            stored.IndicatorSeries,
            stored.Total,
            e.Status == "cancelled");
    }

    /// <summary>Deletes a saved optimisation; false when it does not exist.</summary>
    public async Task<bool> DeleteAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.OptimizationRuns.Where(r => r.Id == id).ExecuteDeleteAsync(ct) > 0;
    }

    private sealed record StoredResults(IReadOnlyList<CombinationRecord> Combinations, IReadOnlyList<WalkForwardChoiceRecord> WalkForward, long CandleEvaluations, int IndicatorSeries, int Total);
}
