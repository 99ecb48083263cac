using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;

namespace Velocitas.Engine.Tests.Backtesting;

public class TradeStatisticsTests
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private static Trade Held(double hours, decimal pnl, ExitReason reason) =>
        new(T0, T0.AddHours(hours), 1m, 100m, 100m + pnl, pnl, 0m, reason);

    [Fact]
    public void Holding_times_and_exit_reasons_are_counted_with_their_results()
    {
        var stats = TradeStatistics.Of([Held(2, 5m, ExitReason.Signal), Held(10, -3m, ExitReason.StopLoss), Held(6, 1m, ExitReason.Signal), Held(1, 8m, ExitReason.TakeProfit)])!;

        Assert.Equal(TimeSpan.FromHours(4.75), stats.AverageDuration);
        Assert.Equal(TimeSpan.FromHours(10), stats.LongestDuration);
        Assert.Equal(TimeSpan.FromHours(1), stats.ShortestDuration);
        Assert.Equal(TimeSpan.FromHours(3), stats.AverageWinnerDuration);
        Assert.Equal(TimeSpan.FromHours(10), stats.AverageLoserDuration);
        Assert.Equal([ExitReason.Signal, ExitReason.StopLoss, ExitReason.TakeProfit], stats.ByExitReason.Select(r => r.Reason));
        var signal = stats.ByExitReason[0];
        Assert.Equal((2, 2, 6m, 3.0), (signal.Trades, signal.Winners, signal.Pnl, signal.AverageReturnPct));
        Assert.Null(TradeStatistics.Of([]));
    }
}
