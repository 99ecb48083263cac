namespace Velocitas.Cluster.Coordination;

/// <summary>How the coordinator cuts and hands out work.</summary>
public sealed class ClusterRunOptions
{
    /// <summary>Combinations per work item (smaller: finer progress and less lost to a dying silo; larger: less overhead).</summary>
    public int CombinationsPerItem { get; set; } = 16;

    /// <summary>Consecutive failed items after which a lane whose silo still looks alive stops taking work.</summary>
    public int MaxLaneFailures { get; set; } = 3;
}
