using System.Globalization;

namespace Velocitas.Engine.Indicators;

/// <summary>Identifies an indicator and its settings, so two strategies needing SMA(20) share one series.</summary>
/// <param name="Kind">sma, ema, rsi, roc, macd, bollinger, donchian.</param>
/// <param name="A">First setting (a period).</param>
/// <param name="B">Second setting, if any.</param>
/// <param name="C">Third setting, if any.</param>
public readonly record struct IndicatorKey(string Kind, double A, double B = 0, double C = 0)
{
    /// <summary>"sma(20)".</summary>
    public override string ToString() => B == 0 && C == 0
        ? $"{Kind}({A.ToString(CultureInfo.InvariantCulture)})"
        : $"{Kind}({A.ToString(CultureInfo.InvariantCulture)}, {B.ToString(CultureInfo.InvariantCulture)}{(C == 0 ? "" : ", " + C.ToString(CultureInfo.InvariantCulture))})";

    /// <summary>SMA of the close.</summary>
    public static IndicatorKey Sma(int period) => new("sma", period);
    /// <summary>EMA of the close.</summary>
    public static IndicatorKey Ema(int period) => new("ema", period);
    /// <summary>RSI of the close.</summary>
    public static IndicatorKey Rsi(int period) => new("rsi", period);
    /// <summary>ROC of the close.</summary>
    public static IndicatorKey Roc(int period) => new("roc", period);
    /// <summary>MACD: outputs line, signal.</summary>
    public static IndicatorKey Macd(int fast, int slow, int signal) => new("macd", fast, slow, signal);
    /// <summary>Bollinger Bands: outputs middle, lower, upper.</summary>
    public static IndicatorKey Bollinger(int period, double deviations) => new("bollinger", period, deviations);
    /// <summary>Donchian channel of prior bars: outputs upper, lower.</summary>
    public static IndicatorKey Donchian(int period) => new("donchian", period);
}

/// <summary>
/// The values of one indicator as a strategy walks the candles: <see cref="Advance"/> consumes the next candle,
/// the indexer reads an output (NaN during warm-up). It only ever moves forward.
/// </summary>
public interface IIndicatorStream
{
    /// <summary>Consumes the next candle.</summary>
    void Advance(in Market.Candle candle);

    /// <summary>Output <paramref name="output"/> after the last candle (NaN during warm-up).</summary>
    double this[int output] { get; }

    /// <summary>Starts over.</summary>
    void Reset();
}

/// <summary>Gives strategies their indicator streams.</summary>
public interface IIndicatorSource
{
    /// <summary>A fresh stream of the indicator.</summary>
    IIndicatorStream Get(IndicatorKey key);
}
