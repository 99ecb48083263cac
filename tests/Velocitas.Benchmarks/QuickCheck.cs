using System.Diagnostics;
using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Indicators;
using Velocitas.Engine.Strategies;

namespace Velocitas.Benchmarks;

/// <summary>A stopwatch sanity check (not a benchmark): prints rough throughput.</summary>
public static class QuickCheck
{
    public static void Run()
    {
        var candles = BenchmarkData.MillionMinutes;
        var strategy = SmaCrossoverStrategy.CatalogEntry.Create();
        for (int i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            var r = Backtester.Run(candles, strategy, new Velocitas.Engine.Execution.ExecutionSettings { LotStep = 0.0001m, FeeRate = 0.001m });
            sw.Stop();
            Console.WriteLine($"backtest sma-crossover 1M candles: {sw.Elapsed.TotalMilliseconds:F0} ms = {candles.Length / sw.Elapsed.TotalSeconds / 1e6:F1} M candles/s, trades {r.Trades.Count}");
        }
        var closes = candles.Select(c => (double)c.Close).ToArray();
        var sma = new Sma(20);
        var sw2 = Stopwatch.StartNew();
        foreach (double c in closes) sma.Update(c);
        Console.WriteLine($"sma20 1M updates: {sw2.Elapsed.TotalMilliseconds:F1} ms");
    }
}
