namespace Velocitas.Engine.Live;

/// <summary>Tuning of the live pipeline (configuration section <c>Velocitas:Live</c>).</summary>
public sealed record LiveEngineOptions
{
    /// <summary>Threads that run strategy instances at once (each instance still has one writer).</summary>
    public int Workers { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>How often the engine publishes a snapshot.</summary>
    public TimeSpan SnapshotInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Write-behind: a batch is written at least this often.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Write-behind: most items per transaction.</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>
    /// Write-behind: unsaved items (trades, account states, equity samples) at which trading halts until the database
    /// accepts writes again (see <see cref="PersistenceGate"/>).
    /// </summary>
    public int MaxPendingWrites { get; init; } = 20_000;

    /// <summary>How long shutdown waits for unsaved items while the database refuses them, before giving up (logged).</summary>
    public TimeSpan ShutdownSaveTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the portfolio's fund measures (unit values, peaks, drawdowns) are saved while they change; always at stop.</summary>
    public TimeSpan FundSaveInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Recent trades kept in memory for the blotter and the API.</summary>
    public int RecentTrades { get; init; } = 1000;
}
