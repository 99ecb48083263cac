using BenchmarkDotNet.Attributes;
using Velocitas.Data.Import;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Optimization;
using Velocitas.Engine.Strategies;

namespace Velocitas.Benchmarks;

/// <summary>
/// 1,000-combination SMA-crossover grid (fast 5–24 × slow 30–128 step 2) over the 44,640 one-minute candles of
/// ../shared/data/real/BTCUSDT-1m-2021-05.csv, on all cores.
/// </summary>
[SimpleJob(warmupCount: 1, iterationCount: 5)]
public class OptimizationBenchmarks
{
    private OptimizationRequest _request = default!;

    public static Candle[] LoadMay2021()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Velocitas.Web.sln"))) dir = dir.Parent;
        string path = Path.Combine(dir?.FullName ?? ".", "..", "shared", "data", "real", "BTCUSDT-1m-2021-05.csv");
        return CandleFileParser.Parse(path).Candles;
    }

    public static OptimizationRequest Grid(Candle[] candles) => new()
    {
        Data = [new OptimizationData("BTCUSDT 1m May 2021", "BTCUSDT", candles, Timeframe.OneMinute)],
        Strategies = [new StrategySearch(SmaCrossoverStrategy.CatalogEntry, new Dictionary<string, ParameterRange>
        {
            ["fast"] = ParameterRange.Of(5, 24, 1),
            ["slow"] = ParameterRange.Of(30, 128, 2),
        })],
        Settings = new ExecutionSettings { FeeRate = 0.001m, LotStep = 0.00001m },
        MinTrades = 5,
    };

    [GlobalSetup]
    public void Setup() => _request = Grid(LoadMay2021());

    [Benchmark(Description = "1,000-combination SMA grid, 44,640 candles")]
    public int SmaGrid() => Optimizer.Run(_request).Combinations.Count;
}

/// <summary>Stopwatch check of the grid.</summary>
public static class OptimizationCheck
{
    public static void Run()
    {
        var candles = OptimizationBenchmarks.LoadMay2021();
        for (int i = 0; i < 3; i++)
        {
            var r = Optimizer.Run(OptimizationBenchmarks.Grid(candles));
            Console.WriteLine($"{r.Combinations.Count} combinations, {r.CandleEvaluations:N0} candle evaluations in {r.Elapsed.TotalMilliseconds:N0} ms = {r.CandleEvaluations / r.Elapsed.TotalSeconds / 1e6:F1} M/s; {r.IndicatorSeries} indicator series");
        }
    }
}
