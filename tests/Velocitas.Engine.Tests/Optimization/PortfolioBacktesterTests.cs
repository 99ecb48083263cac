using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Optimization;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Tests.Optimization;

public class PortfolioBacktesterTests
{
    [Fact]
    public void Legs_share_the_cash_by_weight_and_the_combined_equity_is_their_sum()
    {
        var btc = TestCandles.Synthetic(2000, 1, 40_000);
        var eth = TestCandles.Synthetic(2000, 2, 2_000);
        var settings = new ExecutionSettings { InitialCash = 30_000m, FeeRate = 0.001m, LotStep = 0.0001m };
        var legs = new[]
        {
            new PortfolioLeg("BTCUSDT", btc, Timeframe.OneHour, SmaCrossoverStrategy.CatalogEntry, null, Weight: 2),
            new PortfolioLeg("ETHUSDT", eth, Timeframe.OneHour, RsiStrategy.CatalogEntry, null, Weight: 1),
        };

        var p = PortfolioBacktester.Run(legs, settings);

        Assert.Equal(new[] { 20_000m, 10_000m }, p.Legs.Select(l => l.Allocation));
        Assert.Equal(Backtester.Run(btc, SmaCrossoverStrategy.CatalogEntry.Create(), settings with { InitialCash = 20_000m }).Metrics, p.Legs[0].Result.Metrics);
        Assert.Equal(p.Legs.Sum(l => l.Result.Metrics.FinalEquity), p.Combined.Metrics.FinalEquity);
        Assert.Equal(p.Combined.Equity[^1].Value, p.Combined.Metrics.FinalEquity);
        Assert.Equal(p.Combined.Metrics.TotalReturnPct, p.Legs.Sum(l => l.ContributionPct), 9);
        Assert.Equal(p.Legs.Sum(l => l.Result.Trades.Count), p.Combined.Trades.Count);
        Assert.Equal(p.Combined.Trades.Count, p.TradeSymbols.Count);
        Assert.Equal(1, p.Correlation[0, 0]);
        Assert.Equal(p.Correlation[0, 1], p.Correlation[1, 0]);
        Assert.InRange(p.Correlation[0, 1], -1, 1);
        Assert.Equal("portfolio", p.Combined.StrategyId);
    }

    [Fact]
    public void Bad_weights_are_refused()
    {
        var c = TestCandles.Synthetic(200);
        Assert.Throws<ArgumentException>(() => PortfolioBacktester.Run([new PortfolioLeg("X", c, Timeframe.OneHour, RsiStrategy.CatalogEntry, null, 0)], new ExecutionSettings()));
        Assert.Throws<ArgumentException>(() => PortfolioBacktester.Run([], new ExecutionSettings()));
    }
}
