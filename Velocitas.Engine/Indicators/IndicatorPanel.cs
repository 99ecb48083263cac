using Velocitas.Engine.Market;

namespace Velocitas.Engine.Indicators;

/// <summary>
/// The standard set of indicators a trader looks at, updated together one candle at a time:
/// SMA(20), EMA(20), RSI(14), MACD(12,26,9), Bollinger(20,2), ATR(14), ADX(14) and Stochastic(14,3,3).
/// </summary>
public sealed class IndicatorPanel
{
    /// <summary>SMA(20) of the close.</summary>
    public Sma Sma20 { get; } = new(20);
    /// <summary>EMA(20) of the close.</summary>
    public Ema Ema20 { get; } = new(20);
    /// <summary>RSI(14) of the close.</summary>
    public Rsi Rsi14 { get; } = new(14);
    /// <summary>MACD(12, 26, 9) of the close.</summary>
    public Macd Macd { get; } = new(12, 26, 9);
    /// <summary>Bollinger Bands(20, 2) of the close.</summary>
    public BollingerBands Bollinger { get; } = new(20, 2);
    /// <summary>ATR(14).</summary>
    public Atr Atr14 { get; } = new(14);
    /// <summary>ADX(14) with ±DI.</summary>
    public Adx Adx14 { get; } = new(14);
    /// <summary>Stochastic(14, 3, 3).</summary>
    public Stochastic Stochastic { get; } = new(14, 3, 3);

    /// <summary>Column names of <see cref="Values"/>, in order.</summary>
    public static readonly string[] Columns =
    [
        "sma20", "ema20", "rsi14", "macd", "macd_signal", "macd_hist", "bb_upper", "bb_middle", "bb_lower", "bb_percent_b",
        "atr14", "adx14", "plus_di14", "minus_di14", "stoch_k", "stoch_d",
    ];

    /// <summary>Feeds one candle to every indicator.</summary>
    public void Update(in Candle candle)
    {
        double close = (double)candle.Close;
        Sma20.Update(close);
        Ema20.Update(close);
        Rsi14.Update(close);
        Macd.Update(close);
        Bollinger.Update(close);
        Atr14.Update(candle);
        Adx14.Update(candle);
        Stochastic.Update(candle);
    }

    /// <summary>Writes the current values in <see cref="Columns"/> order (null during warm-up).</summary>
    public void Values(Span<double?> into)
    {
        into[0] = Sma20.Value;
        into[1] = Ema20.Value;
        into[2] = Rsi14.Value;
        into[3] = Macd.Line;
        into[4] = Macd.Signal;
        into[5] = Macd.Histogram;
        into[6] = Bollinger.Upper;
        into[7] = Bollinger.Middle;
        into[8] = Bollinger.Lower;
        into[9] = Bollinger.PercentB;
        into[10] = Atr14.Value;
        into[11] = Adx14.Value;
        into[12] = Adx14.PlusDi;
        into[13] = Adx14.MinusDi;
        into[14] = Stochastic.K;
        into[15] = Stochastic.D;
    }
}
