using System;
using Velocitas.Strategies.Hosting;

namespace Velocitas.Strategies;

public abstract partial class Strategy
{
    /// <summary>Simple moving average of the close over <paramref name="period"/> candles.</summary>
    protected Series Sma(int period) => Host.Request(new IndicatorRequest(IndicatorKind.Sma, Period(period, nameof(Sma))))[0];

    /// <summary>Exponential moving average of the close, seeded with the SMA of the first <paramref name="period"/> closes.</summary>
    protected Series Ema(int period) => Host.Request(new IndicatorRequest(IndicatorKind.Ema, Period(period, nameof(Ema))))[0];

    /// <summary>Relative strength index of the close (Wilder smoothing), 0–100.</summary>
    protected Series Rsi(int period = 14) => Host.Request(new IndicatorRequest(IndicatorKind.Rsi, Period(period, nameof(Rsi))))[0];

    /// <summary>Rate of change of the close over <paramref name="period"/> candles, in percent.</summary>
    protected Series Roc(int period) => Host.Request(new IndicatorRequest(IndicatorKind.Roc, Period(period, nameof(Roc))))[0];

    /// <summary>Average true range (Wilder smoothing), in price units.</summary>
    protected Series Atr(int period = 14) => Host.Request(new IndicatorRequest(IndicatorKind.Atr, Period(period, nameof(Atr))))[0];

    /// <summary>Highest high of the last <paramref name="period"/> candles, this one included.</summary>
    protected Series Highest(int period) => Host.Request(new IndicatorRequest(IndicatorKind.Highest, Period(period, nameof(Highest))))[0];

    /// <summary>Lowest low of the last <paramref name="period"/> candles, this one included.</summary>
    protected Series Lowest(int period) => Host.Request(new IndicatorRequest(IndicatorKind.Lowest, Period(period, nameof(Lowest))))[0];

    /// <summary>MACD of the close with SMA-seeded EMAs: line, signal and histogram.</summary>
    protected MacdSeries Macd(int fast = 12, int slow = 26, int signal = 9)
    {
        var s = Host.Request(new IndicatorRequest(IndicatorKind.Macd, Period(fast, nameof(Macd), nameof(fast)), Period(slow, nameof(Macd), nameof(slow)), Period(signal, nameof(Macd), nameof(signal))));
        return new MacdSeries(s[0], s[1], s[2]);
    }

    /// <summary>Bollinger Bands of the close: SMA ± <paramref name="deviations"/> population standard deviations.</summary>
    protected BollingerSeries Bollinger(int period = 20, double deviations = 2)
    {
        if (!(deviations > 0) || double.IsInfinity(deviations))
            throw new ArgumentOutOfRangeException(nameof(deviations), deviations, $"Bollinger: deviations must be a positive number (was {deviations}).");
        var s = Host.Request(new IndicatorRequest(IndicatorKind.Bollinger, Period(period, nameof(Bollinger)), Factor: deviations));
        return new BollingerSeries(s[0], s[1], s[2], s[3], s[4]);
    }

    /// <summary>Average directional index with +DI and −DI (Wilder smoothing).</summary>
    protected AdxSeries Adx(int period = 14)
    {
        var s = Host.Request(new IndicatorRequest(IndicatorKind.Adx, Period(period, nameof(Adx))));
        return new AdxSeries(s[0], s[1], s[2]);
    }

    /// <summary>Stochastic oscillator: %K over <paramref name="period"/> candles smoothed by an SMA, and %D.</summary>
    protected StochasticSeries Stochastic(int period = 14, int smooth = 3, int signal = 3)
    {
        var s = Host.Request(new IndicatorRequest(IndicatorKind.Stochastic, Period(period, nameof(Stochastic)), Period(smooth, nameof(Stochastic), nameof(smooth)), Period(signal, nameof(Stochastic), nameof(signal))));
        return new StochasticSeries(s[0], s[1]);
    }

    /// <summary>Donchian channel of the <paramref name="period"/> candles before this one.</summary>
    protected DonchianSeries Donchian(int period = 20)
    {
        var s = Host.Request(new IndicatorRequest(IndicatorKind.Donchian, Period(period, nameof(Donchian))));
        return new DonchianSeries(s[0], s[1], s[2]);
    }

    private static int Period(int value, string indicator, string name = "period") => value is >= 1 and <= 100_000
        ? value
        : throw new ArgumentOutOfRangeException(name, value, $"{indicator}: {name} must be between 1 and 100000 (was {value}).");
}
