using Velocitas.Engine.Execution;

namespace Velocitas.Engine.Live;

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
