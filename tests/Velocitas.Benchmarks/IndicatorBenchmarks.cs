using BenchmarkDotNet.Attributes;
using Velocitas.Engine.Indicators;
using Velocitas.Engine.Market;

namespace Velocitas.Benchmarks;

/// <summary>Indicator update cost over 1,000,000 values (per update via OperationsPerInvoke).</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class IndicatorBenchmarks
{
    private const int N = 1_000_000;
    private double[] _close = [];
    private double[] _high = [];
    private double[] _low = [];

    [GlobalSetup]
    public void Setup()
    {
        Candle[] c = BenchmarkData.MillionMinutes;
        _close = c.Select(x => (double)x.Close).ToArray();
        _high = c.Select(x => (double)x.High).ToArray();
        _low = c.Select(x => (double)x.Low).ToArray();
    }

    private double Run(ValueIndicator indicator)
    {
        double last = 0;
        foreach (double v in _close) last = indicator.Update(v) ?? last;
        return last;
    }

    private double Run(BarIndicator indicator)
    {
        for (int i = 0; i < _close.Length; i++) indicator.Update(_high[i], _low[i], _close[i]);
        return indicator.Samples;
    }

    [Benchmark(OperationsPerInvoke = N)] public double Sma20() => Run(new Sma(20));
    [Benchmark(OperationsPerInvoke = N)] public double Ema20() => Run(new Ema(20));
    [Benchmark(OperationsPerInvoke = N)] public double Rsi14() => Run(new Rsi(14));
    [Benchmark(OperationsPerInvoke = N)] public double Roc14() => Run(new Roc(14));

    [Benchmark(OperationsPerInvoke = N)]
    public double Macd12_26_9()
    {
        var m = new Macd();
        foreach (double v in _close) m.Update(v);
        return m.Line ?? 0;
    }

    [Benchmark(OperationsPerInvoke = N)]
    public double Bollinger20_2()
    {
        var b = new BollingerBands();
        foreach (double v in _close) b.Update(v);
        return b.Upper ?? 0;
    }

    [Benchmark(OperationsPerInvoke = N)] public double Atr14() => Run(new Atr(14));
    [Benchmark(OperationsPerInvoke = N)] public double Adx14() => Run(new Adx(14));
    [Benchmark(OperationsPerInvoke = N)] public double Stochastic14_3_3() => Run(new Stochastic());
    [Benchmark(OperationsPerInvoke = N)] public double Donchian20() => Run(new Donchian(20));
}
