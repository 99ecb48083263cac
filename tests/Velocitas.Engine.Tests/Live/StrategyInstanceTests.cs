using Velocitas.Engine.Execution;
using Velocitas.Engine.Live;
using Velocitas.Engine.Strategies;
using Velocitas.Engine.Market;

namespace Velocitas.Engine.Tests.Live;

public class StrategyInstanceTests
{
    /// <summary>A scheduler that runs nothing until told to, to hold an instance's worker back.</summary>
    internal sealed class ManualScheduler : TaskScheduler
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

public class StrategyInstanceFaultTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly StrategyDefinition Faulty = StrategyDefinition.FromClass(typeof(StrategyApi.FailsOnThirdCandle), "fails@1", "Fails", StrategyStyle.Momentum, "x.");

    private static Candle At(int minute) => new(T0.AddMinutes(minute), 100 + minute, 101 + minute, 99 + minute, 100 + minute, 10);

    private static void Feed(StrategyInstance instance, params int[] minutes)
    {
        foreach (int minute in minutes)
        {
            var candle = At(minute);
            instance.Enqueue(MarketEvent.Opened("BTCUSDT", candle.Time, candle.Open));
            instance.Enqueue(MarketEvent.Closed("BTCUSDT", candle));
        }
    }

    private static StrategyApi.FailsOnThirdCandle CodeOf(StrategyInstance instance) =>
        (StrategyApi.FailsOnThirdCandle)((StrategyRunner)instance.Session.Strategy).Host.Strategy;

    [Fact]
    public void A_failed_strategys_code_is_not_run_again_while_paused_and_the_pause_is_shown_before_the_queue_is_read()
    {
        var scheduler = new StrategyInstanceTests.ManualScheduler();
        var faults = new List<(string Note, InstanceSnapshot Shown)>();
        StrategyInstance? failing = null;
        var callbacks = new LiveCallbacks((_, _, _) => { }, (_, _, _) => { }, (_, _, _, _) => { }, new PersistenceGate())
        {
            Faulted = (_, note) => faults.Add((note, failing!.Snapshot)),
        };
        failing = new StrategyInstance(1, new InstanceSpec { StrategyId = "fails@1", Symbol = "BTCUSDT" }, Faulty.Create(), scheduler, callbacks);

        Feed(failing, 0, 1, 2, 3, 4, 5);
        scheduler.RunAll();

        // a runaway loop would cost its whole budget at every later candle: the failed code is not called again
        Assert.Equal(3, CodeOf(failing).Calls);
        var (note, shown) = Assert.Single(faults);
        Assert.True(shown.Paused);                      // published at the fault, while three candles still waited
        Assert.Equal(note, shown.Note);
        Assert.Equal(2, shown.Candles);
        Assert.StartsWith("Paused: the strategy's code failed at 2025-01-01 00:02 UTC: line ", note);
        var s = failing.Snapshot;
        Assert.Equal((true, 5, note), (s.Paused, s.Candles, s.Note)); // it still reads its market (candles, prices)
        Assert.Equal(105m, s.LastPrice);
    }

    [Fact]
    public async Task A_resumed_instance_starts_its_strategy_afresh()
    {
        var callbacks = new LiveCallbacks((_, _, _) => { }, (_, _, _) => { }, (_, _, _, _) => { }, new PersistenceGate());
        var instance = new StrategyInstance(1, new InstanceSpec { StrategyId = "fails@1", Symbol = "BTCUSDT" }, Faulty.Create(), TaskScheduler.Default, callbacks);
        Feed(instance, 0, 1, 2, 3);
        await instance.WhenIdleAsync();
        Assert.True(instance.Snapshot.Paused);
        var failed = CodeOf(instance);

        // the failed object was left mid-call: resumed, the instance runs a fresh one (OnStart again, its own warm-up)
        instance.Paused = false;
        Feed(instance, 4, 5);
        await instance.WhenIdleAsync();
        Assert.NotSame(failed, CodeOf(instance));
        Assert.Equal(3, failed.Calls);
        Assert.Equal(2, CodeOf(instance).Calls);
        Assert.Equal((false, (string?)null, 5), (instance.Snapshot.Paused, instance.Snapshot.Note, instance.Snapshot.Candles));
    }

    [Fact]
    public void A_strategy_that_fails_on_its_warm_up_history_is_paused_instead_of_failing_the_start()
    {
        var faults = new List<string>();
        var callbacks = new LiveCallbacks((_, _, _) => { }, (_, _, _) => { }, (_, _, _, _) => { }, new PersistenceGate()) { Faulted = (_, note) => faults.Add(note) };
        var instance = new StrategyInstance(1, new InstanceSpec { StrategyId = "fails@1", Symbol = "BTCUSDT" }, Faulty.Create(), TaskScheduler.Default, callbacks);

        instance.BeginFeed([At(0), At(1), At(2), At(3), At(4)], "synthetic");

        Assert.Equal(3, CodeOf(instance).Calls);
        var s = instance.Snapshot;
        Assert.True(s.Paused);
        Assert.StartsWith("Paused: the strategy's code failed at 2025-01-01 00:02 UTC: line ", s.Note);
        Assert.Equal(s.Note, Assert.Single(faults));
        Assert.Equal(104m, s.LastPrice);

        // a later feed keeps the reason on show (the instance is still paused by it) and does not run the code
        instance.BeginFeed([At(5), At(6)], "synthetic");
        Assert.Equal((true, s.Note), (instance.Snapshot.Paused, instance.Snapshot.Note));
        Assert.Equal(3, CodeOf(instance).Calls);
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
