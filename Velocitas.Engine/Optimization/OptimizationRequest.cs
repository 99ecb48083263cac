using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Optimization;

/// <summary>A candle series to optimise on (one coin).</summary>
/// <param name="Name">Dataset name.</param>
/// <param name="Symbol">Coin.</param>
/// <param name="Candles">Candles in time order.</param>
/// <param name="Timeframe">Candle interval.</param>
/// <param name="DatasetId">Stored dataset id, if any.</param>
public sealed record OptimizationData(string Name, string Symbol, Candle[] Candles, Timeframe Timeframe, int? DatasetId = null);

/// <summary>A strategy and the ranges of its parameters to search.</summary>
/// <param name="Strategy">The strategy.</param>
/// <param name="Ranges">Ranges by parameter name; parameters without one keep their default.</param>
public sealed record StrategySearch(StrategyDefinition Strategy, IReadOnlyDictionary<string, ParameterRange> Ranges)
{
    private ParameterGrid? _grid;

    /// <summary>The valid parameter sets of these ranges, built once (checking up to 2,000,000 sets is not free).</summary>
    public ParameterGrid Grid => _grid ??= new ParameterGrid(Strategy, Ranges);
}

/// <summary>Everything an optimisation needs.</summary>
public sealed record OptimizationRequest
{
    /// <summary>How many runs per coin and strategy this request makes, all coins and strategies together.</summary>
    public int Combinations => Data.Count * Strategies.Sum(s => RandomBudget > 0 ? Math.Min(s.Grid.Sets.Count, RandomBudget) : s.Grid.Sets.Count);

    /// <summary>The coins' data.</summary>
    public required IReadOnlyList<OptimizationData> Data { get; init; }
    /// <summary>The strategies and their ranges.</summary>
    public required IReadOnlyList<StrategySearch> Strategies { get; init; }
    /// <summary>Execution rules of every run.</summary>
    public ExecutionSettings Settings { get; init; } = TradingDefaults.Execution;
    /// <summary>What to rank by.</summary>
    public Objective Objective { get; init; } = OptimizationDefaults.Objective;
    /// <summary>Runs with fewer trades are not ranked (too few to mean anything).</summary>
    public int MinTrades { get; init; } = OptimizationDefaults.MinTrades;
    /// <summary>Share of the data kept for out-of-sample testing (0 = none; e.g. 0.3 = the last 30 %).</summary>
    public double OutOfSampleFraction { get; init; }
    /// <summary>Walk-forward windows (0 = none): optimise on one segment, test on the next.</summary>
    public int WalkForwardWindows { get; init; }
    /// <summary>Random search: try at most this many combinations per (coin, strategy); 0 = the whole grid.</summary>
    public int RandomBudget { get; init; }
    /// <summary>Seed of the random search.</summary>
    public int Seed { get; init; } = OptimizationDefaults.Seed;
    /// <summary>Worker threads (default: all cores).</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Every problem with the request; empty when it can run.</summary>
    public IReadOnlyList<string> Problems()
    {
        var p = new List<string>();
        if (Data.Count == 0) p.Add("Choose at least one dataset.");
        if (Strategies.Count == 0) p.Add("Choose at least one strategy.");
        if (OutOfSampleFraction is < 0 or > 0.8 || double.IsNaN(OutOfSampleFraction)) p.Add($"The out-of-sample share must be between 0 and 0.8 (was {OutOfSampleFraction}).");
        if (WalkForwardWindows is < 0 or > 20) p.Add($"Walk-forward windows must be between 0 and 20 (was {WalkForwardWindows}).");
        if (MinTrades < 0) p.Add($"The minimum number of trades cannot be negative (was {MinTrades}).");
        if (RandomBudget < 0) p.Add($"The random-search budget cannot be negative (was {RandomBudget}).");
        p.AddRange(Settings.Problems().Select(x => x.Message));
        p.AddRange(DataProblems());
        return p;
    }

    /// <summary>The datasets too short for this test design (each needs enough candles for its windows).</summary>
    public IReadOnlyList<string> DataProblems()
    {
        int minimum = Math.Max(50, (WalkForwardWindows + 1) * 30);
        return Data.Where(d => d.Candles.Length < minimum)
            .Select(d => $"{d.Name} has {d.Candles.Length} candles; at least {minimum} are needed for this test design.")
            .ToList();
    }
}
