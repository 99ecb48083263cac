namespace Velocitas.Engine.Live;

/// <summary>Throughput and health of the pipeline.</summary>
/// <param name="Published">Events the feed published.</param>
/// <param name="EventsPerSecond">Recent publishing rate.</param>
/// <param name="Deliveries">Events processed by instances.</param>
/// <param name="ConflatedTicks">Ticks conflated for slow instances.</param>
/// <param name="PendingWrites">Trades and account states not yet saved.</param>
/// <param name="PersistenceLagMs">Age of the oldest unsaved item.</param>
/// <param name="PersistedTrades">Trades saved since start.</param>
/// <param name="LatencyP50Micros">Median publish-to-processing latency (µs, bucket upper bound).</param>
/// <param name="LatencyP99Micros">99th percentile latency (µs, bucket upper bound).</param>
/// <param name="Workers">Worker threads.</param>
/// <param name="LastPersistenceError">Last write failure (retried), if any.</param>
public sealed record PipelineSnapshot(long Published, double EventsPerSecond, long Deliveries, long ConflatedTicks, int PendingWrites, double PersistenceLagMs, long PersistedTrades, double? LatencyP50Micros, double? LatencyP99Micros, int Workers, string? LastPersistenceError)
{
    /// <summary>Why trading is halted (the database refuses writes and the backlog reached its cap), or null.</summary>
    public string? TradingHaltedReason { get; init; }
}
