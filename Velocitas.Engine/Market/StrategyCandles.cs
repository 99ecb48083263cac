using StrategyCandle = Velocitas.Strategies.Candle;

namespace Velocitas.Engine.Market;

/// <summary>Converts the engine's exact candles to the strategy API's <see cref="double"/> candles.</summary>
public static class StrategyCandles
{
    /// <summary>The candle as a strategy sees it (prices converted to double, as indicator math does).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static StrategyCandle ToStrategyCandle(this in Candle candle) =>
        new(candle.Time, ExactDouble.From(candle.Open), ExactDouble.From(candle.High), ExactDouble.From(candle.Low), ExactDouble.From(candle.Close), candle.Volume);
}
