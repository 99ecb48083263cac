using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using Velocitas.Cluster.Coordination;
using Velocitas.Cluster.Grains;
using Velocitas.Cluster.Hosting;

namespace Velocitas.Cluster.Tests;

/// <summary>
/// Three in-process silos with one optimisation worker each (two combinations per work item, so a small grid makes
/// many items). The first silo coordinates, as the web app does. Each test builds its own cluster: some kill a silo.
/// </summary>
internal sealed class ClusterFixture : IAsyncDisposable
{
    private ClusterFixture(InProcessTestCluster cluster) => Cluster = cluster;

    public InProcessTestCluster Cluster { get; }

    /// <summary>The coordinating silo's optimiser.</summary>
    public ClusterOptimizer Optimizer => Services(0).GetRequiredService<ClusterOptimizer>();

    /// <summary>The coordinating silo's monitor.</summary>
    public ClusterMonitor Monitor => Services(0).GetRequiredService<ClusterMonitor>();

    public static async Task<ClusterFixture> StartAsync(short silos = 3)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddOptimizationWorkers(1, new ClusterRunOptions { CombinationsPerItem = 2 }, TimeSpan.FromMinutes(5));
            // a killed silo is declared dead after a couple of missed probes
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });
        });
        builder.Options.ConfigureFileLogging = false;
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new ClusterFixture(cluster);
    }

    public IServiceProvider Services(int silo) => Cluster.GetSiloServiceProvider(Cluster.Silos[silo].SiloAddress);

    public SiloWorkshop Workshop(int silo) => Services(silo).GetRequiredService<SiloWorkshop>();

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
