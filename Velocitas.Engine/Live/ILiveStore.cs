using Velocitas.Engine.Execution;

namespace Velocitas.Engine.Live;

/// <summary>A trade closed by a live instance.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="StrategyId">Its strategy.</param>
/// <param name="Symbol">Its coin.</param>
/// <param name="Trade">The round trip.</param>
public sealed record LiveTrade(int InstanceId, string StrategyId, string Symbol, Trade Trade);

/// <summary>A persisted instance as loaded at start-up.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Spec">What it runs.</param>
/// <param name="State">Its account, null when it never traded.</param>
/// <param name="Paused">Paused instances receive data but do not trade.</param>
/// <param name="LastPrice">Last price the instance saw, to mark its position until new data arrives.</param>
/// <param name="PauseReason">Why it was paused when its strategy's code failed (shown again after a restart).</param>
public sealed record PersistedInstance(int Id, InstanceSpec Spec, AccountState? State, bool Paused, decimal? LastPrice = null, string? PauseReason = null);

/// <summary>
/// One write-behind batch: new trades, the latest account state of each instance that changed, and new samples of the
/// portfolio's equity (all instances together, stamped with the market's clock).
/// </summary>
public sealed record LiveBatch(IReadOnlyList<LiveTrade> Trades, IReadOnlyDictionary<int, AccountState> Accounts, IReadOnlyDictionary<int, decimal> LastPrices,
    IReadOnlyList<Equity>? PortfolioEquity = null)
{
    /// <summary>The latest fund measures of the groups (overall, per coin, per strategy) that changed.</summary>
    public IReadOnlyDictionary<string, FundMeasure>? Funds { get; init; }
}

/// <summary>A group's fund measure as persisted: value per unit, its peak and the deepest drawdown (percent).</summary>
public sealed record FundMeasure(double UnitValue, double Peak, double MaxDrawdownPct);

/// <summary>Where the live engine keeps instances, accounts and trades (implemented by the data layer).</summary>
public interface ILiveStore
{
    /// <summary>Instances that were not removed, with their accounts.</summary>
    Task<IReadOnlyList<PersistedInstance>> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Removed instances with their final accounts: their results stay in the totals.</summary>
    Task<IReadOnlyList<PersistedInstance>> LoadClosedAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<PersistedInstance>>([]);

    /// <summary>The groups' fund measures saved last (overall, per coin, per strategy).</summary>
    Task<IReadOnlyDictionary<string, FundMeasure>> LoadFundsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyDictionary<string, FundMeasure>>(new Dictionary<string, FundMeasure>());

    /// <summary>Stores a new instance; returns its id.</summary>
    Task<int> AddAsync(InstanceSpec spec, CancellationToken cancellationToken);

    /// <summary>Marks an instance removed (its trades stay for history).</summary>
    Task RemoveAsync(int id, CancellationToken cancellationToken);

    /// <summary>Pauses or resumes an instance; <paramref name="reason"/> says why when its code failed (null otherwise, and on resume).</summary>
    Task SetPausedAsync(int id, bool paused, string? reason, CancellationToken cancellationToken);

    /// <summary>Writes a batch in one transaction.</summary>
    Task SaveAsync(LiveBatch batch, CancellationToken cancellationToken);

    /// <summary>The newest <paramref name="count"/> portfolio equity samples, oldest first (older ones may be pruned).</summary>
    Task<IReadOnlyList<Equity>> LoadPortfolioEquityAsync(int count, CancellationToken cancellationToken);
}
