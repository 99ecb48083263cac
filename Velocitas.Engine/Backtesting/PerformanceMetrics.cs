using Velocitas.Engine.Execution;

namespace Velocitas.Engine.Backtesting;

/// <summary>
/// The figures a trader judges a run by. Percentages are in percent (12.5 = 12.5 %). Ratios are annualised
/// from the candle interval with a zero risk-free rate. A figure that is undefined for the run (no trades,
/// no losing trade, no variance) is null.
/// </summary>
public sealed record PerformanceMetrics
{
    /// <summary>Cash after the last close (positions closed at the end).</summary>
    public decimal FinalEquity { get; init; }
    /// <summary>Final over initial equity, minus one.</summary>
    public double TotalReturnPct { get; init; }
    /// <summary>Last close over first close, minus one: holding the coin instead.</summary>
    public double BuyAndHoldReturnPct { get; init; }
    /// <summary>Compound annual growth rate over the calendar span of the data.</summary>
    public double CagrPct { get; init; }
    /// <summary>Deepest fall of the close-marked equity curve from a running peak (a positive number).</summary>
    public double MaxDrawdownPct { get; init; }
    /// <summary>Time from the deepest drawdown's peak to its recovery (or to the end).</summary>
    public TimeSpan MaxDrawdownDuration { get; init; }
    /// <summary>Longest time spent below a previous equity peak.</summary>
    public TimeSpan LongestDrawdownDuration { get; init; }
    /// <summary>Mean over standard deviation of per-candle returns × √(candles per year).</summary>
    public double? Sharpe { get; init; }
    /// <summary>Mean over downside deviation of per-candle returns × √(candles per year).</summary>
    public double? Sortino { get; init; }
    /// <summary>CAGR over max drawdown.</summary>
    public double? Calmar { get; init; }
    /// <summary>Closed trades.</summary>
    public int Trades { get; init; }
    /// <summary>Share of trades with a positive net P&amp;L.</summary>
    public double? WinRatePct { get; init; }
    /// <summary>Gross profit over gross loss; null when no trade lost.</summary>
    public double? ProfitFactor { get; init; }
    /// <summary>Average net P&amp;L per trade, in quote currency.</summary>
    public decimal? Expectancy { get; init; }
    /// <summary>Average trade return (net, relative to the entry notional).</summary>
    public double? AvgTradePct { get; init; }
    /// <summary>Best trade return.</summary>
    public double? BestTradePct { get; init; }
    /// <summary>Worst trade return.</summary>
    public double? WorstTradePct { get; init; }
    /// <summary>Share of candles during which a position was held.</summary>
    public double ExposurePct { get; init; }
    /// <summary>All fees paid.</summary>
    public decimal FeesPaid { get; init; }
    /// <summary>System Quality Number: √n × mean / standard deviation of trade P&amp;L.</summary>
    public double? Sqn { get; init; }

    /// <summary>Computes the metrics from a finished session's statistics and trades.</summary>
    public static PerformanceMetrics Compute(EquityStatistics stats, IReadOnlyList<Trade> trades, decimal feesPaid, TimeSpan interval)
    {
        double initial = (double)stats.InitialCash;
        double final = (double)stats.LastEquity;
        double periodsPerYear = Velocitas.Engine.Market.Timeframe.PeriodsPerYearOf(interval);
        double years = stats.Candles == 0 ? 0 : ((stats.LastTime - stats.FirstTime) + interval).TotalDays / 365.25;

        double totalReturn = (final / initial) - 1;
        double cagr = years <= 0 ? 0 : final <= 0 ? -1 : Math.Pow(final / initial, 1 / years) - 1;
        double maxDd = stats.MaxDrawdown;
        double sd = stats.ReturnStdDev, down = stats.DownsideDeviation;

        double grossProfit = 0, grossLoss = 0, sumPct = 0, best = double.MinValue, worst = double.MaxValue, sumPnl = 0;
        int wins = 0;
        foreach (var t in trades)
        {
            double pnl = (double)t.Pnl, pct = (double)t.ReturnPct;
            if (pnl > 0) { grossProfit += pnl; wins++; }
            else grossLoss -= pnl;
            sumPnl += pnl;
            sumPct += pct;
            best = Math.Max(best, pct);
            worst = Math.Min(worst, pct);
        }
        int n = trades.Count;
        double? sqn = null;
        if (n >= 2)
        {
            double mean = sumPnl / n, ss = 0;
            foreach (var t in trades) ss += Math.Pow((double)t.Pnl - mean, 2);
            double tradeSd = Math.Sqrt(ss / (n - 1));
            if (tradeSd > 0) sqn = Math.Sqrt(n) * mean / tradeSd;
        }

        return new PerformanceMetrics
        {
            FinalEquity = stats.LastEquity,
            TotalReturnPct = totalReturn * 100,
            BuyAndHoldReturnPct = stats.FirstClose == 0 ? 0 : (double)((stats.LastClose / stats.FirstClose) - 1) * 100,
            CagrPct = cagr * 100,
            MaxDrawdownPct = maxDd * 100,
            MaxDrawdownDuration = stats.MaxDrawdownDuration,
            LongestDrawdownDuration = stats.LongestDrawdownDuration,
            Sharpe = sd > 0 ? stats.MeanReturn / sd * Math.Sqrt(periodsPerYear) : null,
            Sortino = down > 0 ? stats.MeanReturn / down * Math.Sqrt(periodsPerYear) : null,
            Calmar = maxDd > 0 ? cagr / maxDd : null,
            Trades = n,
            WinRatePct = n == 0 ? null : 100.0 * wins / n,
            ProfitFactor = grossLoss > 0 ? grossProfit / grossLoss : null,
            Expectancy = n == 0 ? null : trades.Sum(t => t.Pnl) / n,
            AvgTradePct = n == 0 ? null : sumPct / n,
            BestTradePct = n == 0 ? null : best,
            WorstTradePct = n == 0 ? null : worst,
            ExposurePct = stats.Candles == 0 ? 0 : 100.0 * stats.ExposedCandles / stats.Candles,
            FeesPaid = feesPaid,
            Sqn = sqn,
        };
    }
}
