using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Optimization;

/// <summary>A range of candle indexes [Start, End) and its times.</summary>
/// <param name="Start">First index.</param>
/// <param name="End">One past the last index.</param>
/// <param name="From">Open time of the first candle.</param>
/// <param name="To">Open time of the last candle.</param>
public sealed record Segment(int Start, int End, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>Candles in the segment.</summary>
    public int Length => End - Start;
}

/// <summary>One walk-forward window of one combination: trained on one segment, tested on the next.</summary>
/// <param name="Window">1-based window number.</param>
/// <param name="Train">In-sample segment.</param>
/// <param name="Test">Out-of-sample segment (right after the train segment).</param>
/// <param name="TrainMetrics">Figures on the train segment.</param>
/// <param name="TestMetrics">Figures on the test segment.</param>
public sealed record WindowResult(int Window, Segment Train, Segment Test, PerformanceMetrics TrainMetrics, PerformanceMetrics TestMetrics);

/// <summary>Out-of-sample figures of a combination across walk-forward windows.</summary>
/// <param name="Windows">Each window.</param>
/// <param name="MeanObjective">Mean of the test windows' objective (undefined windows count as 0).</param>
/// <param name="CompoundedReturnPct">Test windows' returns compounded.</param>
/// <param name="WorstDrawdownPct">Deepest test-window drawdown.</param>
/// <param name="Trades">Trades in all test windows.</param>
/// <param name="WindowsBeatingBuyAndHold">Test windows where the strategy returned more than holding the coin.</param>
public sealed record WalkForwardSummary(IReadOnlyList<WindowResult> Windows, double MeanObjective, double CompoundedReturnPct, double WorstDrawdownPct, int Trades, int WindowsBeatingBuyAndHold);

/// <summary>One (coin, strategy, parameters) combination and its figures.</summary>
public sealed record CombinationResult
{
    /// <summary>Position in the search (stable id within the run).</summary>
    public required int Index { get; init; }
    /// <summary>Dataset name.</summary>
    public required string Dataset { get; init; }
    /// <summary>Stored dataset id, if any.</summary>
    public int? DatasetId { get; init; }
    /// <summary>Coin.</summary>
    public required string Symbol { get; init; }
    /// <summary>Strategy id.</summary>
    public required string StrategyId { get; init; }
    /// <summary>Parameter values.</summary>
    public required ParameterSet Parameters { get; init; }
    /// <summary>Figures on the in-sample data (all data without a split).</summary>
    public required PerformanceMetrics InSample { get; init; }
    /// <summary>Figures on the held-out last part, with an out-of-sample split.</summary>
    public PerformanceMetrics? OutOfSample { get; init; }
    /// <summary>Out-of-sample figures across windows, with walk-forward.</summary>
    public WalkForwardSummary? WalkForward { get; init; }
    /// <summary>Objective on the in-sample data.</summary>
    public required double Objective { get; init; }
    /// <summary>Objective out of sample (split or mean of walk-forward windows), if tested.</summary>
    public double? OutOfSampleObjective { get; init; }
    /// <summary>Rank (1 = best) among runs with enough in-sample trades: by the out-of-sample objective when the run has an
    /// out-of-sample test (split or walk-forward), else by the in-sample objective; null when not ranked.</summary>
    public int? Rank { get; init; }
}

/// <summary>The walk-forward process for one (coin, strategy): in each window the best combination on the train segment is tested on the next segment.</summary>
/// <param name="Symbol">Coin.</param>
/// <param name="StrategyId">Strategy.</param>
/// <param name="Windows">Per window: the parameters chosen on the train segment and their test figures.</param>
/// <param name="MeanObjective">Mean test objective.</param>
/// <param name="CompoundedReturnPct">Test returns compounded.</param>
/// <param name="WorstDrawdownPct">Deepest test drawdown.</param>
/// <param name="Trades">Trades in the test windows.</param>
/// <param name="WindowsBeatingBuyAndHold">Windows where the chosen parameters beat holding the coin.</param>
public sealed record WalkForwardProcess(string Symbol, string StrategyId, IReadOnlyList<(int Window, ParameterSet Chosen, WindowResult Result)> Windows,
    double MeanObjective, double CompoundedReturnPct, double WorstDrawdownPct, int Trades, int WindowsBeatingBuyAndHold);

/// <summary>A recommendation in plain language with the numbers behind it.</summary>
/// <param name="Kind">run, avoid or warning.</param>
/// <param name="Symbol">Coin it is about, if any.</param>
/// <param name="StrategyId">Strategy it is about, if any.</param>
/// <param name="Parameters">Parameters it recommends, if any.</param>
/// <param name="Text">The sentence.</param>
public sealed record Recommendation(string Kind, string? Symbol, string? StrategyId, ParameterSet? Parameters, string Text);

/// <summary>What an optimisation found.</summary>
public sealed record OptimizationResult
{
    /// <summary>Every combination that finished, by index.</summary>
    public required IReadOnlyList<CombinationResult> Combinations { get; init; }
    /// <summary>Combinations planned.</summary>
    public required int Total { get; init; }
    /// <summary>True when cancelled before the end (finished combinations are kept).</summary>
    public bool Cancelled { get; init; }
    /// <summary>Wall-clock time.</summary>
    public TimeSpan Elapsed { get; init; }
    /// <summary>Objective ranked by.</summary>
    public Objective Objective { get; init; }
    /// <summary>Minimum trades to be ranked.</summary>
    public int MinTrades { get; init; }
    /// <summary>Out-of-sample split used.</summary>
    public double OutOfSampleFraction { get; init; }
    /// <summary>Walk-forward windows used.</summary>
    public int WalkForwardWindows { get; init; }
    /// <summary>Candle evaluations performed (for throughput figures).</summary>
    public long CandleEvaluations { get; init; }
    /// <summary>Distinct indicator series computed (shared between combinations).</summary>
    public int IndicatorSeries { get; init; }
    /// <summary>Invalid grid combinations skipped.</summary>
    public int Skipped { get; init; }
    /// <summary>Walk-forward process per (coin, strategy).</summary>
    public IReadOnlyList<WalkForwardProcess> WalkForward { get; init; } = [];
    /// <summary>Recommendations.</summary>
    public IReadOnlyList<Recommendation> Recommendations { get; init; } = [];

    /// <summary>True when ranks and headlines use out-of-sample figures.</summary>
    public bool RankedOutOfSample => OutOfSampleFraction > 0 || WalkForwardWindows > 0;

    /// <summary>Ranked combinations, best first.</summary>
    public IEnumerable<CombinationResult> Ranked => Combinations.Where(c => c.Rank is not null).OrderBy(c => c.Rank);

    /// <summary>The best ranked combination overall.</summary>
    public CombinationResult? Best => Ranked.FirstOrDefault();

    /// <summary>Best ranked combination of each coin.</summary>
    public IReadOnlyList<CombinationResult> BestPerCoin => Ranked.GroupBy(c => c.Symbol).Select(g => g.First()).OrderBy(c => c.Rank).ToList();

    /// <summary>Best ranked combination of each strategy.</summary>
    public IReadOnlyList<CombinationResult> BestPerStrategy => Ranked.GroupBy(c => c.StrategyId).Select(g => g.First()).OrderBy(c => c.Rank).ToList();
}

/// <summary>Progress of a running optimisation.</summary>
/// <param name="Completed">Combinations finished.</param>
/// <param name="Total">Combinations planned.</param>
/// <param name="Elapsed">Time so far.</param>
public sealed record OptimizationProgress(int Completed, int Total, TimeSpan Elapsed)
{
    /// <summary>Share done, 0–1.</summary>
    public double Fraction => Total == 0 ? 1 : (double)Completed / Total;

    /// <summary>Estimated time left.</summary>
    public TimeSpan? Remaining => Completed == 0 ? null : TimeSpan.FromTicks((long)(Elapsed.Ticks * (double)(Total - Completed) / Completed));
}
