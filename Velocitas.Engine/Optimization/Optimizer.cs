using System.Diagnostics;
using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Optimization;

/// <summary>
/// Searches strategies × parameters × coins in parallel on all cores. Every combination is an ordinary backtest
/// (same strategy code, same broker rules) whose indicators come from series computed once per coin and segment
/// and shared by all combinations that need them. Optional guards against overfitting: an out-of-sample split, or
/// walk-forward windows (optimise on one segment, test on the next). Cancelling keeps what finished.
/// </summary>
public static class Optimizer
{
    /// <summary>Runs the search. Throws <see cref="ArgumentException"/> naming every problem of the request.</summary>
    public static OptimizationResult Run(OptimizationRequest request, IProgress<OptimizationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var plan = OptimizationPlan.For(request);
        var evaluator = plan.Evaluator();
        var results = new CombinationResult?[plan.Combinations.Count];
        int completed = 0;
        long evaluations = 0;
        long lastReport = 0;
        bool cancelled = false;
        try
        {
            Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, request.MaxDegreeOfParallelism), CancellationToken = cancellationToken }, i =>
            {
                var combination = plan.Combinations[i];
                var figures = evaluator.Measure(combination.Data, combination.Strategy, combination.Parameters);
                results[i] = evaluator.Compose(combination, figures);
                Interlocked.Add(ref evaluations, figures.CandleEvaluations);
                int done = Interlocked.Increment(ref completed);
                long now = clock.ElapsedMilliseconds;
                long last = Interlocked.Read(ref lastReport);
                if (progress is not null && (now - last >= 100 || done == results.Length) && Interlocked.CompareExchange(ref lastReport, now, last) == last)
                    progress.Report(new OptimizationProgress(done, results.Length, clock.Elapsed));
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }
        var finished = results.Where(r => r is not null).Select(r => r!).ToList();
        progress?.Report(new OptimizationProgress(finished.Count, results.Length, clock.Elapsed));
        return Finish(plan, finished, new RunFigures(cancelled, clock.Elapsed, evaluations, evaluator.Series.SeriesComputed));
    }

    /// <summary>How a run went, wherever its combinations ran.</summary>
    /// <param name="Cancelled">True when stopped before the end.</param>
    /// <param name="Elapsed">Wall-clock time.</param>
    /// <param name="CandleEvaluations">Candles stepped through by all backtests.</param>
    /// <param name="IndicatorSeries">Distinct indicator series computed (on a cluster: summed over the machines).</param>
    public sealed record RunFigures(bool Cancelled, TimeSpan Elapsed, long CandleEvaluations, int IndicatorSeries);

    /// <summary>
    /// Ranks the finished combinations (any order; each index once) and adds the walk-forward processes and the
    /// recommendations: the end of every run, on one machine or many.
    /// </summary>
    public static OptimizationResult Finish(OptimizationPlan plan, IReadOnlyList<CombinationResult> finished, RunFigures figures)
    {
        var request = plan.Request;
        var design = TestDesign.For(request);
        var ranked = Rank(finished, request.MinTrades);
        var result = new OptimizationResult
        {
            Combinations = ranked,
            Total = plan.Combinations.Count,
            Cancelled = figures.Cancelled,
            Elapsed = figures.Elapsed,
            Objective = request.Objective,
            MinTrades = request.MinTrades,
            OutOfSampleFraction = design.OutOfSampleFraction,
            WalkForwardWindows = design.Windows,
            CandleEvaluations = figures.CandleEvaluations,
            IndicatorSeries = figures.IndicatorSeries,
            Skipped = plan.Skipped,
            WalkForward = design.Windows > 0 ? WalkForwardProcesses(ranked, request) : [],
        };
        return result with { Recommendations = Recommender.Build(result, request.Strategies.Select(s => s.Strategy).ToList()) };
    }

    /// <summary>
    /// Ranks by the out-of-sample objective when the run has one (held-out split, or the fixed parameters' mean over
    /// the walk-forward test segments), else by the in-sample objective; only runs with enough in-sample trades.
    /// </summary>
    private static List<CombinationResult> Rank(IReadOnlyList<CombinationResult> results, int minTrades)
    {
        static double Key(CombinationResult r) => r.OutOfSampleObjective is { } o ? (double.IsNaN(o) ? double.NegativeInfinity : o) : r.Objective;
        var order = results.Where(r => r.InSample.Trades >= minTrades && !double.IsNegativeInfinity(r.Objective))
            .OrderByDescending(Key).ThenByDescending(r => r.Objective).ThenBy(r => r.Index).Select((r, i) => (r.Index, Rank: i + 1))
            .ToDictionary(x => x.Index, x => x.Rank);
        return results.Select(r => order.TryGetValue(r.Index, out int rank) ? r with { Rank = rank } : r).OrderBy(r => r.Index).ToList();
    }

    internal static WalkForwardSummary Summarize(IReadOnlyList<WindowResult> windows, Objective objective)
    {
        double Finite(double v) => double.IsFinite(v) ? v : 0;
        double compounded = windows.Aggregate(1.0, (acc, w) => acc * (1 + (w.TestMetrics.TotalReturnPct / 100))) - 1;
        return new WalkForwardSummary(
            windows,
            windows.Count == 0 ? 0 : windows.Average(w => Finite(objective.Value(w.TestMetrics))),
            compounded * 100,
            windows.Count == 0 ? 0 : windows.Max(w => w.TestMetrics.MaxDrawdownPct),
            windows.Sum(w => w.TestMetrics.Trades),
            windows.Count(w => w.TestMetrics.TotalReturnPct > w.TestMetrics.BuyAndHoldReturnPct));
    }

    /// <summary>Per (coin, strategy): in each window, the combination best on the train segment, tested on the next.</summary>
    private static List<WalkForwardProcess> WalkForwardProcesses(List<CombinationResult> results, OptimizationRequest request)
    {
        var processes = new List<WalkForwardProcess>();
        foreach (var group in results.Where(r => r.WalkForward is not null).GroupBy(r => (r.Symbol, r.StrategyId)))
        {
            int windows = group.First().WalkForward!.Windows.Count;
            // a train segment holds 1/(windows+1) of the data: scale the minimum number of trades with it
            int minTrades = Math.Max(1, request.MinTrades / (windows + 1));
            var chosen = new List<(int, ParameterSet, WindowResult)>();
            for (int k = 0; k < windows; k++)
            {
                var best = group
                    .Select(c => (Combination: c, Window: c.WalkForward!.Windows[k]))
                    .Where(x => x.Window.TrainMetrics.Trades >= minTrades && !double.IsNegativeInfinity(request.Objective.Value(x.Window.TrainMetrics)))
                    .OrderByDescending(x => request.Objective.Value(x.Window.TrainMetrics)).ThenBy(x => x.Combination.Index)
                    .FirstOrDefault();
                if (best.Combination is null) continue;
                chosen.Add((k + 1, best.Combination.Parameters, best.Window));
            }
            var summary = Summarize(chosen.Select(c => c.Item3).ToList(), request.Objective);
            processes.Add(new WalkForwardProcess(group.Key.Symbol, group.Key.StrategyId, chosen, summary.MeanObjective, summary.CompoundedReturnPct,
                summary.WorstDrawdownPct, summary.Trades, summary.WindowsBeatingBuyAndHold));
        }
        return processes.OrderByDescending(p => p.MeanObjective).ToList();
    }
}
