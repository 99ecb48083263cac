using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Velocitas.Cluster.Coordination;
using Velocitas.Engine.Optimization;
using Velocitas.Web.Cli;
using Velocitas.Web.Components.Pages.Optimization;

namespace Velocitas.Web.Tests;

/// <summary>Without a cluster nothing of Orleans starts; with one the app hosts a silo, optimises on it and reports it.</summary>
public class ClusterTests
{
    [Fact]
    public async Task Without_a_cluster_the_status_says_so_and_optimisations_run_in_process()
    {
        await using var app = new AppFactory();
        var http = app.Start();
        var status = await http.GetFromJsonAsync<JsonElement>("/api/cluster");
        Assert.False(status.GetProperty("enabled").GetBoolean());
        Assert.Equal(0, status.GetProperty("silos").GetArrayLength());
        Assert.Same(InProcessOptimizationRunner.Instance, app.Services.GetRequiredService<IOptimizationRunner>());
        app.DeleteData();
    }

    [Fact]
    public async Task With_localhost_membership_the_app_hosts_a_silo_that_runs_its_optimisations()
    {
        await using var app = new AppFactory(settings: LocalhostCluster(workers: 2, out _));
        var http = app.Start();
        Assert.IsType<ClusterOptimizer>(app.Services.GetRequiredService<IOptimizationRunner>());

        var run = await http.PostAsJsonAsync("/api/optimization/backtest", new
        {
            dataset_ids = new[] { 1, 2 },
            strategy_configs = new[] { new { strategy_name = "sma-crossover", @params = new Dictionary<string, object> { ["fast"] = "5:15:5", ["slow"] = "20,30" } } },
        });
        run.EnsureSuccessStatusCode();
        Assert.Equal(12, (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("combinations").GetInt32());

        var status = await http.GetFromJsonAsync<JsonElement>("/api/cluster");
        Assert.True(status.GetProperty("enabled").GetBoolean());
        Assert.Equal("localhost", status.GetProperty("membership").GetString());
        Assert.Equal(1, status.GetProperty("activeSilos").GetInt32());
        Assert.Equal(Environment.ProcessorCount, status.GetProperty("cores").GetInt32());
        var only = Assert.Single(status.GetProperty("silos").EnumerateArray());
        Assert.Equal(2, only.GetProperty("workers").GetInt32());
        Assert.Equal(12, only.GetProperty("combinationsDone").GetInt64());
        Assert.Equal(0, status.GetProperty("itemsInFlight").GetInt32());
        app.DeleteData();
    }

    [Fact]
    public async Task A_worker_joins_the_apps_cluster_takes_work_items_and_leaves_on_cancel()
    {
        var settings = LocalhostCluster(workers: 1, out int silo);
        settings["Velocitas:Cluster:CombinationsPerItem"] = "1";
        await using var app = new AppFactory(settings: settings);
        var http = app.Start();
        var output = new StringWriter();
        var errors = new StringWriter();
        using var stop = new CancellationTokenSource();
        var worker = CliApp.RunAsync(["worker", "--primary-port", $"{silo}", "--workers", "1"], output, errors, new ConfigurationBuilder().Build(), ct: stop.Token);

        JsonElement status = default;
        for (int i = 0; i < 600 && (status.ValueKind == JsonValueKind.Undefined || status.GetProperty("activeSilos").GetInt32() < 2); i++)
        {
            Assert.False(worker.IsCompleted, errors.ToString());
            await Task.Delay(100);
            status = await http.GetFromJsonAsync<JsonElement>("/api/cluster");
        }
        Assert.Equal(2, status.GetProperty("activeSilos").GetInt32());
        Assert.Contains("joined cluster 'velocitas' (localhost membership through 127.0.0.1:", output.ToString());

        var run = await http.PostAsJsonAsync("/api/optimization/backtest", new
        {
            dataset_ids = new[] { 1, 2, 3 },
            strategy_configs = new[] { new { strategy_name = "sma-crossover", @params = new Dictionary<string, object> { ["fast"] = "5:30:1", ["slow"] = "40,60" } } },
        });
        run.EnsureSuccessStatusCode();
        status = await http.GetFromJsonAsync<JsonElement>("/api/cluster");
        Assert.Equal(3 * 26 * 2, status.GetProperty("silos").EnumerateArray().Sum(s => s.GetProperty("combinationsDone").GetInt64()));

        await stop.CancelAsync();
        Assert.Equal(0, await worker);
        Assert.Contains("Leaving the cluster...", output.ToString());
        app.DeleteData();
    }

    [Fact]
    public async Task A_worker_with_an_unknown_membership_says_what_is_expected()
    {
        var errors = new StringWriter();
        int code = await CliApp.RunAsync(["worker", "--membership", "Zookeeper"], new StringWriter(), errors, new ConfigurationBuilder().Build());
        Assert.Equal(1, code);
        Assert.Contains("Velocitas:Cluster:Membership must be Localhost or Postgres (was 'Zookeeper')", errors.ToString());
    }

    [Fact]
    public void Wrong_cluster_settings_stop_the_start_and_name_each_key()
    {
        using var app = new AppFactory(settings: new()
        {
            ["Velocitas:Cluster:Membership"] = "Zookeeper",
            ["Velocitas:Cluster:Workers"] = "0",
            ["Velocitas:Cluster:GatewayPort"] = "11111",
        });
        var ex = Assert.ThrowsAny<OptionsValidationException>(() => app.Start());
        string message = string.Join(" | ", ex.Failures);
        Assert.Contains("Velocitas:Cluster:Membership must be Localhost or Postgres (was 'Zookeeper')", message);
        Assert.Contains("Velocitas:Cluster:Workers must be between 1 and 1024 (was 0).", message);
        Assert.Contains("Velocitas:Cluster:SiloPort and GatewayPort must differ (both 11111).", message);
        app.DeleteData();
    }

    [Fact]
    public void Postgres_membership_needs_a_connection_string()
    {
        var settings = new Velocitas.Cluster.Hosting.ClusterSettings { Membership = "Postgres" };
        Assert.Contains("Velocitas:Cluster:ConnectionString is required with Postgres membership (or use the PostgreSQL database: Velocitas:Database:Provider=Postgres).", settings.Problems());
        var configured = Velocitas.Web.Cluster.ClusterConfiguration.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Velocitas:Cluster:Membership"] = "Postgres",
            ["Velocitas:Database:Provider"] = "Postgres",
            ["Velocitas:Database:ConnectionString"] = "Host=db;Database=velocitas",
        }).Build());
        Assert.Equal("Host=db;Database=velocitas", configured.ConnectionString);
        Assert.Empty(configured.Problems());
    }

    [Fact]
    public async Task The_cluster_panel_shows_silos_cores_items_in_flight_and_each_runs_progress()
    {
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton<IClusterStatus>(new FixedStatus(new ClusterStatusView("velocitas", "postgres",
        [
            new SiloStatusView("10.0.0.1:11111@1", "web", "Active", 8, 8, 3, 1200),
            new SiloStatusView("10.0.0.2:11111@1", "worker-a", "Active", 16, 16, 2, 900),
            new SiloStatusView("10.0.0.3:11111@1", "worker-b", "ShuttingDown", null, null, null, null),
        ],
        [
            new ClusterRunView(Guid.Empty, 2100, 5000, 313, 1, 12.5, 1_234_567,
                [new SiloShareView("10.0.0.1:11111@1", 3, 1200), new SiloShareView("10.0.0.2:11111@1", 2, 900)]),
        ])));

        var cut = ctx.Render<ClusterPanel>();

        Assert.Equal("2 silos", cut.Find("[data-testid=cluster-silos]").TextContent.Trim());
        Assert.Equal("24 cores", cut.Find("[data-testid=cluster-cores]").TextContent.Trim());
        Assert.Equal("5 items in flight", cut.Find("[data-testid=cluster-in-flight]").TextContent.Trim());
        Assert.Equal(3, cut.FindAll("[data-testid=cluster-silo-table] tbody tr").Count);
        Assert.Contains("–", cut.FindAll("[data-testid=cluster-silo-table] tbody tr")[2].TextContent);
        string run = cut.Find("[data-testid=cluster-run]").TextContent;
        Assert.Contains("2,100 of 5,000 combinations in 313 work items", run);
        Assert.Contains("1,234,567 candles/s", run);
        Assert.Contains("1 item(s) re-run after a silo failed", run);
        Assert.Contains("10.0.0.2:11111@1: 900 done, 2 in flight", cut.Markup);
    }

    [Fact]
    public async Task Without_a_cluster_the_panel_shows_nothing()
    {
        await using var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        var cut = ctx.Render<ClusterPanel>();
        Assert.Empty(cut.FindAll("[data-testid=cluster-panel]"));
    }

    /// <summary>Settings of an app that hosts a one-silo localhost cluster on free ports.</summary>
    private static Dictionary<string, string?> LocalhostCluster(int workers, out int silo)
    {
        (silo, int gateway) = FreePorts();
        return new()
        {
            ["Velocitas:Cluster:Membership"] = "Localhost",
            ["Velocitas:Cluster:SiloPort"] = $"{silo}",
            ["Velocitas:Cluster:PrimarySiloPort"] = $"{silo}",
            ["Velocitas:Cluster:GatewayPort"] = $"{gateway}",
            ["Velocitas:Cluster:Workers"] = $"{workers}",
        };
    }

    private static (int, int) FreePorts()
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

    private sealed class FixedStatus(ClusterStatusView view) : IClusterStatus
    {
        public Task<ClusterStatusView> StatusAsync(TimeSpan wait, CancellationToken ct = default) => Task.FromResult(view);
    }
}
