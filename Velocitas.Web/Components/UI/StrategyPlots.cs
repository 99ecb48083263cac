using Velocitas.Engine.Indicators;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Web.Components.UI;

/// <summary>
/// The indicators a built-in strategy decides on, as <see cref="PlotSeries"/>: the SMAs of an SMA crossover, the bands
/// of Bollinger, the Donchian channel over the price; RSI with its oversold / overbought levels, MACD with its signal
/// line and momentum's rate of change with its thresholds, each in its own pane. Same indicator classes and periods as
/// the strategy, so the lines cross exactly where it traded.
/// </summary>
public static class StrategyPlots
{
    /// <summary>The plots of <paramref name="strategyId"/> with <paramref name="parameters"/> over <paramref name="candles"/>; empty for a strategy without built-in plots.</summary>
    public static IReadOnlyList<PlotSeries> For(string strategyId, IReadOnlyDictionary<string, double> parameters, IReadOnlyList<Candle> candles)
    {
        var p = new Parameters(parameters);
        return strategyId switch
        {
            "sma-crossover" => SmaCrossoverPlots(p, candles),
            "rsi" => [Values("RSI", $"RSI {p.Int("period", 14)}", candles, new Rsi(p.Int("period", 14))) with { Levels = [p.Real("oversold", 30), p.Real("overbought", 70)], Scale = (0, 100) }],
            "bollinger" => BollingerPlots(p, candles),
            "macd" => MacdPlots(p, candles),
            "donchian" => DonchianPlots(p, candles),
            "momentum" => [Values("ROC %", $"ROC {p.Int("lookback", 20)}", candles, new Roc(p.Int("lookback", 20))) with { Levels = [-p.Real("threshold", 2), 0, p.Real("threshold", 2)] }],
            _ => [],
        };
    }

    /// <summary>A strategy's parameters with the defaults of the built-in strategy.</summary>
    private readonly record struct Parameters(IReadOnlyDictionary<string, double> Values)
    {
        public int Int(string name, int fallback) => Values.TryGetValue(name, out double v) ? (int)v : fallback;

        public double Real(string name, double fallback) => Values.TryGetValue(name, out double v) ? v : fallback;
    }

    private static PlotSeries[] SmaCrossoverPlots(Parameters p, IReadOnlyList<Candle> candles)
    {
        int fast = p.Int("fast", 10), slow = p.Int("slow", 30);
        return [Values(PlotSeries.PricePane, $"SMA {fast}", candles, new Sma(fast)), Values(PlotSeries.PricePane, $"SMA {slow}", candles, new Sma(slow))];
    }

    private static PlotSeries[] BollingerPlots(Parameters p, IReadOnlyList<Candle> candles)
    {
        var bands = new BollingerBands(p.Int("period", 20), p.Real("stddev", 2));
        var (upper, middle, lower) = (new List<decimal[]>(), new List<decimal[]>(), new List<decimal[]>());
        foreach (var c in candles)
        {
            bands.Update((double)c.Close);
            Add(upper, c, bands.Upper);
            Add(middle, c, bands.Middle);
            Add(lower, c, bands.Lower);
        }
        return [new(PlotSeries.PricePane, "Upper band", upper), new(PlotSeries.PricePane, "Middle band", middle), new(PlotSeries.PricePane, "Lower band", lower)];
    }

    private static PlotSeries[] MacdPlots(Parameters p, IReadOnlyList<Candle> candles)
    {
        var macd = new Macd(p.Int("fast", 12), p.Int("slow", 26), p.Int("signal", 9));
        var (line, signal) = (new List<decimal[]>(), new List<decimal[]>());
        foreach (var c in candles)
        {
            macd.Update((double)c.Close);
            Add(line, c, macd.Line);
            Add(signal, c, macd.Signal);
        }
        return [new("MACD", "MACD", line, [0]), new("MACD", "Signal", signal)];
    }

    private static PlotSeries[] DonchianPlots(Parameters p, IReadOnlyList<Candle> candles)
    {
        var entry = new Donchian(p.Int("entry", 20));
        var exit = new Donchian(p.Int("exit", 10));
        var (upper, lower) = (new List<decimal[]>(), new List<decimal[]>());
        foreach (var c in candles)
        {
            // the channel of the candles before this one, as the strategy compares this close with it
            entry.Update(c);
            exit.Update(c);
            Add(upper, c, entry.Upper);
            Add(lower, c, exit.Lower);
        }
        return [new(PlotSeries.PricePane, $"Highest high {entry.Period}", upper), new(PlotSeries.PricePane, $"Lowest low {exit.Period}", lower)];
    }

    /// <summary>Reads "fast=3, slow=8" (a live instance's parameter text) back into values; unreadable pairs are skipped.</summary>
    public static IReadOnlyDictionary<string, double> ParseParameters(string text)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && double.TryParse(pair[(eq + 1)..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v))
                values[pair[..eq].Trim()] = v;
        }
        return values;
    }

    private static PlotSeries Values(string pane, string name, IReadOnlyList<Candle> candles, ValueIndicator indicator)
    {
        var points = new List<decimal[]>(candles.Count);
        foreach (var c in candles) Add(points, c, indicator.Update((double)c.Close));
        return new PlotSeries(pane, name, points);
    }

    private static void Add(List<decimal[]> points, Candle c, double? value)
    {
        if (value is { } v && double.IsFinite(v)) points.Add([c.Time.ToUnixTimeMilliseconds(), Math.Round((decimal)v, 6)]);
    }
}
