namespace Velocitas.Engine.Strategies;

/// <summary>
/// The built-in strategies' source code as a user file: what the Lab shows read-only and copies on "duplicate to
/// edit". Compiled as a user strategy, each gives exactly the built-in's trades.
/// </summary>
public static class StrategyTemplates
{
    private static readonly Dictionary<string, string> ClassNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sma-crossover"] = nameof(SmaCrossoverStrategy),
        ["momentum"] = nameof(MomentumStrategy),
        ["rsi"] = nameof(RsiStrategy),
        ["macd"] = nameof(MacdStrategy),
        ["bollinger"] = nameof(BollingerStrategy),
        ["donchian"] = nameof(DonchianStrategy),
    };

    /// <summary>Ids of the built-ins that have a template.</summary>
    public static IReadOnlyCollection<string> Ids => ClassNames.Keys;

    /// <summary>The source of built-in <paramref name="id"/> as a user would write it (no engine namespace, not partial).</summary>
    public static string Source(string id)
    {
        if (!ClassNames.TryGetValue(id, out string? className))
            throw new KeyNotFoundException($"No template for '{id}'. Templates: {string.Join(", ", ClassNames.Keys)}.");
        using var stream = typeof(StrategyTemplates).Assembly.GetManifestResourceStream($"templates/{className}.cs")
            ?? throw new InvalidOperationException($"The template of {id} is missing from the engine assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd()
            .Replace("\r\n", "\n")
            .Replace("namespace Velocitas.Engine.Strategies;\n\n", "")
            .Replace(" partial class ", " class ");
    }
}
