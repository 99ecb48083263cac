using Velocitas.Engine.Indicators;
using Velocitas.Engine.Market;

namespace Velocitas.Engine.Tests.Indicators;

/// <summary>Uniform access to an indicator for table-driven tests: feed a candle, read a named output.</summary>
public sealed record IndicatorProbe(string Name, Func<Indicator> Create, Action<Indicator, Candle> Feed, Func<Indicator, string, double?> Read, string[] Fields)
{
    public override string ToString() => Name;

    public static readonly IndicatorProbe Sma20 = Value("Sma20", () => new Sma(20));
    public static readonly IndicatorProbe Ema20 = Value("Ema20", () => new Ema(20));
    public static readonly IndicatorProbe Rsi14 = Value("Rsi14", () => new Rsi(14));
    public static readonly IndicatorProbe Roc14 = Value("Roc14", () => new Roc(14));

    public static readonly IndicatorProbe Macd = new("Macd", () => new Macd(12, 26, 9),
        (i, c) => ((Macd)i).Update((double)c.Close),
        (i, f) => f switch { "Line" => ((Macd)i).Line, "Signal" => ((Macd)i).Signal, _ => ((Macd)i).Histogram },
        ["Line", "Signal", "Histogram"]);

    public static readonly IndicatorProbe Bollinger = new("Bollinger", () => new BollingerBands(20, 2),
        (i, c) => ((BollingerBands)i).Update((double)c.Close),
        (i, f) =>
        {
            var b = (BollingerBands)i;
            return f switch { "Middle" => b.Middle, "Upper" => b.Upper, "Lower" => b.Lower, "PercentB" => b.PercentB, _ => b.Width };
        },
        ["Middle", "Upper", "Lower", "PercentB", "Width"]);

    public static readonly IndicatorProbe Atr14 = Bar("Atr14", () => new Atr(14), (i, f) => ((Atr)i).Value, ["Value"]);

    public static readonly IndicatorProbe Adx14 = Bar("Adx14", () => new Adx(14),
        (i, f) => f switch { "PlusDi" => ((Adx)i).PlusDi, "MinusDi" => ((Adx)i).MinusDi, _ => ((Adx)i).Value },
        ["PlusDi", "MinusDi", "Value"]);

    public static readonly IndicatorProbe Stoch = Bar("Stoch", () => new Stochastic(14, 3, 3),
        (i, f) => f == "K" ? ((Stochastic)i).K : ((Stochastic)i).D, ["K", "D"]);

    public static readonly IndicatorProbe Donchian20 = Bar("Donchian20", () => new Donchian(20),
        (i, f) =>
        {
            var d = (Donchian)i;
            return f switch { "Upper" => d.Upper, "Lower" => d.Lower, "Middle" => d.Middle, _ => d.Width };
        },
        ["Upper", "Lower", "Middle", "Width"]);

    public static IndicatorProbe[] All => [Sma20, Ema20, Rsi14, Roc14, Macd, Bollinger, Atr14, Adx14, Stoch, Donchian20];

    /// <summary>Runs the indicator over the candles and records every field after each one.</summary>
    public Dictionary<string, double?[]> Run(IReadOnlyList<Candle> candles, Indicator? reuse = null)
    {
        var indicator = reuse ?? Create();
        var series = Fields.ToDictionary(f => f, _ => new double?[candles.Count]);
        for (int i = 0; i < candles.Count; i++)
        {
            Feed(indicator, candles[i]);
            foreach (string f in Fields) series[f][i] = Read(indicator, f);
        }
        return series;
    }

    private static IndicatorProbe Value(string name, Func<ValueIndicator> create) =>
        new(name, create, (i, c) => ((ValueIndicator)i).Update((double)c.Close), (i, _) => ((ValueIndicator)i).Value, ["Value"]);

    private static IndicatorProbe Bar(string name, Func<BarIndicator> create, Func<Indicator, string, double?> read, string[] fields) =>
        new(name, create, (i, c) => ((BarIndicator)i).Update(c), read, fields);
}
