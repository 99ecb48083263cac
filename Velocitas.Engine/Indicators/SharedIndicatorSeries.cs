using System.Collections.Concurrent;
using Velocitas.Engine.Market;
using Velocitas.Strategies.Hosting;
using StrategyCandle = Velocitas.Strategies.Candle;

namespace Velocitas.Engine.Indicators;

/// <summary>
/// Indicator series computed once per candle series and shared by every strategy run on it (an optimisation grid
/// reuses SMA(20) across all combinations that ask for it). Values come from the same incremental calculators as live
/// trading, so they are identical; a strategy reads them through a cursor at the current candle, so it still sees
/// nothing of the future. Thread-safe.
/// </summary>
public sealed class SharedIndicatorSeries : IIndicatorProvider
{
    private readonly ConcurrentDictionary<IndicatorRequest, Lazy<double[][]>> _series = new();

    /// <summary>Prepares series over <paramref name="candles"/> (computed on first request).</summary>
    public SharedIndicatorSeries(ReadOnlySpan<Candle> candles)
    {
        var converted = new StrategyCandle[candles.Length];
        for (int i = 0; i < candles.Length; i++) converted[i] = candles[i].ToStrategyCandle();
        Candles = converted;
    }

    /// <inheritdoc />
    public StrategyCandle[] Candles { get; }

    /// <summary>Distinct indicators computed so far.</summary>
    public int SeriesComputed => _series.Count(kv => kv.Value.IsValueCreated);

    /// <inheritdoc />
    public int WarmUp(IndicatorRequest request) => IndicatorCalculators.WarmUp(request);

    /// <inheritdoc />
    public double[][] Series(IndicatorRequest request) =>
        _series.GetOrAdd(request, r => new Lazy<double[][]>(() => Compute(r))).Value;

    /// <inheritdoc />
    public IIndicatorCalculator Calculator(IndicatorRequest request) => IndicatorCalculators.Create(request);

    private double[][] Compute(IndicatorRequest request)
    {
        var calculator = IndicatorCalculators.Create(request);
        int outputs = request.Outputs.Length;
        var result = new double[outputs][];
        for (int o = 0; o < outputs; o++) result[o] = new double[Candles.Length];
        Span<double> values = stackalloc double[outputs];
        for (int i = 0; i < Candles.Length; i++)
        {
            calculator.Update(Candles[i], values);
            for (int o = 0; o < outputs; o++) result[o][i] = values[o];
        }
        return result;
    }
}
