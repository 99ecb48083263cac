using Microsoft.EntityFrameworkCore;
using Velocitas.Data.Entities;

namespace Velocitas.Data.Storage;

/// <summary>A user strategy as listed: its key, name and latest version.</summary>
/// <param name="Key">Catalogue key (<c>my-sma</c>).</param>
/// <param name="Name">Display name.</param>
/// <param name="LatestVersion">Number of the newest version.</param>
/// <param name="ClassName">Class of the newest version.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record UserStrategySummary(string Key, string Name, int LatestVersion, string ClassName, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The id its newest version runs under (<c>my-sma@3</c>).</summary>
    public string VersionId => $"{Key}@{LatestVersion}";
}

/// <summary>One stored version.</summary>
/// <param name="Key">The strategy's key.</param>
/// <param name="Name">The strategy's display name.</param>
/// <param name="Number">Version number.</param>
/// <param name="Source">The C# source.</param>
/// <param name="ClassName">The class deriving from Strategy.</param>
/// <param name="CreatedAt">When it was saved.</param>
public sealed record UserStrategyVersion(string Key, string Name, int Number, string Source, string ClassName, DateTimeOffset CreatedAt)
{
    /// <summary>The id this version runs under (<c>my-sma@3</c>).</summary>
    public string VersionId => $"{Key}@{Number}";
}

/// <summary>Strategies written in the Lab; every save adds an immutable version.</summary>
public sealed class UserStrategyStore(IDbContextFactory<VelocitasDbContext> factory, TimeProvider clock)
{
    /// <summary>Every user strategy, by name.</summary>
    public async Task<IReadOnlyList<UserStrategySummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.UserStrategies.AsNoTracking()
            .Select(s => new { s.Key, s.Name, s.CreatedAt, s.UpdatedAt, Latest = s.Versions.OrderByDescending(v => v.Number).Select(v => new { v.Number, v.ClassName }).First() })
            .ToListAsync(ct);
        return rows.Select(r => new UserStrategySummary(r.Key, r.Name, r.Latest.Number, r.Latest.ClassName, r.CreatedAt, r.UpdatedAt))
            .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The numbers and dates of every version of <paramref name="key"/>, newest first; empty when unknown.</summary>
    public async Task<IReadOnlyList<(int Number, DateTimeOffset CreatedAt)>> VersionsAsync(string key, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.UserStrategyVersions.AsNoTracking()
            .Where(v => db.UserStrategies.Any(s => s.Key == key && s.Id == v.UserStrategyId))
            .OrderByDescending(v => v.Number).Select(v => new { v.Number, v.CreatedAt }).ToListAsync(ct);
        return rows.Select(r => (r.Number, r.CreatedAt)).ToList();
    }

    /// <summary>A version (the newest when <paramref name="number"/> is null), or null.</summary>
    public async Task<UserStrategyVersion?> VersionAsync(string key, int? number = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var strategy = await db.UserStrategies.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct);
        if (strategy is null) return null;
        var query = db.UserStrategyVersions.AsNoTracking().Where(v => v.UserStrategyId == strategy.Id);
        var version = number is { } n
            ? await query.FirstOrDefaultAsync(v => v.Number == n, ct)
            : await query.OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        return version is null ? null : new UserStrategyVersion(strategy.Key, strategy.Name, version.Number, version.Source, version.ClassName, version.CreatedAt);
    }

    /// <summary>The newest version of every user strategy.</summary>
    public async Task<IReadOnlyList<UserStrategyVersion>> LatestVersionsAsync(CancellationToken ct = default)
    {
        var list = await ListAsync(ct);
        var versions = new List<UserStrategyVersion>(list.Count);
        foreach (var s in list)
            if (await VersionAsync(s.Key, s.LatestVersion, ct) is { } v) versions.Add(v);
        return versions;
    }

    /// <summary>True when a strategy has this key.</summary>
    public async Task<bool> ExistsAsync(string key, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.UserStrategies.AnyAsync(s => s.Key == key, ct);
    }

    /// <summary>Stores a new strategy with its first version.</summary>
    public async Task<UserStrategyVersion> CreateAsync(string key, string name, string source, string className, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var entity = new UserStrategyEntity { Key = key, Name = name, CreatedAt = now, UpdatedAt = now };
        entity.Versions.Add(new UserStrategyVersionEntity { Number = 1, Source = source, ClassName = className, CreatedAt = now });
        db.UserStrategies.Add(entity);
        await db.SaveChangesAsync(ct);
        return new UserStrategyVersion(key, name, 1, source, className, now);
    }

    /// <summary>Adds a version (the next number); null when the strategy does not exist.</summary>
    public async Task<UserStrategyVersion?> AddVersionAsync(string key, string source, string className, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var entity = await db.UserStrategies.FirstOrDefaultAsync(s => s.Key == key, ct);
        if (entity is null) return null;
        int next = await db.UserStrategyVersions.Where(v => v.UserStrategyId == entity.Id).MaxAsync(v => v.Number, ct) + 1;
        var now = clock.GetUtcNow();
        db.UserStrategyVersions.Add(new UserStrategyVersionEntity { UserStrategyId = entity.Id, Number = next, Source = source, ClassName = className, CreatedAt = now });
        entity.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return new UserStrategyVersion(key, entity.Name, next, source, className, now);
    }

    /// <summary>Renames a strategy (its key and versions stay); false when it does not exist.</summary>
    public async Task<bool> RenameAsync(string key, string name, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var entity = await db.UserStrategies.FirstOrDefaultAsync(s => s.Key == key, ct);
        if (entity is null) return false;
        entity.Name = name;
        entity.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Deletes a strategy and its versions; false when it does not exist. Saved runs keep their results.</summary>
    public async Task<bool> DeleteAsync(string key, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var entity = await db.UserStrategies.FirstOrDefaultAsync(s => s.Key == key, ct);
        if (entity is null) return false;
        db.UserStrategies.Remove(entity);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
