using System.Data.Common;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Velocitas.Cluster.Coordination;
using Velocitas.Cluster.Grains;
using Velocitas.Engine.Optimization;

namespace Velocitas.Cluster.Hosting;

/// <summary>Configures a silo of the Velocitas cluster: membership, endpoints and the optimisation workers.</summary>
public static class SiloSetup
{
    /// <summary>Membership and endpoints from <paramref name="settings"/>, then <see cref="AddOptimizationWorkers"/>.</summary>
    public static ISiloBuilder AddVelocitasSilo(this ISiloBuilder silo, ClusterSettings settings)
    {
        if (settings.UsesPostgres)
        {
            DbProviderFactories.RegisterFactory("Npgsql", Npgsql.NpgsqlFactory.Instance);
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            });
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = settings.ConnectionString;
            });
            silo.ConfigureEndpoints(settings.AdvertisedAddress is { Length: > 0 } a ? IPAddress.Parse(a) : IPAddress.Loopback,
                settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: settings.AdvertisedAddress is { Length: > 0 });
        }
        else
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, new IPEndPoint(IPAddress.Loopback, settings.PrimarySiloPort),
                settings.ServiceId, settings.ClusterId);
        }
        return silo.AddOptimizationWorkers(settings.Workers, new ClusterRunOptions { CombinationsPerItem = settings.CombinationsPerItem },
            TimeSpan.FromSeconds(settings.ItemTimeoutSeconds), new ClusterIdentity(settings.ClusterId, settings.UsesPostgres ? "postgres" : "localhost"));
    }

    /// <summary>
    /// The optimisation workers of this silo (<paramref name="workers"/> items at once) and, for the process that
    /// coordinates runs, <see cref="ClusterOptimizer"/> and <see cref="ClusterMonitor"/>.
    /// </summary>
    public static ISiloBuilder AddOptimizationWorkers(this ISiloBuilder silo, int workers, ClusterRunOptions? run = null, TimeSpan? itemTimeout = null,
        ClusterIdentity? identity = null)
    {
        silo.Services.AddSingleton(new SiloWorkshop(workers));
        silo.Services.AddSingleton(run ?? new ClusterRunOptions());
        silo.Services.AddSingleton(identity ?? new ClusterIdentity("velocitas", "localhost"));
        silo.Services.AddSingleton<ClusterMonitor>();
        silo.Services.AddSingleton<IClusterStatus>(sp => sp.GetRequiredService<ClusterMonitor>());
        silo.Services.AddSingleton<ClusterOptimizer>();
        silo.Services.AddSingleton<IOptimizationRunner>(sp => sp.GetRequiredService<ClusterOptimizer>());
        silo.Configure<SiloMessagingOptions>(o =>
        {
            o.ResponseTimeout = itemTimeout ?? TimeSpan.FromMinutes(10);
            o.CancelRequestOnTimeout = true;
        });
        return silo;
    }
}
