using Velocitas.Engine.Execution;

namespace Velocitas.Engine.Backtesting;

/// <summary>How the trades of one exit reason fared.</summary>
/// <param name="Reason">Why they were closed.</param>
/// <param name="Trades">How many.</param>
/// <param name="Winners">How many made money after fees.</param>
/// <param name="Pnl">Their net P&amp;L.</param>
/// <param name="AverageReturnPct">Their mean return per trade.</param>
public sealed record ExitReasonStats(ExitReason Reason, int Trades, int Winners, decimal Pnl, double AverageReturnPct);

/// <summary>Holding times and exit reasons of a list of trades.</summary>
/// <param name="AverageDuration">Mean time from entry fill to exit fill.</param>
/// <param name="LongestDuration">Longest holding time.</param>
/// <param name="ShortestDuration">Shortest holding time.</param>
/// <param name="AverageWinnerDuration">Mean holding time of winners (null without one).</param>
/// <param name="AverageLoserDuration">Mean holding time of losers (null without one).</param>
/// <param name="ByExitReason">One line per exit reason that occurred, most frequent first.</param>
public sealed record TradeStatistics(TimeSpan AverageDuration, TimeSpan LongestDuration, TimeSpan ShortestDuration, TimeSpan? AverageWinnerDuration, TimeSpan? AverageLoserDuration,
    IReadOnlyList<ExitReasonStats> ByExitReason)
{
    /// <summary>The statistics of <paramref name="trades"/>, or null when there are none.</summary>
    public static TradeStatistics? Of(IReadOnlyList<Trade> trades)
    {
        if (trades.Count == 0) return null;
        static TimeSpan Held(Trade t) => t.ExitTime - t.EntryTime;
        static TimeSpan? Mean(IEnumerable<Trade> list) => list.Any() ? TimeSpan.FromTicks((long)list.Average(t => Held(t).Ticks)) : null;
        var reasons = trades.GroupBy(t => t.ExitReason)
            .Select(g => new ExitReasonStats(g.Key, g.Count(), g.Count(t => t.Pnl > 0), g.Sum(t => t.Pnl), (double)g.Average(t => t.ReturnPct)))
            .OrderByDescending(r => r.Trades).ThenBy(r => r.Reason).ToList();
        return new TradeStatistics(Mean(trades)!.Value, trades.Max(Held), trades.Min(Held), Mean(trades.Where(t => t.Pnl > 0)), Mean(trades.Where(t => t.Pnl <= 0)), reasons);
    }
}
