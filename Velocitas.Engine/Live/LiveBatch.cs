using Velocitas.Engine.Execution;

namespace Velocitas.Engine.Live;

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
