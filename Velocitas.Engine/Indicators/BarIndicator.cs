using Velocitas.Engine.Market;

namespace Velocitas.Engine.Indicators;

/// <summary>An indicator of a bar's high, low and close (ATR, ADX, Stochastic, Donchian).</summary>
public abstract class BarIndicator : Indicator
{
    /// <summary>Feeds one candle.</summary>
    public void Update(in Candle candle) => Update((double)candle.High, (double)candle.Low, (double)candle.Close);

    /// <summary>Feeds one bar.</summary>
    public void Update(double high, double low, double close)
    {
        NextSample();
        ComputeNext(high, low, close);
    }

    /// <summary>Updates the outputs after one more bar.</summary>
    protected abstract void ComputeNext(double high, double low, double close);

    /// <summary>True range of a bar given the previous close.</summary>
    protected static double TrueRange(double high, double low, double previousClose) =>
        Math.Max(high - low, Math.Max(Math.Abs(high - previousClose), Math.Abs(low - previousClose)));
}
