using System.Collections.Concurrent;
using System.Text;
using Velocitas.Compiler;
using Velocitas.Data.Storage;
using Velocitas.Engine.Live;
using Velocitas.Engine.Strategies;

namespace Velocitas.Web.Services;

/// <summary>What saving a user strategy did: the saved version, or why it was refused.</summary>
/// <param name="Version">The version saved (null when refused).</param>
/// <param name="Diagnostics">Compiler messages (errors refuse the save; warnings are kept).</param>
/// <param name="Problem">A refusal that is not a compile error (unknown strategy, bad name...).</param>
public sealed record UserStrategyOutcome(UserStrategyVersion? Version, IReadOnlyList<CompileDiagnostic> Diagnostics, string? Problem = null)
{
    /// <summary>True when a version was saved.</summary>
    public bool Saved => Version is not null;
}

/// <summary>
/// User strategies end to end: compiles and saves versions, registers the newest version of each in the strategy
/// catalogue (so Backtest, Optimization, Portfolio, Live and the API offer it beside the built-ins) and loads older
/// versions on demand (a live instance restored after a restart runs exactly the version it ran). Starts before the
/// live engine so restored instances find their strategies. Versions that are neither a strategy's latest nor run by a
/// live instance are unloaded (<see cref="SweepUnused"/>: after each save and delete, and every <see cref="SweepInterval"/>);
/// a backtest or optimisation still running one keeps its code alive until it ends, then the runtime frees it.
/// </summary>
public sealed class UserStrategyService(UserStrategyStore store, LiveEngine live, TimeProvider clock, ILogger<UserStrategyService> logger) : IHostedService, IDisposable
{
    /// <summary>Largest source accepted.</summary>
    public const int MaxSourceLength = 200_000;

    /// <summary>How often versions nobody uses any more are unloaded.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, CompiledStrategy> _loaded = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _sweepGate = new();
    private ITimer? _sweeper;
    private volatile bool _stopped;

    /// <summary>Ids of the versions loaded now (<c>my-sma@3</c>).</summary>
    public IReadOnlyCollection<string> LoadedVersions => _loaded.Keys.ToList();

    /// <summary>
    /// Unloads every loaded version that is not its strategy's latest and that no live instance runs; returns their ids.
    /// A run that still uses one keeps it alive until it ends (the runtime frees a load context once nothing refers to it).
    /// </summary>
    public IReadOnlyList<string> SweepUnused()
    {
        lock (_sweepGate)
        {
            var running = live.PublishSnapshot().Instances.Select(i => i.StrategyId).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var unloaded = new List<string>();
            foreach (var (id, compiled) in _loaded)
            {
                if (running.Contains(id) || !StrategyCatalog.UnregisterVersion(id)) continue;
                if (_loaded.TryRemove(id, out _) && !compiled.IsUnloaded) compiled.Unload();
                unloaded.Add(id);
            }
            if (unloaded.Count > 0) logger.LogInformation("Unloaded user strategy version(s) nobody uses: {Versions}", string.Join(", ", unloaded));
            return unloaded;
        }
    }

    /// <summary>Compiles without saving (the Lab's compile-as-you-type); the loaded version is unloaded right away.</summary>
    public CompileResult Check(string source, string file = "Strategy.cs")
    {
        var result = StrategyCompiler.Compile(source, file);
        result.Strategy?.Unload();
        return result;
    }

    /// <summary>Compiles and stores a new strategy (version 1) and offers it everywhere.</summary>
    public async Task<UserStrategyOutcome> CreateAsync(string name, string source, CancellationToken ct = default)
    {
        if (NameProblem(name) is { } bad) return new UserStrategyOutcome(null, [], bad);
        if (SourceProblem(source) is { } big) return new UserStrategyOutcome(null, [], big);
        var compiled = StrategyCompiler.Compile(source, FileName(name));
        if (compiled.Strategy is not { } strategy) return new UserStrategyOutcome(null, compiled.Diagnostics);
        string key = await FreeKeyAsync(name.Trim(), ct);
        var version = await store.CreateAsync(key, name.Trim(), source, strategy.ClassName, ct);
        _names[key] = version.Name;
        Register(version, strategy, latest: true);
        return new UserStrategyOutcome(version, compiled.Diagnostics);
    }

    /// <summary>Compiles and stores a new version of <paramref name="key"/>, which runs from now on (running instances keep theirs).</summary>
    public async Task<UserStrategyOutcome> UpdateAsync(string key, string source, CancellationToken ct = default)
    {
        if (SourceProblem(source) is { } big) return new UserStrategyOutcome(null, [], big);
        var current = await store.VersionAsync(key, ct: ct);
        if (current is null) return new UserStrategyOutcome(null, [], $"There is no user strategy '{key}'.");
        var compiled = StrategyCompiler.Compile(source, FileName(current.Name));
        if (compiled.Strategy is not { } strategy) return new UserStrategyOutcome(null, compiled.Diagnostics);
        var version = await store.AddVersionAsync(key, source, strategy.ClassName, ct);
        if (version is null)
        {
            strategy.Unload();
            return new UserStrategyOutcome(null, [], $"There is no user strategy '{key}'.");
        }
        Register(version, strategy, latest: true);
        SweepUnused(); // the version before is no longer the latest: unloaded unless a live instance runs it
        return new UserStrategyOutcome(version, compiled.Diagnostics);
    }

    /// <summary>Renames a strategy; null when done, else why not.</summary>
    public async Task<string?> RenameAsync(string key, string name, CancellationToken ct = default)
    {
        if (NameProblem(name) is { } bad) return bad;
        if (!await store.RenameAsync(key, name.Trim(), ct)) return $"There is no user strategy '{key}'.";
        _names[key] = name.Trim();
        if (await store.VersionAsync(key, ct: ct) is { } latest && StrategyCatalog.TryGet(latest.VersionId, out var definition) && definition.Class is { } cls)
            StrategyCatalog.Register(key, StrategyDefinition.FromClass(cls.Type, latest.VersionId, DisplayName(latest), StrategyStyle.Custom, Description(latest), guarded: true));
        return null;
    }

    /// <summary>Deletes a strategy; null when done, else why not (unknown, or a live instance runs it).</summary>
    public async Task<string?> DeleteAsync(string key, CancellationToken ct = default)
    {
        var running = live.PublishSnapshot().Instances.Where(i => i.StrategyId.StartsWith(key + "@", StringComparison.OrdinalIgnoreCase)).ToList();
        if (running.Count > 0)
            return $"'{key}' cannot be deleted while live instance(s) {string.Join(", ", running.Select(i => $"#{i.Id} ({i.StrategyId} on {i.Symbol})"))} run it; remove them first.";
        if (!await store.DeleteAsync(key, ct)) return $"There is no user strategy '{key}'.";
        StrategyCatalog.Unregister(key);
        _names.TryRemove(key, out _);
        foreach (string id in _loaded.Keys.Where(id => id.StartsWith(key + "@", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            if (_loaded.TryRemove(id, out var compiled) && !compiled.IsUnloaded) compiled.Unload();
        }
        return null;
    }

    /// <summary>Registers the newest version of every stored strategy and the resolver for older ones.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // chained to any service started before in this process (tests run several apps at once): the first that knows the id answers
        var (resolver, names) = (StrategyCatalog.Resolver, StrategyCatalog.NameResolver);
        StrategyCatalog.Resolver = id => Resolve(id) ?? resolver?.Invoke(id);
        StrategyCatalog.NameResolver = id => NameOf(id) ?? names?.Invoke(id);
        foreach (var summary in await store.ListAsync(cancellationToken)) _names[summary.Key] = summary.Name;
        foreach (var version in await store.LatestVersionsAsync(cancellationToken))
        {
            var compiled = StrategyCompiler.Compile(version.Source, FileName(version.Name));
            if (compiled.Strategy is { } strategy) Register(version, strategy, latest: true);
            else logger.LogWarning("User strategy {Id} no longer compiles: {Error}", version.VersionId, compiled.Errors.FirstOrDefault());
        }
        _sweeper = clock.CreateTimer(_ => SweepQuietly(), null, SweepInterval, SweepInterval);
    }

    private void SweepQuietly()
    {
        try
        {
            SweepUnused();
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException)
        {
            logger.LogDebug(ex, "Sweep of unused strategy versions skipped");
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        _sweeper?.Dispose();
        _sweeper = null;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopped = true;
        _sweeper?.Dispose();
    }

    /// <summary>"My SMA v3" for "my-sma@3" from the stored names (nothing compiled); "my-sma@3 (deleted)" for a deleted strategy.</summary>
    private string? NameOf(string id)
    {
        int at = id.LastIndexOf('@');
        if (_stopped || at <= 0 || !int.TryParse(id.AsSpan(at + 1), out int number)) return null;
        return _names.TryGetValue(id[..at], out string? name) ? $"{name} v{number}" : null;
    }

    /// <summary>The display name of a version: "My SMA v3".</summary>
    public static string DisplayName(UserStrategyVersion v) => $"{v.Name} v{v.Number}";

    private static string Description(UserStrategyVersion v) => $"Written in the Lab ({v.ClassName}, version {v.Number}).";

    private StrategyDefinition? Resolve(string id)
    {
        if (_stopped) return null;
        int at = id.LastIndexOf('@');
        if (at <= 0 || !int.TryParse(id.AsSpan(at + 1), out int number)) return null;
        var version = store.VersionAsync(id[..at], number).GetAwaiter().GetResult();
        if (version is null) return null;
        var compiled = StrategyCompiler.Compile(version.Source, FileName(version.Name));
        return compiled.Strategy is { } strategy ? Register(version, strategy, latest: false) : null;
    }

    private StrategyDefinition Register(UserStrategyVersion version, CompiledStrategy strategy, bool latest)
    {
        var definition = strategy.Define(version.VersionId, DisplayName(version), StrategyStyle.Custom, Description(version));
        // a version loaded again (after a sweep) replaces the old copy, which the runtime frees once its last run ends
        if (_loaded.TryGetValue(version.VersionId, out var before) && !ReferenceEquals(before, strategy) && !before.IsUnloaded) before.Unload();
        _loaded[version.VersionId] = strategy;
        if (latest) StrategyCatalog.Register(version.Key, definition);
        else StrategyCatalog.RegisterVersion(definition);
        return definition;
    }

    private async Task<string> FreeKeyAsync(string name, CancellationToken ct)
    {
        var sb = new StringBuilder();
        foreach (char c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        string stem = sb.ToString().Trim('-');
        if (stem.Length == 0) stem = "strategy";
        if (stem.Length > 50) stem = stem[..50].TrimEnd('-');
        string key = stem;
        for (int n = 2; StrategyCatalog.BuiltIn.Any(b => b.Id == key) || await store.ExistsAsync(key, ct); n++) key = $"{stem}-{n}";
        return key;
    }

    private static string FileName(string name) => new string(name.Where(char.IsAsciiLetterOrDigit).ToArray()) is { Length: > 0 } s ? s + ".cs" : "Strategy.cs";

    private static string? NameProblem(string? name) => string.IsNullOrWhiteSpace(name)
        ? "name is required (e.g. \"My SMA\")."
        : name.Trim().Length > 100 ? $"name must be at most 100 characters (was {name.Trim().Length})." : null;

    private static string? SourceProblem(string? source) => string.IsNullOrWhiteSpace(source)
        ? "source is required: a C# file with one public class deriving from Strategy."
        : source.Length > MaxSourceLength ? $"source must be at most {MaxSourceLength} characters (was {source.Length})." : null;
}
