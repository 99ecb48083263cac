using Velocitas.Engine.Live;

namespace Velocitas.Web.Services;

/// <summary>Runs the live engine with the app: restores instances at start, drains and saves everything at shutdown.</summary>
public sealed class LiveEngineHost(LiveEngine engine, ILogger<LiveEngineHost> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await engine.InitializeAsync(cancellationToken);
        logger.LogInformation("Live engine ready with {Count} strategy instance(s).", engine.Snapshot.Instances.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await engine.StopAsync(cancellationToken);
        logger.LogInformation("Live engine stopped; trades and accounts saved.");
    }
}
