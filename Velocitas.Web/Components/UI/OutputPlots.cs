using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Web.Components.UI;

/// <summary>
/// A strategy's own <c>Plot("name", value)</c> series as <see cref="PlotSeries"/>: a series whose values lie within the
/// prices (half the lowest low to twice the highest high) is drawn over the candles, any other (an oscillator, a
/// spread) in a pane of its own named "Plots". NaN values are gaps.
/// </summary>
public static class OutputPlots
{
    /// <summary>The pane of series that are not prices.</summary>
    public const string OwnPane = "Plots";

    /// <summary>The series of <paramref name="output"/>, placed against <paramref name="candles"/>.</summary>
    public static IReadOnlyList<PlotSeries> From(StrategyOutput output, IReadOnlyList<Candle> candles)
    {
        if (output.Plots.Count == 0) return [];
        double low = candles.Count == 0 ? 0 : (double)candles.Min(c => c.Low);
        double high = candles.Count == 0 ? 0 : (double)candles.Max(c => c.High);
        var list = new List<PlotSeries>(output.Plots.Count);
        foreach (var (name, points) in output.Plots)
        {
            var finite = points.Where(p => double.IsFinite(p.Value)).ToList();
            bool overPrice = candles.Count > 0 && finite.Count > 0 && finite.All(p => p.Value >= low * 0.5 && p.Value <= high * 2);
            var data = finite.Where(p => Math.Abs(p.Value) < 7.9e27).Select(p => new[] { p.Time.ToUnixTimeMilliseconds(), Math.Round((decimal)p.Value, 6) }).ToList();
            list.Add(new PlotSeries(overPrice ? PlotSeries.PricePane : OwnPane, name, data));
        }
        return list;
    }
}
