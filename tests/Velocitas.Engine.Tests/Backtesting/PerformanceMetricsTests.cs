using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Tests.Backtesting;

public class PerformanceMetricsTests
{
    // Equity at each close: 1000, 1200, 1200, 900, 1000, 1100. Trades: +200 (10 → 12), −100 (12 → 11).
    private static BacktestResult TwoTrades() => Backtester.Run(
        TestCandles.Daily((10, 10, 10, 10), (10, 12, 10, 12), (12, 12, 12, 12), (12, 12, 9, 9), (9, 10, 9, 10), (11, 11, 11, 11)),
        new ScriptedStrategy((0, Signal.Enter), (1, Signal.Exit), (2, Signal.Enter), (4, Signal.Exit)),
        new ExecutionSettings { InitialCash = 1000m });

    [Fact]
    public void Equity_curve_has_one_close_marked_point_per_candle()
    {
        var r = TwoTrades();
        Assert.Equal(new[] { 1000m, 1200m, 1200m, 900m, 1000m, 1100m }, r.Equity.Select(e => e.Value));
    }

    [Fact]
    public void Trade_statistics_are_computed_from_net_trade_pnl()
    {
        var m = TwoTrades().Metrics;

        Assert.Equal(1100m, m.FinalEquity);
        Assert.Equal(10, m.TotalReturnPct, 9);
        Assert.Equal(10, m.BuyAndHoldReturnPct, 9);
        Assert.Equal(2, m.Trades);
        Assert.Equal(50, m.WinRatePct);
        Assert.Equal(2, m.ProfitFactor);
        Assert.Equal(50m, m.Expectancy);
        Assert.Equal((20 - (100.0 / 12)) / 2, m.AvgTradePct!.Value, 9);
        Assert.Equal(20, m.BestTradePct!.Value, 9);
        Assert.Equal(-100.0 / 12, m.WorstTradePct!.Value, 9);
        Assert.Equal(Math.Sqrt(2) * 50 / Math.Sqrt((150.0 * 150 * 2) / 1), m.Sqn!.Value, 9);
        Assert.Equal(0m, m.FeesPaid);
    }

    [Fact]
    public void Max_drawdown_is_the_deepest_fall_from_a_peak_of_the_close_marked_curve()
    {
        var m = TwoTrades().Metrics;
        Assert.Equal(25, m.MaxDrawdownPct, 9);                        // 1200 → 900
        Assert.Equal(TimeSpan.FromDays(3), m.MaxDrawdownDuration);    // from the last 1200 close, not yet recovered
    }

    [Fact]
    public void Exposure_counts_candles_that_held_a_position_after_the_open()
    {
        Assert.Equal(50, TwoTrades().Metrics.ExposurePct, 9); // candles 1, 3 and 4 of 6
    }

    [Fact]
    public void Ratios_are_annualised_from_the_candle_interval()
    {
        var m = TwoTrades().Metrics;
        double[] returns = [0, 0.2, 0, -0.25, (1000.0 / 900) - 1, 0.1];
        double mean = returns.Average();
        double sd = Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / (returns.Length - 1));
        double downside = Math.Sqrt(returns.Where(r => r < 0).Sum(r => r * r) / returns.Length);
        double years = 6 / 365.25;
        double cagr = Math.Pow(1.1, 1 / years) - 1;

        Assert.Equal(mean / sd * Math.Sqrt(365.25), m.Sharpe!.Value, 9);
        Assert.Equal(mean / downside * Math.Sqrt(365.25), m.Sortino!.Value, 9);
        Assert.Equal(cagr * 100, m.CagrPct, 6);
        Assert.Equal(cagr / 0.25, m.Calmar!.Value, 6);
    }

    [Fact]
    public void Undefined_figures_are_null_not_zero_or_infinite()
    {
        var flat = Backtester.Run(TestCandles.FromCloses(10, 10, 10), new ScriptedStrategy(), new ExecutionSettings());
        Assert.Equal(0, flat.Metrics.Trades);
        Assert.Null(flat.Metrics.WinRatePct);
        Assert.Null(flat.Metrics.ProfitFactor);
        Assert.Null(flat.Metrics.Sharpe);
        Assert.Null(flat.Metrics.Calmar);
        Assert.Null(flat.Metrics.Sqn);
        Assert.Equal(0, flat.Metrics.MaxDrawdownPct);
    }
}
