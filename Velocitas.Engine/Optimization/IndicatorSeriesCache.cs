using System.Collections.Concurrent;
using Velocitas.Engine.Indicators;

namespace Velocitas.Engine.Optimization;

/// <summary>
/// Indicator series per coin and segment, computed once and shared by every combination that runs on them (and, on a
/// cluster silo, by every work item of that coin). Thread-safe.
/// </summary>
public sealed class IndicatorSeriesCache
{
    private readonly ConcurrentDictionary<(OptimizationData, int, int), Lazy<SharedIndicatorSeries>> _sources = new();

    /// <summary>The shared series of <paramref name="data"/> over <paramref name="segment"/>.</summary>
    public SharedIndicatorSeries For(OptimizationData data, Segment segment) =>
        _sources.GetOrAdd((data, segment.Start, segment.End),
            _ => new Lazy<SharedIndicatorSeries>(() => new SharedIndicatorSeries(data.Candles.AsSpan(segment.Start, segment.End - segment.Start)))).Value;

    /// <summary>Distinct indicator series computed so far, all segments together.</summary>
    public int SeriesComputed => _sources.Values.Where(l => l.IsValueCreated).Sum(l => l.Value.SeriesComputed);
}
