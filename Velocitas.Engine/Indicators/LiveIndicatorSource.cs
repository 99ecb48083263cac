using Velocitas.Engine.Market;

namespace Velocitas.Engine.Indicators;

/// <summary>Indicators computed incrementally as candles arrive (live trading, single backtests).</summary>
public sealed class LiveIndicatorSource : IIndicatorSource
{
    /// <summary>The shared instance (it holds no state).</summary>
    public static LiveIndicatorSource Instance { get; } = new();

    /// <inheritdoc />
    public IIndicatorStream Get(IndicatorKey key) => key.Kind switch
    {
        "sma" => new ValueStream(new Sma((int)key.A)),
        "ema" => new ValueStream(new Ema((int)key.A)),
        "rsi" => new ValueStream(new Rsi((int)key.A)),
        "roc" => new ValueStream(new Roc((int)key.A)),
        "macd" => new MacdStream(new Macd((int)key.A, (int)key.B, (int)key.C)),
        "bollinger" => new BollingerStream(new BollingerBands((int)key.A, key.B)),
        "donchian" => new DonchianStream(new Donchian((int)key.A)),
        _ => throw new ArgumentException($"Unknown indicator '{key.Kind}'.", nameof(key)),
    };

    private sealed class ValueStream(ValueIndicator indicator) : IIndicatorStream
    {
        public void Advance(in Candle candle) => indicator.Update((double)candle.Close);
        public double this[int output] => indicator.Current;
        public void Reset() => indicator.Reset();
    }

    private sealed class MacdStream(Macd macd) : IIndicatorStream
    {
        public void Advance(in Candle candle) => macd.Update((double)candle.Close);
        public double this[int output] => (output == 0 ? macd.Line : macd.Signal) ?? double.NaN;
        public void Reset() => macd.Reset();
    }

    private sealed class BollingerStream(BollingerBands bands) : IIndicatorStream
    {
        public void Advance(in Candle candle) => bands.Update((double)candle.Close);
        public double this[int output] => (output switch { 0 => bands.Middle, 1 => bands.Lower, _ => bands.Upper }) ?? double.NaN;
        public void Reset() => bands.Reset();
    }

    private sealed class DonchianStream(Donchian donchian) : IIndicatorStream
    {
        public void Advance(in Candle candle) => donchian.Update(candle);
        public double this[int output] => (output == 0 ? donchian.Upper : donchian.Lower) ?? double.NaN;
        public void Reset() => donchian.Reset();
    }
}
