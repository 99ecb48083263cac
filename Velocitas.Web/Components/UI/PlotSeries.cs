namespace Velocitas.Web.Components.UI;

/// <summary>
/// One named series a chart draws beside the prices: the data contract between whatever computes indicator values (the
/// built-in strategies' <see cref="StrategyPlots"/>, a strategy's own Plot output) and <see cref="PriceChart"/>.
/// <see cref="Pane"/> <see cref="PricePane"/> draws over the candles; any other name gets its own pane under the price,
/// shared by every series with that name, with the pane's horizontal <see cref="Levels"/> (e.g. RSI 30 / 70).
/// </summary>
/// <param name="Pane">"price", or the name of a pane of its own ("RSI", "MACD").</param>
/// <param name="Name">Legend name, e.g. "SMA 10".</param>
/// <param name="Points">[Unix ms, value] points; warm-up values are left out.</param>
/// <param name="Levels">Horizontal lines of the pane (the first series of a pane that has them sets them).</param>
/// <param name="Scale">The pane's fixed value axis, for a bounded oscillator (RSI: 0 to 100); none fits the axis to the values.</param>
public sealed record PlotSeries(string Pane, string Name, IReadOnlyList<decimal[]> Points, IReadOnlyList<double>? Levels = null, (double Min, double Max)? Scale = null)
{
    /// <summary>The pane drawn over the candles.</summary>
    public const string PricePane = "price";
}
