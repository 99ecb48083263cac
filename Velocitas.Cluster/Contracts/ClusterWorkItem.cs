using Velocitas.Engine.Backtesting;

namespace Velocitas.Cluster.Contracts;

/// <summary>
/// The unit that travels: a block of combinations of one coin and one strategy, with everything a silo needs to run
/// them (the rules, and where to fetch the coin's candles if it does not hold them yet).
/// </summary>
[GenerateSerializer, Immutable]
public sealed class ClusterWorkItem
{
    /// <summary>The run it belongs to.</summary>
    [Id(0)] public Guid RunId { get; set; }
    /// <summary>Number of the item within its run.</summary>
    [Id(1)] public int ItemId { get; set; }
    /// <summary>The coin's candles, by content hash.</summary>
    [Id(2)] public DatasetTicket Data { get; set; } = new();
    /// <summary>Strategy id (built-in, or a user strategy's version).</summary>
    [Id(3)] public string StrategyId { get; set; } = "";
    /// <summary>Parameter names, in the strategy's order.</summary>
    [Id(4)] public string[] ParameterNames { get; set; } = [];
    /// <summary>Index of each combination in the run.</summary>
    [Id(5)] public int[] Indexes { get; set; } = [];
    /// <summary>Parameter values of each combination, in <see cref="ParameterNames"/> order.</summary>
    [Id(6)] public double[][] Values { get; set; } = [];
    /// <summary>Execution settings, objective and test design.</summary>
    [Id(7)] public ItemRules Rules { get; set; } = new();
    /// <summary>Where the candles can be read (the coordinator).</summary>
    [Id(8)] public ICandleSource? Source { get; set; }

    /// <summary>Combinations in this item.</summary>
    public int Count => Indexes.Length;
}

/// <summary>A coin's candle series, named by the hash of its content so every silo caches it once.</summary>
[GenerateSerializer, Immutable]
public sealed class DatasetTicket
{
    /// <summary>SHA-256 of the candles (hex).</summary>
    [Id(0)] public string Key { get; set; } = "";
    /// <summary>Dataset name.</summary>
    [Id(1)] public string Name { get; set; } = "";
    /// <summary>Coin.</summary>
    [Id(2)] public string Symbol { get; set; } = "";
    /// <summary>Candles in the series.</summary>
    [Id(3)] public int Count { get; set; }
    /// <summary>Candle interval.</summary>
    [Id(4)] public TimeSpan Interval { get; set; }
    /// <summary>Stored dataset id, if any.</summary>
    [Id(5)] public int? DatasetId { get; set; }
}

/// <summary>The rules every combination of a run is measured by.</summary>
[GenerateSerializer, Immutable]
public sealed class ItemRules
{
    [Id(0)] public decimal InitialCash { get; set; }
    [Id(1)] public decimal FeeRate { get; set; }
    [Id(2)] public decimal SlippageBps { get; set; }
    [Id(3)] public decimal LotStep { get; set; }
    [Id(4)] public decimal? StopLossPct { get; set; }
    [Id(5)] public decimal? TakeProfitPct { get; set; }
    [Id(6)] public decimal? TrailingStopPct { get; set; }
    /// <summary>The objective, as <see cref="Engine.Optimization.Objective"/>'s number.</summary>
    [Id(7)] public int Objective { get; set; }
    [Id(8)] public double OutOfSampleFraction { get; set; }
    [Id(9)] public int WalkForwardWindows { get; set; }
}

/// <summary>What a silo sends back for an item: the figures of each combination, and where and how it ran.</summary>
[GenerateSerializer, Immutable]
public sealed class WorkItemOutcome
{
    [Id(0)] public int ItemId { get; set; }
    /// <summary>The silo that ran it.</summary>
    [Id(1)] public string Silo { get; set; } = "";
    /// <summary>Figures of each combination, in the item's order.</summary>
    [Id(2)] public MeasuredCombination[] Combinations { get; set; } = [];
    /// <summary>Indicator series the silo holds for this coin after the item (shared by all its items).</summary>
    [Id(3)] public int IndicatorSeries { get; set; }
    /// <summary>True when the silo had to fetch the candles for this item.</summary>
    [Id(4)] public bool FetchedCandles { get; set; }
}

/// <summary>One combination's figures as they travel.</summary>
[GenerateSerializer, Immutable]
public sealed class MeasuredCombination
{
    [Id(0)] public int Index { get; set; }
    [Id(1)] public PerformanceMetrics InSample { get; set; } = new();
    [Id(2)] public PerformanceMetrics? OutOfSample { get; set; }
    [Id(3)] public PerformanceMetrics[] Train { get; set; } = [];
    [Id(4)] public PerformanceMetrics[] Test { get; set; } = [];
    [Id(5)] public long CandleEvaluations { get; set; }
}

/// <summary>A silo's capacity, as it describes itself.</summary>
[GenerateSerializer, Immutable]
public sealed class SiloCapacity
{
    [Id(0)] public string Silo { get; set; } = "";
    [Id(1)] public string Name { get; set; } = "";
    /// <summary>Cores of its machine.</summary>
    [Id(2)] public int Cores { get; set; }
    /// <summary>Work items it runs at once.</summary>
    [Id(3)] public int Workers { get; set; }
    /// <summary>Items it is running now (all runs).</summary>
    [Id(4)] public int Running { get; set; }
    /// <summary>Combinations it has finished since it started.</summary>
    [Id(5)] public long CombinationsDone { get; set; }
}
