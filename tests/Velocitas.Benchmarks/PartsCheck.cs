using System.Diagnostics;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Benchmarks;

/// <summary>Where a backtest's time per candle goes: the same million candles through each layer alone (best of N).</summary>
public static class PartsCheck
{
    public static void Run(int runs = 15, bool onlyLong = false)
    {
        var candles = BenchmarkData.MillionMinutes;
        var settings = new ExecutionSettings { LotStep = 0.0001m, FeeRate = 0.001m, SlippageBps = 2 };
        if (onlyLong)
        {
            Time("session, long throughout", runs, () =>
            {
                var session = new TradingSession(new Hold(true), settings);
                decimal last = 0;
                for (int i = 0; i < candles.Length; i++) last = session.Process(candles[i]).Value;
                return (double)last;
            });
            return;
        }
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
        foreach (bool buy in new[] { false, true })
        {
            Time(buy ? "session, long throughout" : "session, flat throughout", runs, () =>
            {
                var session = new TradingSession(new Hold(buy), settings);
                decimal last = 0;
                for (int i = 0; i < candles.Length; i++) last = session.Process(candles[i]).Value;
                return (double)last;
            });
        }
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

    /// <summary>Holds one position from the first candle to the last (the session's per-candle work while long), or stays flat.</summary>
    private sealed class Hold(bool buy) : IStrategy
    {
        private static readonly StrategyDefinition Entry = new("hold", "Hold", StrategyStyle.TrendFollowing, "Parts check.", [],
            (d, p, s) => throw new InvalidOperationException());
        private bool _bought;
        public StrategyDefinition Definition => Entry;
        public ParameterSet Parameters { get; } = ParameterSet.Empty;
        public int WarmUpPeriod => 0;
        public Velocitas.Strategies.Hosting.OrderIntent Order { get; private set; }
        public Velocitas.Strategies.Hosting.RiskOverrides Risk => Velocitas.Strategies.Hosting.RiskOverrides.Unset;
        public StrategyOutput Output => StrategyOutput.Empty;
        public Signal OnCandle(in Candle candle)
        {
            Order = buy && !_bought ? new Velocitas.Strategies.Hosting.OrderIntent(Velocitas.Strategies.Hosting.OrderKind.BuyAll) : default;
            _bought = true;
            return Signal.None;
        }
        public void Attach(Velocitas.Strategies.Hosting.IAccountView account) { }
        public void Reset() => _bought = false;
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
