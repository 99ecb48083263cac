using System.Runtime.CompilerServices;
using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Strategies;

namespace Velocitas.Compiler.Tests;

public class UnloadTests
{
    [Fact]
    public void Two_hundred_compiled_versions_unload_and_memory_stays_bounded()
    {
        var candles = Sources.Synthetic(300, seed: 2);
        var handles = new List<WeakReference>();
        long afterWarmUp = 0;
        for (int version = 0; version < 200; version++)
        {
            handles.Add(CompileRunUnload(version, candles));
            if (version == 19)
            {
                Collect();
                afterWarmUp = GC.GetTotalMemory(forceFullCollection: true);
            }
        }
        Collect();
        long atEnd = GC.GetTotalMemory(forceFullCollection: true);

        int alive = handles.Count(h => h.IsAlive);
        Assert.True(alive <= 10, $"{alive} of 200 load contexts are still alive");
        Assert.True(atEnd - afterWarmUp < 30 * 1024 * 1024, $"managed memory grew by {(atEnd - afterWarmUp) / 1024 / 1024} MB over 180 versions");
    }

    [Fact]
    public void An_unloaded_versions_parameters_can_still_be_read_and_its_strategy_cannot_be_created()
    {
        var compiled = Sources.CompileOrFail(StrategyTemplates.Source("sma-crossover"), "Check.cs");
        compiled.Unload();
        Assert.Equal(["fast", "slow"], compiled.Parameters.Select(p => p.Name)); // the Lab's check answers them after unloading
        Assert.Equal("SmaCrossoverStrategy was unloaded.", Assert.Throws<InvalidOperationException>(() => compiled.Define("x", "x", StrategyStyle.TrendFollowing, "x")).Message);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference CompileRunUnload(int version, Velocitas.Engine.Market.Candle[] candles)
    {
        var compiled = Sources.CompileOrFail(StrategyTemplates.Source("sma-crossover").Replace("= 10;", $"= {2 + (version % 7)};"), $"v{version}.cs");
        var result = Backtester.Run(candles, compiled.Define($"v{version}", "v", StrategyStyle.TrendFollowing, "x").Create(), null);
        Assert.Equal(300, result.Candles);
        return compiled.Unload();
    }

    private static void Collect()
    {
        for (int i = 0; i < 5; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }
}
