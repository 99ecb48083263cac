using BenchmarkDotNet.Attributes;
using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Benchmarks;

/// <summary>Backtest throughput: SMA crossover over 1,000,000 one-minute candles (per-candle figures via OperationsPerInvoke).</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class BacktestBenchmarks
{
    private const int Candles = 1_000_000;
    private Candle[] _candles = [];
    private readonly ExecutionSettings _settings = new() { LotStep = 0.0001m, FeeRate = 0.001m, SlippageBps = 2 };
    private IStrategy _strategy = default!;

    [GlobalSetup]
    public void Setup()
    {
        _candles = BenchmarkData.MillionMinutes;
        _strategy = SmaCrossoverStrategy.CatalogEntry.Create();
    }

    /// <summary>The full run the UI and CLI do: trades, metrics and one equity point per candle.</summary>
    [Benchmark(OperationsPerInvoke = Candles, Description = "SMA crossover, full equity curve (per candle)")]
    public BacktestResult WithEquityCurve() => Backtester.Run(_candles, _strategy, _settings);

    /// <summary>The optimiser's run: same trades and metrics, no stored curve.</summary>
    [Benchmark(OperationsPerInvoke = Candles, Description = "SMA crossover, metrics only (per candle)")]
    public BacktestResult MetricsOnly() => Backtester.Run(_candles, _strategy, _settings, recordEquity: false);
}
