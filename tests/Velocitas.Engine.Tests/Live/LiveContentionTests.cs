using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Live;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Tests.Live;

/// <summary>
/// The live engine under CPU contention (a busy loop per core beside it) with every lifecycle path and the snapshot
/// writer hammered from other threads at the same time: results stay those of the backtester, nothing throws, every
/// figure reconciles. Nothing here waits on time: each step waits on the engine's own signals.
/// </summary>
public class LiveContentionTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static ExecutionSettings Settings => new() { InitialCash = 10_000m, FeeRate = 0.001m, SlippageBps = 2, LotStep = 0.0001m };

    [Fact]
    public async Task Under_busy_cores_and_concurrent_lifecycle_calls_the_instances_left_alone_trade_exactly_like_the_backtester()
    {
        using var busy = new CancellationTokenSource();
        var spinners = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Factory.StartNew(() =>
        {
            long n = 0;
            while (!busy.IsCancellationRequested) n++;
            return n;
        }, TaskCreationOptions.LongRunning)).ToList();
        try
        {
            var store = new InMemoryLiveStore();
            await using var engine = new LiveEngine(store, options: new LiveEngineOptions { Workers = 2 });
            await engine.InitializeAsync();
            string[] coins = ["BTC", "ETH", "SOL"];
            var steady = new List<int>();
            foreach (string coin in coins)
                steady.Add((await engine.AddInstanceAsync(new InstanceSpec { StrategyId = "sma-crossover", Symbol = coin, Parameters = new Dictionary<string, double> { ["fast"] = 5, ["slow"] = 20 }, Settings = Settings })).Id);
            var feed = new RecordingFeed(new SyntheticFeed(coins, new SyntheticFeedOptions { Seed = 5, TicksPerSecond = 0, TicksPerCandle = 20, MaxTicks = 60_000, Start = Start }));
            await engine.StartAsync(feed);

            // while the feed runs: instances come and go, pause and resume, close positions; snapshots from four threads
            var churn = Task.Run(async () =>
            {
                for (int k = 0; k < 20; k++)
                {
                    var extra = await engine.AddInstanceAsync(new InstanceSpec { StrategyId = "rsi", Symbol = coins[k % 3], Settings = Settings });
                    await engine.SetPausedAsync(extra.Id, true);
                    await engine.SetPausedAsync(extra.Id, false);
                    await engine.ClosePositionAsync(extra.Id);
                    Assert.True(await engine.RemoveInstanceAsync(extra.Id));
                }
            });
            var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (!churn.IsCompleted)
                {
                    var s = engine.PublishSnapshot();
                    Assert.Equal(s.Instances.Sum(i => i.RealizedPnl) + s.ClosedInstances.Sum(i => i.RealizedPnl), s.Overall.Realized);
                    await Task.Yield();
                }
            })).ToList();
            await churn;
            await Task.WhenAll(readers);
            await engine.WhenFeedCompletedAsync();
            await engine.StopAsync();

            var snapshot = engine.PublishSnapshot();
            Assert.Equal(20, snapshot.ClosedInstances.Count);
            Assert.Equal(60_000, feed.Ticks);
            foreach (int id in steady)
            {
                var instance = snapshot.Instances.Single(i => i.Id == id);
                var candles = feed.Closed[instance.Symbol].ToArray();
                var backtest = Backtester.Run(candles, StrategyCatalog.Get("sma-crossover").Create(new Dictionary<string, double> { ["fast"] = 5, ["slow"] = 20 }), Settings);
                var expected = backtest.Trades.Where(t => t.ExitReason != ExitReason.EndOfData).ToList();
                Assert.Equal(expected, store.Trades.Where(t => t.InstanceId == id).Select(t => t.Trade).ToList());
                Assert.Equal(candles.Length, instance.Candles);
            }
            // everything the engine did was saved: the stored trades are the engine's, removed instances' included
            Assert.Equal(snapshot.Overall.Trades, store.Trades.Count);
            Assert.Equal(snapshot.Overall.Realized, store.Trades.Sum(t => t.Trade.Pnl));
        }
        finally
        {
            busy.Cancel();
            await Task.WhenAll(spinners);
        }
    }
}
