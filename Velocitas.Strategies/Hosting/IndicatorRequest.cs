using System.Globalization;

namespace Velocitas.Strategies.Hosting;

/// <summary>The indicators a strategy can ask for.</summary>
public enum IndicatorKind : byte
{
    /// <summary>SMA of the close. Outputs: value.</summary>
    Sma,
    /// <summary>EMA of the close (SMA-seeded). Outputs: value.</summary>
    Ema,
    /// <summary>RSI of the close (Wilder). Outputs: value.</summary>
    Rsi,
    /// <summary>Rate of change of the close, percent. Outputs: value.</summary>
    Roc,
    /// <summary>Average true range (Wilder). Outputs: value.</summary>
    Atr,
    /// <summary>MACD. Outputs: line, signal, histogram.</summary>
    Macd,
    /// <summary>Bollinger Bands. Outputs: upper, middle, lower, %B, width.</summary>
    Bollinger,
    /// <summary>ADX. Outputs: adx, +DI, −DI.</summary>
    Adx,
    /// <summary>Stochastic. Outputs: %K, %D.</summary>
    Stochastic,
    /// <summary>Donchian channel of prior candles. Outputs: upper, lower, middle.</summary>
    Donchian,
    /// <summary>Highest high of the last n candles (this one included). Outputs: value.</summary>
    Highest,
    /// <summary>Lowest low of the last n candles (this one included). Outputs: value.</summary>
    Lowest,
}

/// <summary>
/// One indicator with its settings: the key under which an optimisation shares a precomputed series between every
/// combination that asks for it.
/// </summary>
/// <param name="Kind">Which indicator.</param>
/// <param name="Period">Its (first) period.</param>
/// <param name="Period2">Second period (MACD slow, Stochastic smoothing), else 0.</param>
/// <param name="Period3">Third period (MACD signal, Stochastic %D), else 0.</param>
/// <param name="Factor">Real setting (Bollinger deviations), else 0.</param>
public readonly record struct IndicatorRequest(IndicatorKind Kind, int Period, int Period2 = 0, int Period3 = 0, double Factor = 0)
{
    /// <summary>Names of the outputs, in order.</summary>
    public string[] Outputs => Kind switch
    {
        IndicatorKind.Macd => ["line", "signal", "histogram"],
        IndicatorKind.Bollinger => ["upper", "middle", "lower", "percentB", "width"],
        IndicatorKind.Adx => ["adx", "plusDi", "minusDi"],
        IndicatorKind.Stochastic => ["k", "d"],
        IndicatorKind.Donchian => ["upper", "lower", "middle"],
        _ => ["value"],
    };

    /// <summary>"sma(20)", "macd(12,26,9)", "bollinger(20,2)".</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        string name = Kind.ToString().ToLowerInvariant();
        return Kind switch
        {
            IndicatorKind.Macd or IndicatorKind.Stochastic => string.Create(inv, $"{name}({Period},{Period2},{Period3})"),
            IndicatorKind.Bollinger => string.Create(inv, $"{name}({Period},{Factor})"),
            _ => string.Create(inv, $"{name}({Period})"),
        };
    }
}
