using Velocitas.Strategies.Hosting;
using StrategyCandle = Velocitas.Strategies.Candle;

namespace Velocitas.Engine.Indicators;

/// <summary>Indicators computed as candles arrive (live trading, single backtests): every strategy gets its own calculators.</summary>
public sealed class StreamingIndicators : IIndicatorProvider
{
    /// <summary>The shared instance (it holds no state).</summary>
    public static StreamingIndicators Instance { get; } = new();

    /// <inheritdoc />
    public StrategyCandle[]? Candles => null;

    /// <inheritdoc />
    public int WarmUp(IndicatorRequest request) => IndicatorCalculators.WarmUp(request);

    /// <inheritdoc />
    public double[][] Series(IndicatorRequest request) =>
        throw new InvalidOperationException("Streaming indicators have no precomputed series; the strategy host feeds calculators instead.");

    /// <inheritdoc />
    public IIndicatorCalculator Calculator(IndicatorRequest request) => IndicatorCalculators.Create(request);
}
