using Velocitas.Engine.Indicators;
using Velocitas.Engine.Market;
using Velocitas.Web.Components.UI;

namespace Velocitas.Web.Tests;

public class StrategyPlotsTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<Candle> Candles(int n) =>
        Enumerable.Range(0, n).Select(i =>
        {
            decimal close = 100m + (decimal)(10 * Math.Sin(i / 7.0)) + (i * 0.1m);
            return new Candle(T0.AddHours(i), close - 0.5m, close + 1m, close - 1m, close, 10 + i);
        }).ToList();

    [Fact]
    public void An_sma_crossover_plots_its_two_smas_over_the_price_from_the_same_indicator()
    {
        var candles = Candles(60);
        var plots = StrategyPlots.For("sma-crossover", new Dictionary<string, double> { ["fast"] = 5, ["slow"] = 20 }, candles);

        Assert.Equal(["SMA 5", "SMA 20"], plots.Select(p => p.Name));
        Assert.All(plots, p => Assert.Equal(PlotSeries.PricePane, p.Pane));
        var slow = plots[1].Points;
        Assert.Equal(60 - 19, slow.Count); // nothing during warm-up
        var sma = new Sma(20);
        double? last = null;
        foreach (var c in candles) last = sma.Update((double)c.Close);
        Assert.Equal(Math.Round((decimal)last!.Value, 6), slow[^1][1]);
        Assert.Equal(candles[^1].Time.ToUnixTimeMilliseconds(), slow[^1][0]);
    }

    [Fact]
    public void Rsi_gets_a_pane_of_its_own_with_the_strategys_levels_and_live_parameter_text_reads_back()
    {
        var parameters = StrategyPlots.ParseParameters("period=7, oversold=40, overbought=60");
        var rsi = Assert.Single(StrategyPlots.For("rsi", parameters, Candles(50)));

        Assert.Equal("RSI", rsi.Pane);
        Assert.Equal("RSI 7", rsi.Name);
        Assert.Equal([40.0, 60.0], rsi.Levels);
        Assert.Equal((0.0, 100.0), rsi.Scale); // an RSI pane always reads 0 to 100
        Assert.All(rsi.Points, p => Assert.InRange(p[1], 0m, 100m));
        Assert.Empty(StrategyPlots.For("unknown", parameters, Candles(50)));
    }
}
