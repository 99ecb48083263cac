using Velocitas.Cluster.Coordination;

namespace Velocitas.Web.Api;

/// <summary>The optimisation cluster's status.</summary>
public static class ClusterApi
{
    /// <summary>How long each silo may take to say how busy it is.</summary>
    private static readonly TimeSpan SiloWait = TimeSpan.FromSeconds(2);

    /// <summary>Maps GET /api/cluster.</summary>
    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cluster", StatusAsync).WithTags("Cluster")
            .WithSummary("The optimisation cluster: silos (address, status, cores, workers, items running, combinations done), items in flight and the distributed runs in progress (done/total, candles/s, per-silo counts). enabled is false when no cluster is configured (optimisations run in the app's process).");
        return app;
    }

    private static async Task<ClusterStatusResponse> StatusAsync(IServiceProvider services, CancellationToken ct)
    {
        if (services.GetService<IClusterStatus>() is not { } monitor) return ClusterStatusResponse.Off;
        var status = await monitor.StatusAsync(SiloWait, ct);
        return new ClusterStatusResponse(true, status.ClusterId, status.Membership, status.Silos.Count(s => s.Status == "Active"), status.Cores,
            status.ItemsInFlight, status.Silos, status.Runs);
    }
}

/// <summary>GET /api/cluster.</summary>
/// <param name="Enabled">False when no cluster is configured.</param>
/// <param name="ClusterId">Cluster id.</param>
/// <param name="Membership">localhost or postgres.</param>
/// <param name="ActiveSilos">Silos taking work.</param>
/// <param name="Cores">Cores of the active silos.</param>
/// <param name="ItemsInFlight">Work items running now.</param>
/// <param name="Silos">Each silo.</param>
/// <param name="Runs">Distributed optimisations in progress.</param>
public sealed record ClusterStatusResponse(bool Enabled, string? ClusterId, string? Membership, int ActiveSilos, int Cores, int ItemsInFlight,
    IReadOnlyList<SiloStatusView> Silos, IReadOnlyList<ClusterRunView> Runs)
{
    /// <summary>The answer without a cluster.</summary>
    public static ClusterStatusResponse Off { get; } = new(false, null, null, 0, 0, 0, [], []);
}
