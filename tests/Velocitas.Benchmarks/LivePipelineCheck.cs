using System.Diagnostics;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Live;

namespace Velocitas.Benchmarks;

/// <summary>
/// Throughput and latency of the live pipeline: 24 strategy instances over 6 coins on the unthrottled synthetic feed.
/// A console harness (BenchmarkDotNet does not fit a long-running concurrent pipeline): runs several rounds and
/// prints deliveries per second and the publish-to-processing latency percentiles.
/// </summary>
public static class LivePipelineCheck
{
    private sealed class NullStore : ILiveStore
    {
        private int _id;
        public Task<IReadOnlyList<PersistedInstance>> LoadAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<PersistedInstance>>([]);
        public Task<int> AddAsync(InstanceSpec spec, CancellationToken ct) => Task.FromResult(Interlocked.Increment(ref _id));
        public Task RemoveAsync(int id, CancellationToken ct) => Task.CompletedTask;
        public Task SetPausedAsync(int id, bool paused, string? reason, CancellationToken ct) => Task.CompletedTask;
        public Task SaveAsync(LiveBatch batch, CancellationToken ct) => Task.CompletedTask;
        public Task<IReadOnlyList<Velocitas.Engine.Execution.Equity>> LoadPortfolioEquityAsync(int count, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<Velocitas.Engine.Execution.Equity>>([]);
    }

    public static async Task RunAsync(long ticks = 2_000_000, int rounds = 3)
    {
        Console.WriteLine("Saturation (feed as fast as it can publish):");
        await RoundsAsync(ticks, rounds, ticksPerSecond: 0);
        foreach (int rate in new[] { 25_000, 100_000 })
        {
            Console.WriteLine($"Paced at {rate:N0} ticks/s (latency under a steady load):");
            await RoundsAsync(rate * 4L, 2, rate);
        }
    }

    private static async Task RoundsAsync(long ticks, int rounds, int ticksPerSecond)
    {
        string[] coins = ["BTC", "ETH", "SOL", "BNB", "XRP", "ADA"];
        string[] strategies = ["sma-crossover", "rsi", "macd", "donchian"];
        Console.WriteLine($"{"round",5} {"ticks",10} {"seconds",8} {"ticks/s",12} {"deliveries/s",14} {"processed/s",13} {"conflated",10} {"p50 µs",8} {"p99 µs",8}");
        for (int round = 1; round <= rounds; round++)
        {
            await using var engine = new LiveEngine(new NullStore(), options: new LiveEngineOptions { Workers = Environment.ProcessorCount });
            await engine.InitializeAsync();
            foreach (string coin in coins)
                foreach (string s in strategies)
                    await engine.AddInstanceAsync(new InstanceSpec { StrategyId = s, Symbol = coin, Settings = new ExecutionSettings { LotStep = 0.0001m, FeeRate = 0.001m } });
            var feed = new SyntheticFeed(coins, new SyntheticFeedOptions { Seed = round, TicksPerSecond = ticksPerSecond, TicksPerCandle = 60, MaxTicks = ticks, Start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero) });
            var sw = Stopwatch.StartNew();
            await engine.StartAsync(feed);
            await engine.WhenFeedCompletedAsync();
            sw.Stop();
            var s2 = engine.PublishSnapshot();
            double seconds = sw.Elapsed.TotalSeconds;
            long delivered = s2.Pipeline.Deliveries + s2.Pipeline.ConflatedTicks; // every event handed to an inbox
            Console.WriteLine($"{round,5} {ticks,10:N0} {seconds,8:F2} {ticks / seconds,12:N0} {delivered / seconds,14:N0} {s2.Pipeline.Deliveries / seconds,13:N0} {s2.Pipeline.ConflatedTicks,10:N0} {s2.Pipeline.LatencyP50Micros,8} {s2.Pipeline.LatencyP99Micros,8}");
        }
    }
}
