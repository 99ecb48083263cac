namespace Velocitas.Cluster.Contracts;

/// <summary>
/// One worker lane on one silo: runs work items one at a time. The coordinator keys lanes "silo|run|lane" and places
/// each on its silo, so a silo runs as many items at once as it has lanes (idle lanes are collected by Orleans).
/// </summary>
public interface IOptimizationWorkerGrain : IGrainWithStringKey
{
    /// <summary>Runs every combination of the item; stops between combinations when cancelled.</summary>
    Task<WorkItemOutcome> RunAsync(ClusterWorkItem item, CancellationToken cancellationToken);

    /// <summary>The silo this lane lives on: cores, lanes, items running.</summary>
    Task<SiloCapacity> DescribeAsync();

    /// <summary>Lets this activation go (it was placed on another silo than meant; the next call places it again).</summary>
    Task RetireAsync();
}

/// <summary>The coordinator's side of a run: silos read a coin's candles from it once, then cache them by hash.</summary>
public interface ICandleSource : IGrainObserver
{
    /// <summary>Candles [offset, offset + count) of the series with this content hash.</summary>
    Task<CandleChunk> ReadAsync(string key, int offset, int count);
}
