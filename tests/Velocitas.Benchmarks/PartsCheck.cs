using System.Diagnostics;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Benchmarks;

/// <summary>Where a backtest's time per candle goes: the same million candles through each layer alone (best of N).</summary>
public static class PartsCheck
{
    public static void Run(int runs = 15)
    {
        var candles = BenchmarkData.MillionMinutes;
        var settings = new ExecutionSettings { LotStep = 0.0001m, FeeRate = 0.001m, SlippageBps = 2 };
        Time("convert candles", runs, () =>
        {
            double sum = 0;
            for (int i = 0; i < candles.Length; i++) sum += candles[i].ToStrategyCandle().Close;
            return sum;
        });
        Time("two SMAs (Add + Current)", runs, () =>
        {
            var f = new Velocitas.Engine.Indicators.Sma(10);
            var sl = new Velocitas.Engine.Indicators.Sma(30);
            double sum = 0;
            for (int i = 0; i < candles.Length; i++)
            {
                double c = ExactDouble.From(candles[i].Close);
                f.Add(c);
                sl.Add(c);
                sum += f.Current - sl.Current;
            }
            return sum;
        });
        var strategyCandles = candles.Select(c => c.ToStrategyCandle()).ToArray();
        Time("host.Next only", runs, () =>
        {
            var s = (StrategyRunner)SmaCrossoverStrategy.CatalogEntry.Create();
            s.Reset();
            var host = s.Host;
            int n = 0;
            for (int i = 0; i < strategyCandles.Length; i++) { host.Next(strategyCandles[i]); n += (int)host.Order.Kind; }
            return n;
        });
        Time("host.Next with conversion", runs, () =>
        {
            var s = (StrategyRunner)SmaCrossoverStrategy.CatalogEntry.Create();
            s.Reset();
            var host = s.Host;
            int n = 0;
            for (int i = 0; i < candles.Length; i++) { host.Next(candles[i].ToStrategyCandle()); n += (int)host.Order.Kind; }
            return n;
        });
        Time("convert all four prices", runs, () =>
        {
            double sum = 0;
            for (int i = 0; i < candles.Length; i++) { var c = candles[i].ToStrategyCandle(); sum += c.Open + c.High + c.Low + c.Close; }
            return sum;
        });
        Time("strategy only (runner.OnCandle)", runs, () =>
        {
            var s = (StrategyRunner)SmaCrossoverStrategy.CatalogEntry.Create();
            s.Reset();
            int n = 0;
            for (int i = 0; i < candles.Length; i++) n += (int)s.OnCandle(candles[i]);
            return n;
        });
        Time("session.Process", runs, () =>
        {
            var s = SmaCrossoverStrategy.CatalogEntry.Create();
            s.Reset();
            var session = new TradingSession(s, settings);
            decimal last = 0;
            for (int i = 0; i < candles.Length; i++) last = session.Process(candles[i]).Value;
            return (double)last;
        });
    }

    private static void Time(string name, int runs, Func<double> body)
    {
        var best = TimeSpan.MaxValue;
        double r = 0;
        for (int k = 0; k < runs; k++)
        {
            var sw = Stopwatch.StartNew();
            r = body();
            if (sw.Elapsed < best) best = sw.Elapsed;
        }
        Console.WriteLine($"{name}: best {best.TotalMilliseconds:F1} ms per million ({r})");
    }
}
