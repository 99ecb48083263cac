namespace Velocitas.Engine.Live;

/// <summary>The whole engine at one moment, published about four times a second.</summary>
/// <param name="Time">When it was taken.</param>
/// <param name="State">Engine state.</param>
/// <param name="Feed">The feed, if one ran.</param>
/// <param name="Instances">Every instance.</param>
/// <param name="ByCoin">P&amp;L per coin.</param>
/// <param name="ByStrategy">P&amp;L per strategy.</param>
/// <param name="Overall">P&amp;L of everything.</param>
/// <param name="LastPrices">Last price per symbol.</param>
/// <param name="Pipeline">Throughput and persistence.</param>
public sealed record EngineSnapshot(
    DateTimeOffset Time,
    EngineState State,
    FeedSnapshot? Feed,
    IReadOnlyList<InstanceSnapshot> Instances,
    IReadOnlyList<PnlLine> ByCoin,
    IReadOnlyList<PnlLine> ByStrategy,
    PnlLine Overall,
    IReadOnlyDictionary<string, decimal> LastPrices,
    PipelineSnapshot Pipeline)
{
    /// <summary>
    /// Time of the newest market event (a tick's or candle's own time): the market's clock, which a replay or the
    /// synthetic feed runs faster than the wall clock of <see cref="Time"/>. Null before the first event.
    /// </summary>
    public DateTimeOffset? MarketTime { get; init; }

    /// <summary>Removed instances, as they were when removed: their results stay in the P&amp;L lines.</summary>
    public IReadOnlyList<InstanceSnapshot> ClosedInstances { get; init; } = [];

    /// <summary>An empty snapshot.</summary>
    public static EngineSnapshot Empty(DateTimeOffset now) => new(now, EngineState.Stopped, null, [], [], [], PnlLine.Sum("overall", [], [], new FundValue()), new Dictionary<string, decimal>(),
        new PipelineSnapshot(0, 0, 0, 0, 0, 0, 0, null, null, 0, null));
}
