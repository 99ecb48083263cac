using System.Collections.Concurrent;

namespace Velocitas.Engine.Strategies;

/// <summary>
/// Every strategy that can run: the six built-ins and the user strategies registered while the app runs (the latest
/// version of each, with an id like <c>my-sma@3</c>). Found by id, by a user strategy's key (its latest version), or by
/// the original service's name; a version not loaded yet is asked of <see cref="Resolver"/>.
/// </summary>
public static class StrategyCatalog
{
    private static readonly ConcurrentDictionary<string, StrategyDefinition> Latest = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentDictionary<string, StrategyDefinition> Versions = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The built-in strategies in display order.</summary>
    public static IReadOnlyList<StrategyDefinition> BuiltIn { get; } =
    [
        SmaCrossoverStrategy.CatalogEntry,
        MomentumStrategy.CatalogEntry,
        RsiStrategy.CatalogEntry,
        MacdStrategy.CatalogEntry,
        BollingerStrategy.CatalogEntry,
        DonchianStrategy.CatalogEntry,
    ];

    /// <summary>All strategies in display order: the built-ins, then the latest version of each user strategy by name.</summary>
    public static IReadOnlyList<StrategyDefinition> All => Latest.IsEmpty
        ? BuiltIn
        : [.. BuiltIn, .. Latest.Values.OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase)];

    /// <summary>Finds a user strategy version that is not loaded (e.g. <c>my-sma@2</c> after a restart); null when unknown.</summary>
    public static Func<string, StrategyDefinition?>? Resolver { get; set; }

    /// <summary>Finds the display name of a user strategy version (<c>my-sma@3</c> → "My SMA v3") without loading it; null when unknown.</summary>
    public static Func<string, string?>? NameResolver { get; set; }

    /// <summary>
    /// The name a trader knows for <paramref name="id"/>: a built-in's or loaded version's name, a stored user version's
    /// "Name vN" (looked up, not compiled), "key@N (deleted)" for a user version no longer stored, else the id itself.
    /// </summary>
    public static string DisplayName(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return "–";
        foreach (var d in BuiltIn)
        {
            if (string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase) || string.Equals(d.LegacyName, id, StringComparison.OrdinalIgnoreCase)) return d.Name;
        }
        if (Versions.TryGetValue(id, out var loaded) || Latest.TryGetValue(id, out loaded)) return loaded.Name;
        if (!IsUserStrategy(id) || NameResolver is not { } names) return id;
        return names(id) ?? $"{id} (deleted)";
    }

    /// <summary>Makes <paramref name="latest"/> (id <c>key@version</c>) the version that <paramref name="key"/> runs.</summary>
    public static void Register(string key, StrategyDefinition latest)
    {
        if (BuiltIn.Any(b => string.Equals(b.Id, key, StringComparison.OrdinalIgnoreCase)))
            throw new ArgumentException($"'{key}' is a built-in strategy's id.", nameof(key));
        Versions[latest.Id] = latest;
        Latest[key] = latest;
    }

    /// <summary>Keeps a version findable by its id without making it the latest (an instance still runs it).</summary>
    public static void RegisterVersion(StrategyDefinition version) => Versions[version.Id] = version;

    /// <summary>Forgets a loaded version that is not its strategy's latest (it is loaded again on demand); false when it is the latest or unknown.</summary>
    public static bool UnregisterVersion(string id)
    {
        int at = id.LastIndexOf('@');
        if (at <= 0 || (Latest.TryGetValue(id[..at], out var latest) && string.Equals(latest.Id, id, StringComparison.OrdinalIgnoreCase))) return false;
        return Versions.TryRemove(id, out _);
    }

    /// <summary>Removes a user strategy and its loaded versions.</summary>
    public static void Unregister(string key)
    {
        Latest.TryRemove(key, out _);
        foreach (string id in Versions.Keys.Where(id => id.StartsWith(key + "@", StringComparison.OrdinalIgnoreCase)).ToList())
            Versions.TryRemove(id, out _);
    }

    /// <summary>True for an id of a user strategy version (<c>key@version</c>).</summary>
    public static bool IsUserStrategy(string id) => id.Contains('@');

    /// <summary>Finds a strategy by id (<c>sma-crossover</c>, <c>my-sma@3</c>), user key (<c>my-sma</c>) or legacy name (<c>SMA_Crossover</c>), ignoring case.</summary>
    public static bool TryGet(string? idOrName, out StrategyDefinition definition)
    {
        definition = null!;
        if (string.IsNullOrWhiteSpace(idOrName)) return false;
        string key = idOrName.Trim();
        foreach (var d in BuiltIn)
        {
            if (string.Equals(d.Id, key, StringComparison.OrdinalIgnoreCase)
                || string.Equals(d.LegacyName, key, StringComparison.OrdinalIgnoreCase)
                || string.Equals(d.Id.Replace("-", "_"), key, StringComparison.OrdinalIgnoreCase))
            {
                definition = d;
                return true;
            }
        }
        if (Versions.TryGetValue(key, out definition!) || Latest.TryGetValue(key, out definition!)) return true;
        if (IsUserStrategy(key) && Resolver?.Invoke(key) is { } resolved)
        {
            Versions[resolved.Id] = resolved;
            definition = resolved;
            return true;
        }
        definition = null!;
        return false;
    }

    /// <summary>Finds a strategy or throws with the list of valid ids.</summary>
    public static StrategyDefinition Get(string? idOrName) => TryGet(idOrName, out var d)
        ? d
        : throw new KeyNotFoundException($"Unknown strategy '{idOrName}'. Available: {string.Join(", ", All.Select(s => s.Id))}.");
}
