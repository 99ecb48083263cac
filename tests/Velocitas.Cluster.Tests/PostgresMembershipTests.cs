using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Runtime;
using Velocitas.Cluster.Coordination;
using Velocitas.Cluster.Grains;
using Velocitas.Cluster.Hosting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Optimization;
using Velocitas.Engine.Strategies;
using Velocitas.Engine.Tests;

namespace Velocitas.Cluster.Tests;

/// <summary>Two real silo hosts that find each other through Orleans' membership table in PostgreSQL.</summary>
public class PostgresMembershipTests
{
    [PostgresFact]
    public async Task Silos_with_postgres_membership_find_each_other_and_share_a_run()
    {
        await using var database = await TempDatabase.CreateAsync(Environment.GetEnvironmentVariable("VELOCITAS_TEST_POSTGRES")!);
        Assert.True(await PostgresMembershipSchema.EnsureAsync(database.ConnectionString));
        Assert.False(await PostgresMembershipSchema.EnsureAsync(database.ConnectionString)); // applied once
        string clusterId = $"test-{Guid.NewGuid():N}"[..16];
        using var first = await StartSiloAsync(database.ConnectionString, clusterId);
        using var second = await StartSiloAsync(database.ConnectionString, clusterId);
        await BothActiveAsync(first.Services.GetRequiredService<IClusterMembershipService>()).WaitAsync(TimeSpan.FromMinutes(2));

        // the first silo holds its first item until the second silo has started one, so both take part
        var secondStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        second.Services.GetRequiredService<SiloWorkshop>().ItemStarting = (_, _) => { secondStarted.TrySetResult(); return Task.CompletedTask; };
        int held = 0;
        first.Services.GetRequiredService<SiloWorkshop>().ItemStarting = (_, ct) => Interlocked.Increment(ref held) == 1 ? secondStarted.Task.WaitAsync(ct) : Task.CompletedTask;
        var request = new OptimizationRequest
        {
            Data = [new OptimizationData("BTC synthetic", "BTCUSDT", TestCandles.Synthetic(1500, 3), Timeframe.OneHour)],
            Strategies = [new StrategySearch(SmaCrossoverStrategy.CatalogEntry, new Dictionary<string, ParameterRange> { ["fast"] = ParameterRange.Parse("5:15:5", "fast"), ["slow"] = ParameterRange.Parse("20:40:10", "slow") })],
            Settings = new ExecutionSettings { FeeRate = 0.001m, LotStep = 0.0001m },
            MinTrades = 1,
            OutOfSampleFraction = 0.3,
        };

        var result = await first.Services.GetRequiredService<ClusterOptimizer>().RunAsync(request, null, CancellationToken.None);

        ResultAssert.Same(Optimizer.Run(request), result);
        Assert.True(second.Services.GetRequiredService<SiloWorkshop>().CombinationsDone > 0);
        Assert.Equal(1, second.Services.GetRequiredService<SiloWorkshop>().CandleFetches);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var rows = new NpgsqlCommand("SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @id AND status = 3", connection);
        rows.Parameters.AddWithValue("id", clusterId);
        Assert.Equal(2L, await rows.ExecuteScalarAsync()); // 3 = Active
        await second.StopAsync();
        await first.StopAsync();
    }

    private static async Task<IHost> StartSiloAsync(string connectionString, string clusterId)
    {
        var ports = FreePorts();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo.AddVelocitasSilo(new ClusterSettings
        {
            Membership = "Postgres", ConnectionString = connectionString, ClusterId = clusterId, ServiceId = clusterId,
            SiloPort = ports.Silo, GatewayPort = ports.Gateway, Workers = 1, CombinationsPerItem = 2,
        }));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task BothActiveAsync(IClusterMembershipService membership)
    {
        await foreach (var snapshot in membership.MembershipUpdates)
        {
            if (snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active) == 2) return;
        }
    }

    private static (int Silo, int Gateway) FreePorts()
    {
        var a = new TcpListener(IPAddress.Loopback, 0);
        var b = new TcpListener(IPAddress.Loopback, 0);
        a.Start();
        b.Start();
        var ports = (((IPEndPoint)a.LocalEndpoint).Port, ((IPEndPoint)b.LocalEndpoint).Port);
        a.Stop();
        b.Stop();
        return ports;
    }

    /// <summary>A database of its own on the test server, dropped afterwards.</summary>
    private sealed class TempDatabase : IAsyncDisposable
    {
        private readonly string _admin;
        private readonly string _name;

        private TempDatabase(string admin, string name, string connectionString)
        {
            _admin = admin;
            _name = name;
            ConnectionString = connectionString;
        }

        public string ConnectionString { get; }

        public static async Task<TempDatabase> CreateAsync(string server)
        {
            string name = $"velocitas_cluster_{Guid.NewGuid():N}"[..32];
            var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }
            return new TempDatabase(admin, name, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>A fact that runs only when VELOCITAS_TEST_POSTGRES holds a connection string (.ci/run starts a server and sets it).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("VELOCITAS_TEST_POSTGRES")))
            Skip = "Set VELOCITAS_TEST_POSTGRES to a PostgreSQL connection string to run this test (.ci/run does).";
    }
}
