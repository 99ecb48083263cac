using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Optimization;

/// <summary>
/// Every valid parameter set of a strategy for the given ranges (parameters without a range keep their default).
/// Combinations the strategy rejects (fast ≥ slow, out of range) are skipped and counted.
/// </summary>
public sealed class ParameterGrid
{
    /// <summary>Builds the grid.</summary>
    public ParameterGrid(StrategyDefinition strategy, IReadOnlyDictionary<string, ParameterRange>? ranges)
    {
        Strategy = strategy;
        var axes = new List<(string Name, IReadOnlyList<double> Values)>();
        foreach (var spec in strategy.Parameters)
        {
            var range = ranges?.FirstOrDefault(r => string.Equals(r.Key, spec.Name, StringComparison.OrdinalIgnoreCase)).Value;
            axes.Add((spec.Name, range?.Validated(spec.Name).Values() ?? [spec.Default]));
        }
        if (ranges is not null)
        {
            foreach (string name in ranges.Keys)
            {
                if (!strategy.Parameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
                    throw new ArgumentException($"{strategy.Id} has no parameter '{name}' (expected {string.Join(", ", strategy.Parameters.Select(p => p.Name))}).", name);
            }
        }
        Axes = axes;
        long size = axes.Aggregate(1L, (n, a) => n * a.Values.Count);
        if (size > 2_000_000) throw new ArgumentException($"{strategy.Id}: the grid has {size:N0} combinations; narrow the ranges or use random search with a budget.");
        var sets = new List<ParameterSet>();
        var current = new double[axes.Count];
        int skipped = 0;
        string? firstRejection = null;
        void Walk(int depth)
        {
            if (depth == axes.Count)
            {
                var values = new Dictionary<string, double>();
                for (int i = 0; i < axes.Count; i++) values[axes[i].Name] = current[i];
                var (set, errors) = strategy.Validate(values);
                if (set is null)
                {
                    skipped++;
                    firstRejection ??= errors.Count > 0 ? errors[0].Message : null;
                }
                else sets.Add(set);
                return;
            }
            foreach (double v in axes[depth].Values)
            {
                current[depth] = v;
                Walk(depth + 1);
            }
        }
        Walk(0);
        Sets = sets;
        Skipped = skipped;
        FirstRejection = firstRejection;
    }

    /// <summary>Why the first rejected combination was rejected (the strategy's own message), or null.</summary>
    public string? FirstRejection { get; }

    /// <summary>The strategy.</summary>
    public StrategyDefinition Strategy { get; }

    /// <summary>Each parameter with the values it takes.</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<double> Values)> Axes { get; }

    /// <summary>Valid parameter sets, in grid order.</summary>
    public IReadOnlyList<ParameterSet> Sets { get; }

    /// <summary>Combinations the strategy rejected.</summary>
    public int Skipped { get; }
}
