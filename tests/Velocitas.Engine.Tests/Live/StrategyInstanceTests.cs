using Velocitas.Engine.Execution;
using Velocitas.Engine.Live;
using Velocitas.Engine.Strategies;
using Velocitas.Engine.Market;

namespace Velocitas.Engine.Tests.Live;

public class StrategyInstanceTests
{
    /// <summary>A scheduler that runs nothing until told to, to hold an instance's worker back.</summary>
    private sealed class ManualScheduler : TaskScheduler
    {
        private readonly List<Task> _tasks = [];
        protected override IEnumerable<Task> GetScheduledTasks() { lock (_tasks) return _tasks.ToArray(); }
        protected override void QueueTask(Task task) { lock (_tasks) _tasks.Add(task); }
        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

        public void RunAll()
        {
            while (true)
            {
                Task[] batch;
                lock (_tasks)
                {
                    batch = _tasks.ToArray();
                    _tasks.Clear();
                }
                if (batch.Length == 0) return;
                foreach (var t in batch) TryExecuteTask(t);
            }
        }
    }

    [Fact]
    public void A_slow_instance_conflates_ticks_but_never_drops_a_candle_event()
    {
        var scheduler = new ManualScheduler();
        var trades = new List<LiveTrade>();
        var instance = new StrategyInstance(1, new InstanceSpec { StrategyId = "rsi", Symbol = "BTCUSDT" }, StrategyCatalog.Get("rsi").Create(), scheduler,
            new LiveCallbacks((t, _, _) => trades.Add(t), (_, _, _) => { }, (_, _, _, _) => { }, new PersistenceGate()));
        var t0 = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        for (int minute = 0; minute < 3; minute++)
        {
            var time = t0.AddMinutes(minute);
            instance.Enqueue(MarketEvent.Opened("BTCUSDT", time, 100 + minute));
            for (int k = 0; k < 5; k++) instance.Enqueue(MarketEvent.Tick("BTCUSDT", time.AddSeconds(k), 100 + minute + (k * 0.1m)));
            instance.Enqueue(MarketEvent.Closed("BTCUSDT", new Candle(time, 100 + minute, 101 + minute, 99 + minute, 100.4m + minute, 10)));
        }
        scheduler.RunAll();

        var s = instance.Snapshot;
        Assert.Equal(3, s.Candles);                 // every close delivered
        Assert.Equal(3 * 4, s.ConflatedTicks);      // 5 ticks in a row → 1 processed, 4 conflated, per candle
        Assert.Equal(3 * (1 + 1 + 1), s.Events);    // open, last tick, close per candle
        Assert.Equal(102.4m, s.LastPrice);
    }

    [Fact]
    public void An_instance_whose_strategy_code_fails_is_paused_with_the_error_while_another_keeps_trading()
    {
        var scheduler = new ManualScheduler();
        var callbacks = new LiveCallbacks((_, _, _) => { }, (_, _, _) => { }, (_, _, _, _) => { }, new PersistenceGate());
        var faulty = StrategyDefinition.FromClass(typeof(StrategyApi.FailsOnThirdCandle), "fails@1", "Fails", StrategyStyle.Momentum, "x.");
        var failing = new StrategyInstance(1, new InstanceSpec { StrategyId = "fails@1", Symbol = "BTCUSDT" }, faulty.Create(), scheduler, callbacks);
        var healthy = new StrategyInstance(2, new InstanceSpec { StrategyId = "momentum", Symbol = "BTCUSDT" },
            StrategyCatalog.Get("momentum").Create(new Dictionary<string, double> { ["lookback"] = 1, ["threshold"] = 0 }), scheduler, callbacks);
        var t0 = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        foreach (var (minute, close) in new[] { (0, 100m), (1, 101m), (2, 102m), (3, 99m), (4, 98m) })
        {
            var candle = new Candle(t0.AddMinutes(minute), close, close + 1, close - 1, close, 10);
            foreach (var instance in new[] { failing, healthy })
            {
                instance.Enqueue(MarketEvent.Opened("BTCUSDT", candle.Time, close));
                instance.Enqueue(MarketEvent.Closed("BTCUSDT", candle));
            }
        }
        scheduler.RunAll();

        var f = failing.Snapshot;
        Assert.True(f.Paused);
        Assert.Equal(4, f.Candles); // the third close failed and is not counted; paused, it reads the rest without trading
        Assert.Equal(0, f.Trades);
        Assert.StartsWith("Paused: the strategy's code failed at 2025-01-01 00:02 UTC: line ", f.Note);
        Assert.Contains("InvalidOperationException: the third candle is refused", f.Note);
        var h = healthy.Snapshot;
        Assert.False(h.Paused);
        Assert.Equal(5, h.Candles);
        Assert.Equal(1, h.Trades); // bought after the rise, sold after the fall
    }
}

public class StrategyInstanceLogTests
{
    [Fact]
    public async Task A_live_instance_shows_the_newest_lines_its_strategy_logged()
    {
        var logging = StrategyDefinition.FromClass(typeof(StrategyApi.LogsEveryClose), "logs@1", "Logs", StrategyStyle.Momentum, "x.");
        var instance = new StrategyInstance(1, new InstanceSpec { StrategyId = "logs@1", Symbol = "BTCUSDT" }, logging.Create(), TaskScheduler.Default,
            new LiveCallbacks((_, _, _) => { }, (_, _, _) => { }, (_, _, _, _) => { }, new PersistenceGate()));
        var t0 = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (int minute = 0; minute < 30; minute++)
        {
            var candle = new Candle(t0.AddMinutes(minute), 100, 101, 99, 100 + minute, 10);
            instance.Enqueue(MarketEvent.Opened("BTCUSDT", candle.Time, 100));
            instance.Enqueue(MarketEvent.Closed("BTCUSDT", candle));
        }
        await instance.WhenIdleAsync();

        var log = instance.Snapshot.Log;
        Assert.Equal(20, log.Count); // the newest 20, oldest first
        Assert.Equal(("close 110", t0.AddMinutes(10)), (log[0].Message, log[0].Time!.Value));
        Assert.Equal("close 129", log[^1].Message);
    }
}
