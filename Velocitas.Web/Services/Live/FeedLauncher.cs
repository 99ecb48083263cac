using Velocitas.Engine.Live;

namespace Velocitas.Web.Services.Live;

/// <summary>
/// Starts a feed, the one way for the Live page and the API: builds it from a <see cref="FeedRequest"/>, says which
/// open positions a feed of another market closes first (<see cref="LiveEngine.PlanStart"/>), starts the engine.
/// Every failure is a <see cref="FeedStartException"/> saying what to change.
/// </summary>
public sealed class FeedLauncher(LiveEngine engine, MarketFeedFactory feeds)
{
    /// <summary>What starting <paramref name="request"/> would do, without starting it.</summary>
    public async Task<FeedPlan> PlanAsync(FeedRequest request, CancellationToken ct)
    {
        var feed = await CreateAsync(request, ct);
        return new FeedPlan(feed, engine.PlanStart(feed));
    }

    /// <summary>Starts the engine on <paramref name="request"/>'s feed; returns the plan it carried out.</summary>
    public async Task<FeedPlan> StartAsync(FeedRequest request, CancellationToken ct)
    {
        ThrowIfRunning();
        return await StartAsync(await PlanAsync(request, ct), ct);
    }

    /// <summary>Starts a plan the trader has seen (the market rule applies to what is open at this moment).</summary>
    public async Task<FeedPlan> StartAsync(FeedPlan plan, CancellationToken ct)
    {
        ThrowIfRunning();
        plan = plan with { Closes = engine.PlanStart(plan.Feed) };
        try
        {
            await engine.StartAsync(plan.Feed, ct);
        }
        catch (InvalidOperationException ex)
        {
            throw new FeedStartException(FeedStartError.AlreadyRunning, ex.Message, ex);
        }
        return plan;
    }

    private void ThrowIfRunning()
    {
        if (engine.State is EngineState.Running or EngineState.Starting)
            throw new FeedStartException(FeedStartError.AlreadyRunning, $"The engine is already running on the {engine.Feed?.Name} feed; stop it first.");
    }

    private async Task<IMarketFeed> CreateAsync(FeedRequest request, CancellationToken ct)
    {
        try
        {
            return await feeds.CreateAsync(request, engine.Snapshot.Instances.Select(i => i.Symbol), ct);
        }
        catch (FeedException ex)
        {
            throw new FeedStartException(FeedStartError.BadRequest, ex.Message, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or RateLimitedException)
        {
            throw new FeedStartException(FeedStartError.Unavailable, ex.Message, ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new FeedStartException(FeedStartError.Unavailable, "The market data service did not answer in time.", ex);
        }
    }
}

/// <summary>A feed ready to start and the positions it would close first (empty when none).</summary>
/// <param name="Feed">The feed.</param>
/// <param name="Closes">Positions opened on another market, closed at their own market's last price before it starts.</param>
public sealed record FeedPlan(IMarketFeed Feed, IReadOnlyList<MarketSwitch> Closes);
