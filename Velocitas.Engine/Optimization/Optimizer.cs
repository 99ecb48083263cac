using System.Collections.Concurrent;
using System.Diagnostics;
using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Indicators;
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
        var problems = request.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems));
        var clock = Stopwatch.StartNew();

        // the work: every (coin, strategy, parameter set)
        var items = new List<(OptimizationData Data, StrategyDefinition Strategy, ParameterSet Parameters)>();
        int skipped = 0;
        var random = new Random(request.Seed);
        foreach (var data in request.Data)
        {
            foreach (var search in request.Strategies)
            {
                var grid = search.Grid;
                skipped += grid.Skipped;
                IEnumerable<ParameterSet> sets = grid.Sets;
                if (request.RandomBudget > 0 && grid.Sets.Count > request.RandomBudget)
                {
                    var indexes = Enumerable.Range(0, grid.Sets.Count).ToArray();
                    for (int i = 0; i < request.RandomBudget; i++)
                    {
                        int j = i + random.Next(indexes.Length - i);
                        (indexes[i], indexes[j]) = (indexes[j], indexes[i]);
                    }
                    sets = indexes.Take(request.RandomBudget).Order().Select(i => grid.Sets[i]);
                }
                foreach (var set in sets) items.Add((data, search.Strategy, set));
            }
        }

        var design = TestDesign.For(request);
        var sources = new ConcurrentDictionary<(OptimizationData, int, int), Lazy<SharedIndicatorSeries>>();
        SharedIndicatorSeries Source(OptimizationData d, Segment s) =>
            sources.GetOrAdd((d, s.Start, s.End), _ => new Lazy<SharedIndicatorSeries>(() => new SharedIndicatorSeries(d.Candles.AsSpan(s.Start, s.End - s.Start)))).Value;

        var results = new CombinationResult?[items.Count];
        int completed = 0;
        long evaluations = 0;
        long lastReport = 0;
        bool cancelled = false;
        try
        {
            Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, request.MaxDegreeOfParallelism), CancellationToken = cancellationToken }, i =>
            {
                var (data, strategy, parameters) = items[i];
                var segments = design.Segments(data);
                long evals = 0;
                PerformanceMetrics Evaluate(Segment segment)
                {
                    var run = Backtester.Run(data.Candles.AsSpan(segment.Start, segment.Length), strategy.Create(parameters, Source(data, segment)),
                        request.Settings, data.Timeframe, recordEquity: false);
                    evals += segment.Length;
                    return run.Metrics;
                }

                var inSample = Evaluate(segments.InSample);
                PerformanceMetrics? outOfSample = segments.OutOfSample is { } oos ? Evaluate(oos) : null;
                WalkForwardSummary? walkForward = null;
                if (segments.Windows.Count > 0)
                {
                    var windows = segments.Windows.Select((w, k) => new WindowResult(k + 1, w.Train, w.Test, Evaluate(w.Train), Evaluate(w.Test))).ToList();
                    walkForward = Summarize(windows, request.Objective);
                }
                results[i] = new CombinationResult
                {
                    Index = i,
                    Dataset = data.Name,
                    DatasetId = data.DatasetId,
                    Symbol = data.Symbol,
                    StrategyId = strategy.Id,
                    Parameters = parameters,
                    InSample = inSample,
                    OutOfSample = outOfSample,
                    WalkForward = walkForward,
                    Objective = request.Objective.Value(inSample),
                    OutOfSampleObjective = outOfSample is not null ? request.Objective.Value(outOfSample) : walkForward?.MeanObjective,
                };
                Interlocked.Add(ref evaluations, evals);
                int done = Interlocked.Increment(ref completed);
                long now = clock.ElapsedMilliseconds;
                long last = Interlocked.Read(ref lastReport);
                if (progress is not null && (now - last >= 100 || done == items.Count) && Interlocked.CompareExchange(ref lastReport, now, last) == last)
                    progress.Report(new OptimizationProgress(done, items.Count, clock.Elapsed));
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }

        var finished = results.Where(r => r is not null).Select(r => r!).ToList();
        var ranked = Rank(finished, request.MinTrades);
        progress?.Report(new OptimizationProgress(finished.Count, items.Count, clock.Elapsed));
        var result = new OptimizationResult
        {
            Combinations = ranked,
            Total = items.Count,
            Cancelled = cancelled,
            Elapsed = clock.Elapsed,
            Objective = request.Objective,
            MinTrades = request.MinTrades,
            OutOfSampleFraction = design.OutOfSampleFraction,
            WalkForwardWindows = design.Windows,
            CandleEvaluations = evaluations,
            IndicatorSeries = sources.Values.Where(l => l.IsValueCreated).Sum(l => l.Value.SeriesComputed),
            Skipped = skipped,
            WalkForward = design.Windows > 0 ? WalkForwardProcesses(ranked, request) : [],
        };
        return result with { Recommendations = Recommender.Build(result, request.Strategies.Select(s => s.Strategy).ToList()) };
    }

    /// <summary>
    /// Ranks by the out-of-sample objective when the run has one (held-out split, or the fixed parameters' mean over
    /// the walk-forward test segments), else by the in-sample objective; only runs with enough in-sample trades.
    /// </summary>
    private static List<CombinationResult> Rank(List<CombinationResult> results, int minTrades)
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
