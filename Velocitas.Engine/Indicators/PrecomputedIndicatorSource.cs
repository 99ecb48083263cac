using System.Collections.Concurrent;
using Velocitas.Engine.Market;

namespace Velocitas.Engine.Indicators;

/// <summary>
/// Indicator series computed once per candle series and shared by every strategy run on it (an optimisation grid
/// reuses SMA(20) across all combinations that need it). Values are produced by the same incremental indicators
/// as live trading, so they are identical; a stream hands them out one candle at a time, in order, so a strategy
/// still sees nothing of the future. Thread-safe.
/// </summary>
public sealed class PrecomputedIndicatorSource(Candle[] candles) : IIndicatorSource
{
    private readonly ConcurrentDictionary<IndicatorKey, Lazy<double[][]>> _series = new();

    /// <summary>The candles the series are computed on.</summary>
    public Candle[] Candles { get; } = candles;

    /// <summary>Distinct indicator series computed so far.</summary>
    public int SeriesComputed => _series.Count(kv => kv.Value.IsValueCreated);

    /// <inheritdoc />
    public IIndicatorStream Get(IndicatorKey key) =>
        new Stream(_series.GetOrAdd(key, k => new Lazy<double[][]>(() => Compute(k))).Value);

    private double[][] Compute(IndicatorKey key)
    {
        var live = LiveIndicatorSource.Instance.Get(key);
        int outputs = key.Kind switch { "macd" => 2, "bollinger" => 3, "donchian" => 2, _ => 1 };
        var result = new double[outputs][];
        for (int o = 0; o < outputs; o++) result[o] = new double[Candles.Length];
        for (int i = 0; i < Candles.Length; i++)
        {
            live.Advance(Candles[i]);
            for (int o = 0; o < outputs; o++) result[o][i] = live[o];
        }
        return result;
    }

    private sealed class Stream(double[][] series) : IIndicatorStream
    {
        private int _index = -1;

        public void Advance(in Candle candle) => _index++;

        public double this[int output] => _index < 0 ? double.NaN : series[output][_index];

        public void Reset() => _index = -1;
    }
}
