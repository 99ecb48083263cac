using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Velocitas.Cluster.Grains;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Optimization;
using Velocitas.Engine.Strategies;
using Velocitas.Engine.Tests;

namespace Velocitas.Cluster.Tests;

public class DistributedOptimizationTests
{
    private static readonly ExecutionSettings Settings = new() { FeeRate = 0.001m, LotStep = 0.0001m, SlippageBps = 1 };

    private static OptimizationData Coin(string symbol, int seed) => new($"{symbol} synthetic", symbol, TestCandles.Synthetic(1500, seed), Timeframe.OneHour, seed);

    private static StrategySearch Search(StrategyDefinition strategy, params (string Name, string Range)[] ranges) =>
        new(strategy, ranges.ToDictionary(r => r.Name, r => ParameterRange.Parse(r.Range, r.Name)));

    /// <summary>2 coins × (9 SMA + 6 RSI) = 30 combinations, 16 work items of at most 2, tested walk-forward over 2 windows.</summary>
    private static OptimizationRequest Grid(int walkForward = 2, double outOfSample = 0, string slow = "20:40:10") => new()
    {
        Data = [Coin("BTCUSDT", 1), Coin("ETHUSDT", 2)],
        Strategies =
        [
            Search(SmaCrossoverStrategy.CatalogEntry, ("fast", "5:15:5"), ("slow", slow)),
            Search(RsiStrategy.CatalogEntry, ("period", "7,14"), ("oversold", "25:35:5")),
        ],
        Settings = Settings,
        MinTrades = 1,
        WalkForwardWindows = walkForward,
        OutOfSampleFraction = outOfSample,
    };

    /// <summary>How long a step may take before the test fails instead of waiting for ever (a cluster that stopped answering).</summary>
    private static readonly TimeSpan Bounded = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Every silo but <paramref name="except"/> waits at the start of its first item until <paramref name="until"/> completes:
    /// the one silo a test stops or kills in the middle of an item then surely gets one (faster silos could otherwise take
    /// every item before it starts).
    /// </summary>
    private static void HoldUntil(ClusterFixture fixture, Task until, int except)
    {
        for (int i = 0; i < fixture.Cluster.Silos.Count; i++)
        {
            if (i != except) fixture.Workshop(i).ItemStarting = async (_, ct) => await until.WaitAsync(ct);
        }
    }

    [Fact]
    public async Task Three_silos_give_the_single_machine_ranking_and_every_figure()
    {
        await using var fixture = await ClusterFixture.StartAsync();
        foreach (var request in new[] { Grid(), Grid(walkForward: 0, outOfSample: 0.3) })
        {
            var single = Optimizer.Run(request);
            var progress = new ProgressLog();
            var distributed = await fixture.Optimizer.RunAsync(request, progress, CancellationToken.None);

            ResultAssert.Same(single, distributed);
            Assert.Equal(30, progress.Last!.Completed);
            Assert.True(progress.Max <= 30);
        }
        // every silo ran work, and each fetched each coin's candles at most once (the coordinator's own silo never)
        var done = Enumerable.Range(0, 3).Select(i => fixture.Workshop(i).CombinationsDone).ToList();
        Assert.Equal(60, done.Sum());
        Assert.Equal(0, fixture.Workshop(0).CandleFetches);
        Assert.All(new[] { 1, 2 }, i => Assert.InRange(fixture.Workshop(i).CandleFetches, 0, 2));
    }

    [Fact]
    public async Task A_silo_killed_in_the_middle_of_an_item_loses_nothing_and_counts_nothing_twice()
    {
        await using var fixture = await ClusterFixture.StartAsync();
        var request = Grid();
        var single = Optimizer.Run(request);
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var released = new TaskCompletionSource();
        var doomed = fixture.Cluster.Silos[2];
        var doomedWorkshop = fixture.Workshop(2);
        doomedWorkshop.ItemStarting = async (_, _) =>
        {
            holding.TrySetResult();
            await released.Task; // never finishes: the silo dies holding this item
        };
        HoldUntil(fixture, holding.Task, except: 2); // the others wait, so the doomed silo surely gets an item
        var progress = new ProgressLog();

        var run = fixture.Optimizer.RunAsync(request, progress, CancellationToken.None);
        await holding.Task.WaitAsync(Bounded);
        await fixture.Cluster.KillSiloAsync(doomed);
        var distributed = await run.WaitAsync(Bounded);
        released.TrySetResult();

        ResultAssert.Same(single, distributed);
        Assert.Equal(distributed.Total, distributed.Combinations.Select(c => c.Index).Distinct().Count());
        Assert.True(progress.Max <= distributed.Total);
        Assert.Equal(0, doomedWorkshop.CombinationsDone);
    }

    [Fact]
    public async Task A_silo_stopped_in_the_middle_of_an_item_hands_it_back_and_the_run_completes()
    {
        await using var fixture = await ClusterFixture.StartAsync();
        var request = Grid();
        var leaving = fixture.Cluster.Silos[1];
        var workshop = fixture.Workshop(1);
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        workshop.ItemStarting = async (_, ct) =>
        {
            holding.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct); // until the silo stops
        };
        HoldUntil(fixture, holding.Task, except: 1); // the others wait, so the leaving silo surely gets an item

        var run = fixture.Optimizer.RunAsync(request, null, CancellationToken.None);
        await holding.Task.WaitAsync(Bounded);
        await fixture.Cluster.StopSiloAsync(leaving);
        var distributed = await run.WaitAsync(Bounded);

        ResultAssert.Same(Optimizer.Run(request), distributed);
        Assert.Equal(0, workshop.CombinationsDone);
        Assert.Equal(1, workshop.CancelledItems);
    }

    [Fact]
    public async Task A_silo_that_joins_in_the_middle_of_a_run_takes_work_items()
    {
        await using var fixture = await ClusterFixture.StartAsync(silos: 2);
        var request = Grid();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var busy = new[] { new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        for (int i = 0; i < 2; i++)
        {
            var mine = busy[i];
            fixture.Workshop(i).ItemStarting = async (_, ct) =>
            {
                mine.TrySetResult();
                await release.Task.WaitAsync(ct); // the first silos hold their items until the newcomer has done one
            };
        }

        var run = fixture.Optimizer.RunAsync(request, null, CancellationToken.None);
        await Task.WhenAll(busy.Select(b => b.Task));
        var joined = await fixture.Cluster.StartAdditionalSiloAsync();
        var newcomer = fixture.Cluster.GetSiloServiceProvider(joined.SiloAddress).GetRequiredService<SiloWorkshop>();
        await WhenSomeDone(newcomer);
        release.TrySetResult();
        var distributed = await run;

        ResultAssert.Same(Optimizer.Run(request), distributed);
        Assert.True(newcomer.CombinationsDone > 0);
    }

    private static Task WhenSomeDone(SiloWorkshop workshop)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        workshop.Idle += () =>
        {
            if (workshop.CombinationsDone > 0) done.TrySetResult();
        };
        if (workshop.CombinationsDone > 0) done.TrySetResult();
        return done.Task;
    }

    [Fact]
    public async Task Cancel_stops_the_item_running_on_every_silo_and_keeps_what_finished()
    {
        await using var fixture = await ClusterFixture.StartAsync();
        var started = Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        for (int i = 0; i < 3; i++)
        {
            var mine = started[i];
            // each silo finishes its first item, then holds the second until it is cancelled
            int items = 0;
            fixture.Workshop(i).ItemStarting = async (_, ct) =>
            {
                if (Interlocked.Increment(ref items) < 2) return;
                mine.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
            };
        }
        using var cts = new CancellationTokenSource();

        // 2 coins × (12 SMA + 6 RSI): 18 items of exactly two combinations
        var request = Grid(slow: "20:50:10");
        var run = fixture.Optimizer.RunAsync(request, null, cts.Token);
        await Task.WhenAll(started.Select(s => s.Task));
        var idle = Enumerable.Range(0, 3).Select(i => WhenIdle(fixture.Workshop(i))).ToList();
        await cts.CancelAsync();
        var result = await run;
        await Task.WhenAll(idle).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(result.Cancelled);
        Assert.Equal(6, result.Combinations.Count); // the three first items of two combinations each
        Assert.All(Enumerable.Range(0, 3), i =>
        {
            Assert.Equal(1, fixture.Workshop(i).CancelledItems);
            Assert.Equal(0, fixture.Workshop(i).Running);
        });
        var single = Optimizer.Run(request);
        foreach (var c in result.Combinations) Assert.Equal(single.Combinations[c.Index].InSample, c.InSample);
    }

    private static Task WhenIdle(SiloWorkshop workshop)
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        workshop.Idle += () => idle.TrySetResult();
        if (workshop.Running == 0) idle.TrySetResult();
        return idle.Task;
    }

    private sealed class ProgressLog : IProgress<OptimizationProgress>
    {
        private readonly ConcurrentQueue<OptimizationProgress> _reports = new();

        public OptimizationProgress? Last => _reports.LastOrDefault();

        public int Max => _reports.IsEmpty ? 0 : _reports.Max(r => r.Completed);

        public void Report(OptimizationProgress value) => _reports.Enqueue(value);
    }
}
