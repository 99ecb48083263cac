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
}
