using System.Diagnostics;
using Velocitas.Compiler;
using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Strategies;

namespace Velocitas.Benchmarks;

/// <summary>
/// Stopwatch check of the Strategy Lab: compile time of the SMA template (cold = first compile in the process, then
/// warm), and backtest speed of the SMA template compiled as a user file against the built-in on 1M one-minute candles.
/// </summary>
public static class LabCheck
{
    public static void Run()
    {
        string source = StrategyTemplates.Source("sma-crossover");
        var clock = Stopwatch.StartNew();
        var first = StrategyCompiler.Compile(source, "SmaCross.cs");
        Console.WriteLine($"compile cold: {clock.Elapsed.TotalMilliseconds:F0} ms (ok: {first.Succeeded})");
        var warm = new List<double>();
        for (int i = 0; i < 10; i++)
        {
            clock.Restart();
            StrategyCompiler.Compile(source.Replace("= 10;", $"= {2 + i};"), "SmaCross.cs").Strategy?.Unload();
            warm.Add(clock.Elapsed.TotalMilliseconds);
        }
        warm.Sort();
        Console.WriteLine($"compile warm: median {warm[warm.Count / 2]:F0} ms, best {warm[0]:F0} ms");

        var candles = BenchmarkData.MillionMinutes;
        var settings = new ExecutionSettings { LotStep = 0.0001m, FeeRate = 0.001m };
        var user = first.Strategy!.Define("user-sma", "User SMA", StrategyStyle.TrendFollowing, "x");
        var builtIns = new List<double>();
        var mines = new List<double>();
        var ratios = new List<double>();
        for (int pass = 0; pass < 9; pass++)
        {
            double builtIn = Time(() => Backtester.Run(candles, SmaCrossoverStrategy.CatalogEntry.Create(), settings).Trades.Count);
            double mine = Time(() => Backtester.Run(candles, user.Create(), settings).Trades.Count);
            Console.WriteLine($"backtest 1M candles: built-in {builtIn:F0} ms, user file {mine:F0} ms ({mine / builtIn:F2}x)");
            if (pass == 0) continue; // the first pass JITs both
            builtIns.Add(builtIn);
            mines.Add(mine);
            ratios.Add(mine / builtIn);
        }
        ratios.Sort();
        Console.WriteLine($"after the first pass: best built-in {builtIns.Min():F0} ms, best user file {mines.Min():F0} ms ({mines.Min() / builtIns.Min():F2}x); "
            + $"median ratio {ratios[ratios.Count / 2]:F2}x, range {ratios[0]:F2}x - {ratios[^1]:F2}x");
    }

    private static double Time(Func<int> run)
    {
        var clock = Stopwatch.StartNew();
        run();
        return clock.Elapsed.TotalMilliseconds;
    }
}
