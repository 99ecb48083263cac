using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Optimization;

/// <summary>
/// The figures of one combination, before they are named and ranked: in-sample, held-out and per walk-forward
/// window. This is what travels back from another machine.
/// </summary>
/// <param name="InSample">Figures on the in-sample segment.</param>
/// <param name="OutOfSample">Figures on the held-out segment, with a split.</param>
/// <param name="Windows">Train and test figures of each walk-forward window.</param>
/// <param name="CandleEvaluations">Candles the backtests stepped through.</param>
public sealed record CombinationFigures(PerformanceMetrics InSample, PerformanceMetrics? OutOfSample,
    IReadOnlyList<(PerformanceMetrics Train, PerformanceMetrics Test)> Windows, long CandleEvaluations);

/// <summary>
/// Runs the backtests of one combination on its segments (indicators from the shared series of each coin and
/// segment) and turns the figures into a <see cref="CombinationResult"/>. Thread-safe: many combinations are measured
/// at once.
/// </summary>
public sealed class CombinationEvaluator
{
    private readonly ExecutionSettings _settings;
    private readonly Objective _objective;
    private readonly TestDesign _design;

    /// <summary>Prepares an evaluator; <paramref name="cache"/> shares indicator series with other evaluators (a new one when null).</summary>
    public CombinationEvaluator(ExecutionSettings settings, Objective objective, double outOfSampleFraction, int walkForwardWindows, IndicatorSeriesCache? cache = null)
    {
        _settings = settings;
        _objective = objective;
        _design = TestDesign.Of(outOfSampleFraction, walkForwardWindows);
        Series = cache ?? new IndicatorSeriesCache();
    }

    /// <summary>The shared indicator series this evaluator reads.</summary>
    public IndicatorSeriesCache Series { get; }

    /// <summary>Backtests the combination on each segment of the test design.</summary>
    public CombinationFigures Measure(OptimizationData data, StrategyDefinition strategy, ParameterSet parameters)
    {
        var segments = _design.Segments(data);
        long evaluations = 0;
        PerformanceMetrics Evaluate(Segment segment)
        {
            var run = Backtester.Run(data.Candles.AsSpan(segment.Start, segment.Length), strategy.Create(parameters, Series.For(data, segment)),
                _settings, data.Timeframe, recordEquity: false);
            evaluations += segment.Length;
            return run.Metrics;
        }

        var inSample = Evaluate(segments.InSample);
        var outOfSample = segments.OutOfSample is { } oos ? Evaluate(oos) : null;
        var windows = segments.Windows.Select(w => (Evaluate(w.Train), Evaluate(w.Test))).ToList();
        return new CombinationFigures(inSample, outOfSample, windows, evaluations);
    }

    /// <summary>The named, unranked result of a combination from its figures.</summary>
    public CombinationResult Compose(PlannedCombination combination, CombinationFigures figures)
    {
        var data = combination.Data;
        WalkForwardSummary? walkForward = null;
        if (figures.Windows.Count > 0)
        {
            var segments = _design.Segments(data).Windows;
            var windows = figures.Windows.Select((w, k) => new WindowResult(k + 1, segments[k].Train, segments[k].Test, w.Train, w.Test)).ToList();
            walkForward = Optimizer.Summarize(windows, _objective);
        }
        return new CombinationResult
        {
            Index = combination.Index,
            Dataset = data.Name,
            DatasetId = data.DatasetId,
            Symbol = data.Symbol,
            StrategyId = combination.Strategy.Id,
            Parameters = combination.Parameters,
            InSample = figures.InSample,
            OutOfSample = figures.OutOfSample,
            WalkForward = walkForward,
            Objective = _objective.Value(figures.InSample),
            OutOfSampleObjective = figures.OutOfSample is not null ? _objective.Value(figures.OutOfSample) : walkForward?.MeanObjective,
        };
    }
}
