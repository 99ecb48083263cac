using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Velocitas.Cluster.Hosting;
using Velocitas.Web.Cluster;

namespace Velocitas.Web.Cli;

/// <summary>
/// <c>worker</c>: joins this machine to the optimisation cluster as a silo that runs work items, until Ctrl+C (then it
/// leaves cleanly; items it was running run elsewhere). Membership and the cluster id come from <c>Velocitas:Cluster</c>
/// (appsettings.json or <c>Velocitas__Cluster__*</c> environment variables); the options below override them.
/// </summary>
internal sealed class WorkerCommand : CliVerb
{
    private readonly Option<string> _membership;
    private readonly Option<int?> _primaryPort;
    private readonly Option<int?> _siloPort;
    private readonly Option<int?> _gatewayPort;
    private readonly Option<int?> _workers;
    private readonly Option<string> _advertise;

    public WorkerCommand() : base("worker", "Join the optimisation cluster as a worker silo (runs work items of distributed optimisations) until Ctrl+C.")
    {
        _membership = Add(new Option<string>("--membership") { Description = "Localhost (silos on this machine) or Postgres (default: Velocitas:Cluster:Membership, else Localhost).", HelpName = "kind" });
        _primaryPort = Add(new Option<int?>("--primary-port") { Description = "Localhost membership: silo port of the web app's silo (default: Velocitas:Cluster:PrimarySiloPort, 11111).", HelpName = "port" });
        _siloPort = Add(new Option<int?>("--silo-port") { Description = "This silo's port (default: a free port).", HelpName = "port" });
        _gatewayPort = Add(new Option<int?>("--gateway-port") { Description = "This silo's gateway port (default: a free port).", HelpName = "port" });
        _workers = Add(new Option<int?>("--workers") { Description = "Work items run at once (default: the machine's cores).", HelpName = "n" });
        _advertise = Add(new Option<string>("--advertise") { Description = "Postgres membership: the IP address other machines reach this one on.", HelpName = "ip" });
    }

    public override async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken ct)
    {
        var settings = Settings(parse, context.Configuration);
        if (settings.Problems() is { Count: > 0 } problems) throw new CliInputException(string.Join(" ", problems));
        if (settings.UsesPostgres) await PostgresMembershipSchema.EnsureAsync(settings.ConnectionString!, ct);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Velocitas", LogLevel.Information).AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        builder.UseOrleans(silo => silo.AddVelocitasSilo(settings));
        using var host = builder.Build();
        // Ctrl+C (the CLI's token) or SIGTERM (systemd, docker stop) leaves the cluster cleanly
        using var leave = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            leave.Cancel();
        });
        await host.StartAsync(ct);
        string how = settings.UsesPostgres ? "PostgreSQL membership" : $"localhost membership through 127.0.0.1:{settings.PrimarySiloPort}";
        await context.Out.WriteLineAsync($"Worker silo on port {settings.SiloPort} joined cluster '{settings.ClusterId}' ({how}) with {settings.Workers} worker(s). Ctrl+C leaves the cluster.");
        try
        {
            await Task.Delay(Timeout.Infinite, leave.Token);
        }
        catch (OperationCanceledException) when (leave.IsCancellationRequested)
        {
            await context.Out.WriteLineAsync("Leaving the cluster...");
        }
        await host.StopAsync(CancellationToken.None);
        return 0;
    }

    private ClusterSettings Settings(ParseResult parse, IConfiguration configuration)
    {
        var settings = ClusterConfiguration.Read(configuration);
        settings.Membership = parse.GetValue(_membership) ?? (settings.Enabled ? settings.Membership : "Localhost");
        if (parse.GetValue(_primaryPort) is { } primary) settings.PrimarySiloPort = primary;
        var free = FreePorts(2);
        settings.SiloPort = parse.GetValue(_siloPort) ?? free[0];
        settings.GatewayPort = parse.GetValue(_gatewayPort) ?? free[1];
        if (parse.GetValue(_workers) is { } workers) settings.Workers = workers;
        if (parse.GetValue(_advertise) is { Length: > 0 } address) settings.AdvertisedAddress = address;
        return settings;
    }

    /// <summary>Ports free now (held open together, so they differ).</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
