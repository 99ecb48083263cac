using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Optimization;

namespace Velocitas.Data.Storage;

/// <summary>A saved optimisation as History lists it.</summary>
public sealed record OptimizationRunSummary(int Id, DateTimeOffset CreatedAt, string Name, string Status, int Combinations, int Completed, string? Objective, string? BestSummary, double ElapsedSeconds);

/// <summary>How an optimisation was set up.</summary>
public sealed record OptimizationSettingsRecord(
    IReadOnlyList<string> Datasets,
    IReadOnlyList<int?> DatasetIds,
    IReadOnlyList<string> Symbols,
    IReadOnlyList<StrategyRangeRecord> Strategies,
    ExecutionSettings Settings,
    string Objective,
    int MinTrades,
    double OutOfSampleFraction,
    int WalkForwardWindows,
    int RandomBudget,
    int Seed)
{
    /// <summary>How <paramref name="request"/> is set up, as History keeps it (ranges written in the range syntax).</summary>
    public static OptimizationSettingsRecord Of(OptimizationRequest request) => new(
        request.Data.Select(d => d.Name).ToList(),
        request.Data.Select(d => d.DatasetId).ToList(),
        request.Data.Select(d => d.Symbol).ToList(),
        request.Strategies.Select(s => new StrategyRangeRecord(s.Strategy.Id, s.Ranges.ToDictionary(r => r.Key, r => r.Value.ToString()))).ToList(),
        request.Settings,
        request.Objective.ToString().ToLowerInvariant(),
        request.MinTrades,
        request.OutOfSampleFraction,
        request.WalkForwardWindows,
        request.RandomBudget,
        request.Seed);
}

/// <summary>A strategy and its parameter ranges as text (min:max:step or lists).</summary>
public sealed record StrategyRangeRecord(string StrategyId, Dictionary<string, string> Ranges);

/// <summary>One walk-forward window of a combination.</summary>
public sealed record WindowRecord(int Window, DateTimeOffset TrainFrom, DateTimeOffset TrainTo, DateTimeOffset TestFrom, DateTimeOffset TestTo, PerformanceMetrics Train, PerformanceMetrics Test);

/// <summary>One combination's figures.</summary>
public sealed record CombinationRecord(
    int Index,
    string Dataset,
    int? DatasetId,
    string Symbol,
    string StrategyId,
    Dictionary<string, double> Parameters,
    PerformanceMetrics InSample,
    PerformanceMetrics? OutOfSample,
    IReadOnlyList<WindowRecord>? Windows,
    double? Objective,
    double? OutOfSampleObjective,
    int? Rank)
{
    /// <summary>"fast=10, slow=30".</summary>
    public string ParametersText => string.Join(", ", Parameters.Select(p => $"{p.Key}={p.Value:0.####}"));
}


/// <summary>A recommendation.</summary>
public sealed record RecommendationRecord(string Kind, string? Symbol, string? StrategyId, Dictionary<string, double>? Parameters, string Text);

/// <summary>A saved optimisation with everything needed to review it.</summary>
public sealed record OptimizationRunDetails(
    OptimizationRunSummary Summary,
    OptimizationSettingsRecord Settings,
    IReadOnlyList<CombinationRecord> Combinations,
    IReadOnlyList<WalkForwardChoiceRecord> WalkForward,
    IReadOnlyList<RecommendationRecord> Recommendations,
    long CandleEvaluations,
    int IndicatorSeries,
    int Total,
    bool Cancelled)
{
    /// <summary>Ranked combinations, best first.</summary>
    public IEnumerable<CombinationRecord> Ranked => Combinations.Where(c => c.Rank is not null).OrderBy(c => c.Rank);
    /// <summary>Best ranked combination of each coin.</summary>
    public IReadOnlyList<CombinationRecord> BestPerCoin => Ranked.GroupBy(c => c.Symbol).Select(g => g.First()).ToList();
    /// <summary>Best ranked combination of each strategy.</summary>
    public IReadOnlyList<CombinationRecord> BestPerStrategy => Ranked.GroupBy(c => c.StrategyId).Select(g => g.First()).ToList();
}

/// <summary>The walk-forward process of a (coin, strategy), in a JSON-friendly shape.</summary>
public sealed record WalkForwardChoiceRecord(string Symbol, string StrategyId, IReadOnlyList<WalkForwardWindowChoice> Windows,
    double MeanObjective, double CompoundedReturnPct, double WorstDrawdownPct, int Trades, int WindowsBeatingBuyAndHold);

/// <summary>The parameters chosen in one window and their test figures.</summary>
public sealed record WalkForwardWindowChoice(int Window, Dictionary<string, double> Chosen, WindowRecord Result);

/// <summary>Conversions between the engine's results and the stored records.</summary>
public static class OptimizationRecords
{
    /// <summary>The records of a finished optimisation.</summary>
    public static (IReadOnlyList<CombinationRecord> Combinations, IReadOnlyList<WalkForwardChoiceRecord> WalkForward, IReadOnlyList<RecommendationRecord> Recommendations) From(OptimizationResult r) => (
        r.Combinations.Select(c => new CombinationRecord(c.Index, c.Dataset, c.DatasetId, c.Symbol, c.StrategyId, Dict(c.Parameters), c.InSample, c.OutOfSample,
            c.WalkForward?.Windows.Select(Window).ToList(), Finite(c.Objective), c.OutOfSampleObjective is { } o ? Finite(o) : null, c.Rank)).ToList(),
        r.WalkForward.Select(p => new WalkForwardChoiceRecord(p.Symbol, p.StrategyId, p.Windows.Select(w => new WalkForwardWindowChoice(w.Window, Dict(w.Chosen), Window(w.Result))).ToList(),
            p.MeanObjective, p.CompoundedReturnPct, p.WorstDrawdownPct, p.Trades, p.WindowsBeatingBuyAndHold)).ToList(),
        r.Recommendations.Select(x => new RecommendationRecord(x.Kind, x.Symbol, x.StrategyId, x.Parameters is null ? null : Dict(x.Parameters), x.Text)).ToList());

    private static WindowRecord Window(WindowResult w) => new(w.Window, w.Train.From, w.Train.To, w.Test.From, w.Test.To, w.TrainMetrics, w.TestMetrics);

    private static Dictionary<string, double> Dict(IEnumerable<KeyValuePair<string, double>> p) => p.ToDictionary(kv => kv.Key, kv => kv.Value);

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}
