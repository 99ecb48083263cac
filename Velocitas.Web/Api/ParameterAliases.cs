using Velocitas.Engine.Strategies;

namespace Velocitas.Web.Api;

/// <summary>Maps the original service's parameter names (fast_period, rsi_period, std_dev, ...) to ours.</summary>
public static class ParameterAliases
{
    private static readonly string[] Suffixes = ["_period", "period", "_length", "_pct", "_percent", "_window"];

    /// <summary>The parameter of <paramref name="definition"/> that <paramref name="name"/> means, or the name unchanged.</summary>
    public static string Normalize(StrategyDefinition definition, string name)
    {
        string n = name.Trim().ToLowerInvariant();
        if (definition.Parameters.Any(p => p.Name == n)) return n;
        string stripped = n;
        foreach (string suffix in Suffixes)
        {
            if (stripped.EndsWith(suffix, StringComparison.Ordinal) && stripped.Length > suffix.Length) stripped = stripped[..^suffix.Length];
        }
        stripped = stripped.TrimEnd('_');
        string mapped = stripped switch
        {
            "std" or "std_dev" or "stddev" or "num_std" or "num_std_dev" or "deviations" or "k" => "stddev",
            "rsi" or "bb" or "bollinger" or "window" or "length" or "" => "period",
            "fast_ma" or "short" or "fast_sma" or "fast_ema" => "fast",
            "slow_ma" or "long" or "slow_sma" or "slow_ema" => "slow",
            "signal_line" => "signal",
            "entry_channel" or "breakout" => "entry",
            "exit_channel" => "exit",
            "lower" or "buy_threshold" => "oversold",
            "upper" or "sell_threshold" => "overbought",
            _ => stripped,
        };
        if (definition.Parameters.Any(p => p.Name == mapped)) return mapped;
        if (definition.Parameters.Any(p => p.Name == stripped)) return stripped;
        return n;
    }

    /// <summary>Normalises every name of <paramref name="values"/>.</summary>
    public static Dictionary<string, double> Normalize(StrategyDefinition definition, IEnumerable<KeyValuePair<string, double>> values) =>
        values.ToDictionary(kv => Normalize(definition, kv.Key), kv => kv.Value);
}
