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
/// live engine so restored instances find their strategies.
/// </summary>
public sealed class UserStrategyService(UserStrategyStore store, LiveEngine live, ILogger<UserStrategyService> logger) : IHostedService
{
    /// <summary>Largest source accepted.</summary>
    public const int MaxSourceLength = 200_000;

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
        if (version is null) return new UserStrategyOutcome(null, [], $"There is no user strategy '{key}'.");
        Register(version, strategy, latest: true);
        return new UserStrategyOutcome(version, compiled.Diagnostics);
    }

    /// <summary>Renames a strategy; null when done, else why not.</summary>
    public async Task<string?> RenameAsync(string key, string name, CancellationToken ct = default)
    {
        if (NameProblem(name) is { } bad) return bad;
        if (!await store.RenameAsync(key, name.Trim(), ct)) return $"There is no user strategy '{key}'.";
        if (await store.VersionAsync(key, ct: ct) is { } latest && StrategyCatalog.TryGet(latest.VersionId, out var definition) && definition.Class is { } cls)
            StrategyCatalog.Register(key, StrategyDefinition.FromClass(cls.Type, latest.VersionId, DisplayName(latest), StrategyStyle.TrendFollowing, Description(latest), guarded: true));
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
        return null;
    }

    /// <summary>Registers the newest version of every stored strategy and the resolver for older ones.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        StrategyCatalog.Resolver = Resolve;
        foreach (var version in await store.LatestVersionsAsync(cancellationToken))
        {
            var compiled = StrategyCompiler.Compile(version.Source, FileName(version.Name));
            if (compiled.Strategy is { } strategy) Register(version, strategy, latest: true);
            else logger.LogWarning("User strategy {Id} no longer compiles: {Error}", version.VersionId, compiled.Errors.FirstOrDefault());
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The display name of a version: "My SMA v3".</summary>
    public static string DisplayName(UserStrategyVersion v) => $"{v.Name} v{v.Number}";

    private static string Description(UserStrategyVersion v) => $"Written in the Lab ({v.ClassName}, version {v.Number}).";

    private StrategyDefinition? Resolve(string id)
    {
        int at = id.LastIndexOf('@');
        if (at <= 0 || !int.TryParse(id.AsSpan(at + 1), out int number)) return null;
        var version = store.VersionAsync(id[..at], number).GetAwaiter().GetResult();
        if (version is null) return null;
        var compiled = StrategyCompiler.Compile(version.Source, FileName(version.Name));
        return compiled.Strategy is { } strategy ? Register(version, strategy, latest: false) : null;
    }

    private static StrategyDefinition Register(UserStrategyVersion version, CompiledStrategy strategy, bool latest)
    {
        var definition = strategy.Define(version.VersionId, DisplayName(version), StrategyStyle.TrendFollowing, Description(version));
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
