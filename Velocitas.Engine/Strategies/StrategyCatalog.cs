namespace Velocitas.Engine.Strategies;

/// <summary>Every built-in strategy, found by id or by the original service's name.</summary>
public static class StrategyCatalog
{
    /// <summary>All strategies in display order.</summary>
    public static IReadOnlyList<StrategyDefinition> All { get; } =
    [
        SmaCrossoverStrategy.CatalogEntry,
        MomentumStrategy.CatalogEntry,
        RsiStrategy.CatalogEntry,
        MacdStrategy.CatalogEntry,
        BollingerStrategy.CatalogEntry,
        DonchianStrategy.CatalogEntry,
    ];

    /// <summary>Finds a strategy by id (<c>sma-crossover</c>) or legacy name (<c>SMA_Crossover</c>), ignoring case.</summary>
    public static bool TryGet(string? idOrName, out StrategyDefinition definition)
    {
        definition = null!;
        if (string.IsNullOrWhiteSpace(idOrName)) return false;
        string key = idOrName.Trim();
        foreach (var d in All)
        {
            if (string.Equals(d.Id, key, StringComparison.OrdinalIgnoreCase)
                || string.Equals(d.LegacyName, key, StringComparison.OrdinalIgnoreCase)
                || string.Equals(d.Id.Replace("-", "_"), key, StringComparison.OrdinalIgnoreCase))
            {
                definition = d;
                return true;
            }
        }
        return false;
    }

    /// <summary>Finds a strategy or throws with the list of valid ids.</summary>
    public static StrategyDefinition Get(string? idOrName) => TryGet(idOrName, out var d)
        ? d
        : throw new KeyNotFoundException($"Unknown strategy '{idOrName}'. Available: {string.Join(", ", All.Select(s => s.Id))}.");
}
