using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Live;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Tests.Live;

[Collection(CatalogChanges.Name)]
public class LiveEngineTests
{
    private static readonly string[] Coins = ["BTC", "ETH", "SOL", "BNB", "XRP", "ADA"];
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly (string Strategy, Dictionary<string, double> Parameters)[] Strategies =
    [
        ("sma-crossover", new() { ["fast"] = 5, ["slow"] = 20 }),
        ("rsi", new() { ["period"] = 14, ["oversold"] = 35, ["overbought"] = 65 }),
        ("macd", new()),
        ("donchian", new() { ["entry"] = 15, ["exit"] = 8 }),
    ];

    private static ExecutionSettings Settings => new() { InitialCash = 10_000m, FeeRate = 0.001m, SlippageBps = 2, LotStep = 0.0001m, StopLossPct = 4 };

    private static async Task<(LiveEngine Engine, InMemoryLiveStore Store, RecordingFeed Feed)> RunAsync(long ticks, int workers = 2)
    {
        var store = new InMemoryLiveStore();
        var engine = new LiveEngine(store, options: new LiveEngineOptions { Workers = workers });
        await engine.InitializeAsync();
        foreach (string coin in Coins)
            foreach (var (strategy, parameters) in Strategies)
                await engine.AddInstanceAsync(new InstanceSpec { StrategyId = strategy, Symbol = coin, Parameters = parameters, Settings = Settings });
        var feed = new RecordingFeed(new SyntheticFeed(Coins, new SyntheticFeedOptions { Seed = 11, TicksPerSecond = 0, TicksPerCandle = 20, MaxTicks = ticks, Start = Start }));
        await engine.StartAsync(feed);
        await engine.WhenFeedCompletedAsync();
        return (engine, store, feed);
    }

    [Fact]
    public async Task Twenty_four_instances_on_six_coins_trade_exactly_like_the_backtester_on_the_same_candles()
    {
        var (engine, _, feed) = await RunAsync(100_000);
        await using var _ = engine;
        var snapshot = engine.PublishSnapshot();

        Assert.Equal(100_000, feed.Ticks);
        Assert.Equal(24, snapshot.Instances.Count);
        int totalTrades = 0;
        foreach (var instance in snapshot.Instances)
        {
            var candles = feed.Closed[instance.Symbol].ToArray();
            Assert.True(candles.Length >= 800, $"{instance.Symbol}: {candles.Length} candles");
            var strategy = Strategies.Single(s => s.Strategy == instance.StrategyId);
            var backtest = Backtester.Run(candles, StrategyCatalog.Get(strategy.Strategy).Create(strategy.Parameters), Settings);
            var expected = backtest.Trades.Where(t => t.ExitReason != ExitReason.EndOfData).ToList();
            var live = engine.RecentTrades.Where(t => t.InstanceId == instance.Id).Select(t => t.Trade).ToList();

            Assert.Equal(expected, live);
            Assert.Equal(expected.Count, instance.Trades);
            Assert.Equal(expected.Sum(t => t.Pnl), instance.RealizedPnl);
            Assert.Equal(backtest.Trades.LastOrDefault()?.ExitReason == ExitReason.EndOfData, instance.Quantity > 0);
            Assert.Equal(candles.Length, instance.Candles);
            totalTrades += live.Count;
        }
        Assert.True(totalTrades > 100, $"only {totalTrades} trades");
    }

    [Fact]
    public async Task Per_instance_coin_and_strategy_sums_equal_the_overall_figures_and_equity_reconciles()
    {
        var (engine, _, _) = await RunAsync(60_000);
        await using var _ = engine;
        var s = engine.PublishSnapshot();

        Assert.Equal(s.Instances.Sum(i => i.RealizedPnl), s.Overall.Realized);
        Assert.Equal(s.ByCoin.Sum(c => c.Realized), s.Overall.Realized);
        Assert.Equal(s.ByStrategy.Sum(c => c.Realized), s.Overall.Realized);
        Assert.Equal(s.ByCoin.Sum(c => c.Unrealized), s.Overall.Unrealized);
        Assert.Equal(s.ByStrategy.Sum(c => c.Fees), s.Overall.Fees);
        Assert.Equal(s.Instances.Sum(i => i.Trades), s.Overall.Trades);
        Assert.Equal(6, s.ByCoin.Count);
        Assert.Equal(4, s.ByStrategy.Count);
        foreach (var i in s.Instances)
        {
            Assert.Equal(i.Cash + (i.Quantity * i.LastPrice!.Value), i.Equity);
            Assert.Equal(i.InitialCash + i.RealizedPnl + i.UnrealizedPnl, i.Equity);
        }
        Assert.Equal(s.Overall.InitialCash + s.Overall.Realized + s.Overall.Unrealized, s.Overall.Equity);
    }

    [Fact]
    public async Task Stop_persists_every_trade_and_account_and_a_restart_restores_them()
    {
        var (engine, store, _) = await RunAsync(40_000);
        await engine.StopAsync();
        var before = engine.Snapshot.Instances;
        await engine.DisposeAsync();

        Assert.Equal(before.Sum(i => i.Trades), store.Trades.Count);
        foreach (var i in before)
        {
            var account = store.Accounts[i.Id];
            Assert.Equal((i.Cash, i.Quantity, i.RealizedPnl, i.Fees, i.Trades), (account.Cash, account.Quantity, account.RealizedPnl, account.FeesPaid, account.Trades));
            Assert.Equal(store.Trades.Where(t => t.InstanceId == i.Id).Sum(t => t.Trade.Pnl), account.RealizedPnl);
        }

        await using var restarted = new LiveEngine(store);
        await restarted.InitializeAsync();
        var after = restarted.PublishSnapshot().Instances;
        Assert.Equal(before.Select(i => (i.Id, i.StrategyId, i.Symbol, i.Parameters)), after.Select(i => (i.Id, i.StrategyId, i.Symbol, i.Parameters)));
        Assert.Equal(before.Select(i => (i.Cash, i.Quantity, i.AverageEntryPrice, i.RealizedPnl, i.Fees, i.Trades, i.Wins)),
                     after.Select(i => (i.Cash, i.Quantity, i.AverageEntryPrice, i.RealizedPnl, i.Fees, i.Trades, i.Wins)));
        Assert.Equal(before.Select(i => (i.LastPrice, i.Equity)), after.Select(i => (i.LastPrice, i.Equity)));

        // and it can resume trading
        await restarted.StartAsync(new SyntheticFeed(Coins, new SyntheticFeedOptions { Seed = 12, TicksPerSecond = 0, TicksPerCandle = 20, MaxTicks = 6_000, Start = Start.AddDays(1) }));
        await restarted.WhenFeedCompletedAsync();
        Assert.Equal(EngineState.Running, restarted.State);
        Assert.All(restarted.PublishSnapshot().Instances, i => Assert.True(i.Events > 0));
    }

    [Fact]
    public async Task An_instance_paused_by_its_failing_code_stays_paused_with_its_error_after_a_restart_until_resumed()
    {
        StrategyCatalog.Register("pause-fault-test", StrategyDefinition.FromClass(typeof(StrategyApi.FailsOnThirdCandle), "pause-fault-test@1", "Fails v1", StrategyStyle.Custom, "x."));
        try
        {
            var store = new InMemoryLiveStore();
            var engine = new LiveEngine(store);
            await engine.InitializeAsync();
            var faulty = await engine.AddInstanceAsync(new InstanceSpec { StrategyId = "pause-fault-test@1", Symbol = "BTC" });
            var healthy = await engine.AddInstanceAsync(new InstanceSpec { StrategyId = "sma-crossover", Symbol = "BTC", Parameters = new Dictionary<string, double> { ["fast"] = 2, ["slow"] = 4 } });
            await engine.StartAsync(new SyntheticFeed(["BTC"], new SyntheticFeedOptions { Seed = 5, TicksPerSecond = 0, TicksPerCandle = 5, MaxTicks = 300, Start = Start }));
            await engine.WhenFeedCompletedAsync();
            await engine.StopAsync();
            var failed = engine.Snapshot.Instances.Single(i => i.Id == faulty.Id);
            Assert.True(failed.Paused);
            Assert.StartsWith("Paused: the strategy's code failed at 2025-01-01 00:02 UTC: line ", failed.Note);
            Assert.False(engine.Snapshot.Instances.Single(i => i.Id == healthy.Id).Paused);
            await engine.DisposeAsync(); // waits for the pause to be saved

            Assert.True(store.Instances[faulty.Id].Paused);
            Assert.Equal(failed.Note, store.PauseReasons[faulty.Id]);
            await using var restarted = new LiveEngine(store);
            await restarted.InitializeAsync();
            await restarted.WhenIdleAsync();
            var after = restarted.PublishSnapshot().Instances.Single(i => i.Id == faulty.Id);
            Assert.True(after.Paused);
            Assert.Equal(failed.Note, after.Note);
            Assert.False(restarted.PublishSnapshot().Instances.Single(i => i.Id == healthy.Id).Paused);

            // a feed after the restart: the reason stays on show and the failed code is not run again
            await restarted.StartAsync(new SyntheticFeed(["BTC"], new SyntheticFeedOptions { Seed = 6, TicksPerSecond = 0, TicksPerCandle = 5, MaxTicks = 100, Start = Start.AddDays(1) }));
            await restarted.WhenFeedCompletedAsync();
            await restarted.StopAsync();
            var fed = restarted.PublishSnapshot().Instances.Single(i => i.Id == faulty.Id);
            Assert.Equal((true, failed.Note), (fed.Paused, fed.Note));
            Assert.True(fed.Candles > 0, "it read the new feed's candles");

            Assert.True(await restarted.SetPausedAsync(faulty.Id, false));
            Assert.False(store.Instances[faulty.Id].Paused);
            Assert.False(store.PauseReasons.ContainsKey(faulty.Id));
            await restarted.WhenIdleAsync();
            Assert.Null(restarted.PublishSnapshot().Instances.Single(i => i.Id == faulty.Id).Note);
        }
        finally
        {
            StrategyCatalog.Unregister("pause-fault-test"); // the catalogue is process-wide: other tests list it
        }
    }

    [Fact]
    public async Task An_instance_whose_code_fails_as_it_is_restored_comes_back_paused_and_the_others_trade()
    {
        StrategyCatalog.Register("restore-fault-test", StrategyDefinition.FromClass(typeof(StrategyApi.LogsEveryClose), "restore-fault-test@1", "Restores v1", StrategyStyle.Custom, "x."));
        try
        {
            var store = new InMemoryLiveStore();
            var engine = new LiveEngine(store);
            await engine.InitializeAsync();
            var faulty = await engine.AddInstanceAsync(new InstanceSpec { StrategyId = "restore-fault-test@1", Symbol = "BTC" });
            var healthy = await engine.AddInstanceAsync(new InstanceSpec { StrategyId = "sma-crossover", Symbol = "BTC", Parameters = new Dictionary<string, double> { ["fast"] = 2, ["slow"] = 4 } });
            await engine.DisposeAsync();

            // the same version's code now fails as it starts (say its start ran out of time): the app must still start
            StrategyCatalog.Register("restore-fault-test", StrategyDefinition.FromClass(typeof(StrategyApi.FailsOnStart), "restore-fault-test@1", "Restores v1", StrategyStyle.Custom, "x."));
            await using var restarted = new LiveEngine(store);
            await restarted.InitializeAsync();
            await restarted.WhenIdleAsync();
            var paused = restarted.PublishSnapshot().Instances.Single(i => i.Id == faulty.Id);
            Assert.True(paused.Paused);
            Assert.StartsWith("Paused: the strategy's code failed as it was restored: ", paused.Note);
            Assert.EndsWith("InvalidOperationException: nothing to start with (OnStart)", paused.Note);

            await restarted.StartAsync(new SyntheticFeed(["BTC"], new SyntheticFeedOptions { Seed = 7, TicksPerSecond = 0, TicksPerCandle = 5, MaxTicks = 300, Start = Start.AddDays(1) }));
            await restarted.WhenFeedCompletedAsync();
            var after = restarted.PublishSnapshot().Instances;
            Assert.True(after.Single(i => i.Id == healthy.Id).Candles > 0);
            Assert.False(after.Single(i => i.Id == healthy.Id).Paused);
            Assert.Equal(0, after.Single(i => i.Id == faulty.Id).Trades);

            // resumed, its code starts again; it fails again, so the instance is paused again with the new error
            await restarted.StopAsync();
            Assert.True(await restarted.SetPausedAsync(faulty.Id, false));
            await restarted.StartAsync(new SyntheticFeed(["BTC"], new SyntheticFeedOptions { Seed = 8, TicksPerSecond = 0, TicksPerCandle = 5, MaxTicks = 50, Start = Start.AddDays(2) }));
            await restarted.WhenFeedCompletedAsync();
            await restarted.StopAsync();
            var again = restarted.PublishSnapshot().Instances.Single(i => i.Id == faulty.Id);
            Assert.True(again.Paused);
            Assert.StartsWith("Paused: the strategy's code failed at ", again.Note);
            Assert.True(store.Instances[faulty.Id].Paused);
        }
        finally
        {
            StrategyCatalog.Unregister("restore-fault-test");
        }
    }

    [Fact]
    public async Task A_strategy_whose_code_fails_as_it_starts_is_refused_and_nothing_is_saved()
    {
        StrategyCatalog.Register("start-fault-test", StrategyDefinition.FromClass(typeof(StrategyApi.FailsOnStart), "start-fault-test@1", "No start v1", StrategyStyle.Custom, "x."));
        try
        {
            var store = new InMemoryLiveStore();
            await using var engine = new LiveEngine(store);
            await engine.InitializeAsync();
            var fault = await Assert.ThrowsAsync<Velocitas.Strategies.Hosting.StrategyFaultException>(() => engine.AddInstanceAsync(new InstanceSpec { StrategyId = "start-fault-test@1", Symbol = "BTC" }));
            Assert.EndsWith("InvalidOperationException: nothing to start with (OnStart)", fault.Message);
            Assert.Empty(store.Instances); // else the next start would restore an instance that cannot be created
            Assert.Empty(engine.PublishSnapshot().Instances);
        }
        finally
        {
            StrategyCatalog.Unregister("start-fault-test");
        }
    }

    [Fact]
    public async Task After_a_kill_the_accounts_come_back_consistent_with_the_trades_saved_with_them()
    {
        var store = new InMemoryLiveStore();
        await using var engine = new LiveEngine(store, options: new LiveEngineOptions { FlushInterval = TimeSpan.FromMilliseconds(50) });
        await engine.InitializeAsync();
        foreach (string coin in Coins[..3])
            await engine.AddInstanceAsync(new InstanceSpec { StrategyId = "sma-crossover", Symbol = coin, Parameters = new Dictionary<string, double> { ["fast"] = 2, ["slow"] = 5 }, Settings = Settings });
        await engine.StartAsync(new SyntheticFeed(Coins[..3], new SyntheticFeedOptions { TicksPerSecond = 30_000, TicksPerCandle = 3, Start = Start }));
        for (int i = 0; i < 500 && store.Trades.Count < 30; i++) await Task.Delay(20);

        var leftBehind = store.Clone(); // the process dies here, mid-stream: only what was saved survives

        await using var restarted = new LiveEngine(leftBehind);
        await restarted.InitializeAsync();
        var restored = restarted.PublishSnapshot().Instances;
        Assert.Equal(3, restored.Count);
        Assert.True(leftBehind.Trades.Count >= 30);
        foreach (var i in restored)
        {
            var trades = leftBehind.Trades.Where(t => t.InstanceId == i.Id).ToList();
            Assert.Equal(trades.Count, i.Trades);
            Assert.Equal(trades.Sum(t => t.Trade.Pnl), i.RealizedPnl);
            Assert.Equal(i.InitialCash + i.RealizedPnl + i.UnrealizedPnl, i.Equity);
        }
    }

    [Fact]
    public async Task Instances_can_be_added_paused_and_removed_while_running()
    {
        var store = new InMemoryLiveStore();
        await using var engine = new LiveEngine(store);
        await engine.InitializeAsync();
        var first = await engine.AddInstanceAsync(new InstanceSpec { StrategyId = "rsi", Symbol = "BTC" });
        var feed = new SyntheticFeed(["BTC", "ETH"], new SyntheticFeedOptions { TicksPerSecond = 20_000, TicksPerCandle = 10, Start = Start });
        await engine.StartAsync(feed);
        await Task.Delay(200);

        var added = await engine.AddInstanceAsync(new InstanceSpec { StrategyId = "SMA_Crossover", Symbol = "eth/usdt", Parameters = new Dictionary<string, double> { ["fast"] = 3, ["slow"] = 8 } });
        Assert.Equal(("sma-crossover", "ETHUSDT"), (added.StrategyId, added.Symbol));
        Assert.True(await engine.SetPausedAsync(first.Id, true));
        for (int i = 0; i < 500 && engine.GetInstance(added.Id)!.Events == 0; i++) await Task.Delay(20);
        await engine.WhenIdleAsync();
        Assert.True(engine.GetInstance(added.Id)!.Events > 0);
        Assert.True(engine.GetInstance(first.Id)!.Paused);

        Assert.True(await engine.RemoveInstanceAsync(added.Id));
        Assert.Null(engine.GetInstance(added.Id));
        Assert.True(store.Instances[added.Id].Removed);
        Assert.False(await engine.RemoveInstanceAsync(added.Id));
        await engine.StopAsync();
        Assert.Equal(EngineState.Stopped, engine.State);
    }

    [Fact]
    public async Task Bad_instance_specs_are_refused_with_a_clear_message()
    {
        await using var engine = new LiveEngine(new InMemoryLiveStore());
        await Assert.ThrowsAsync<KeyNotFoundException>(() => engine.AddInstanceAsync(new InstanceSpec { StrategyId = "turtle", Symbol = "BTC" }));
        var bad = await Assert.ThrowsAsync<StrategyParameterException>(() => engine.AddInstanceAsync(new InstanceSpec { StrategyId = "rsi", Symbol = "BTC", Parameters = new Dictionary<string, double> { ["oversold"] = 90 } }));
        Assert.Contains("oversold (90) must be less than overbought (70).", bad.Message);
        await Assert.ThrowsAsync<FormatException>(() => engine.AddInstanceAsync(new InstanceSpec { StrategyId = "rsi", Symbol = "??" }));
        await Assert.ThrowsAsync<ArgumentException>(() => engine.AddInstanceAsync(new InstanceSpec { StrategyId = "rsi", Symbol = "BTC", Settings = new ExecutionSettings { FeeRate = 2 } }));
    }

    [Fact]
    public async Task A_failing_database_is_retried_and_nothing_is_lost()
    {
        var store = new InMemoryLiveStore { FailNextSaves = 3 };
        await using var engine = new LiveEngine(store, options: new LiveEngineOptions { FlushInterval = TimeSpan.FromMilliseconds(20) });
        await engine.InitializeAsync();
        await engine.AddInstanceAsync(new InstanceSpec { StrategyId = "sma-crossover", Symbol = "BTC", Parameters = new Dictionary<string, double> { ["fast"] = 3, ["slow"] = 8 } });
        await engine.StartAsync(new SyntheticFeed(["BTC"], new SyntheticFeedOptions { TicksPerSecond = 0, TicksPerCandle = 5, MaxTicks = 20_000, Start = Start }));
        await engine.WhenFeedCompletedAsync();
        await engine.StopAsync();

        var s = engine.Snapshot;
        Assert.Equal(0, store.FailNextSaves);
        Assert.Equal(s.Instances[0].Trades, store.Trades.Count);
        Assert.True(store.Trades.Count > 10);
        Assert.Null(s.Pipeline.LastPersistenceError);
        Assert.Equal(0, s.Pipeline.PendingWrites);
    }

    [Fact]
    public async Task While_the_database_refuses_writes_the_backlog_is_capped_trading_pauses_with_the_reason_and_resumes_after()
    {
        var store = new InMemoryLiveStore { DiskFull = true };
        const int cap = 200;
        await using var engine = new LiveEngine(store, options: new LiveEngineOptions { FlushInterval = TimeSpan.FromMilliseconds(20), MaxPendingWrites = cap });
        await engine.InitializeAsync();
        foreach (string coin in new[] { "BTC", "ETH" })
            await engine.AddInstanceAsync(new InstanceSpec { StrategyId = "sma-crossover", Symbol = coin, Parameters = new Dictionary<string, double> { ["fast"] = 3, ["slow"] = 8 } });
        await engine.StartAsync(new SyntheticFeed(["BTC", "ETH"], new SyntheticFeedOptions { TicksPerSecond = 0, TicksPerCandle = 2, MaxTicks = 200_000, Start = Start }));

        // the gate closes once the backlog reaches the cap (waits on the engine's own state, not on a clock)
        var halted = await WaitForAsync(engine, s => s.Pipeline.TradingHaltedReason is not null);
        Assert.Contains("database refuses writes", halted.Pipeline.TradingHaltedReason);
        Assert.All(halted.Instances, i => Assert.StartsWith("Trading is paused", i.Note));
        long publishedAtHalt = halted.Pipeline.Published;
        var later = await WaitForAsync(engine, s => s.Pipeline.Published > publishedAtHalt + 20_000 || engine.State != EngineState.Running);
        Assert.True(later.Pipeline.PendingWrites <= cap + 10, $"{later.Pipeline.PendingWrites} pending with a cap of {cap}");
        int tradesWhileHalted = later.Instances.Sum(i => i.Trades);

        // writes work again: everything queued is saved, the gate opens, trading goes on
        store.DiskFull = false;
        await engine.WhenFeedCompletedAsync();
        await engine.StopAsync();
        var end = engine.Snapshot;
        Assert.Null(end.Pipeline.TradingHaltedReason);
        Assert.Equal(0, end.Pipeline.PendingWrites);
        Assert.Equal(end.Instances.Sum(i => i.Trades), store.Trades.Count);
        Assert.True(end.Instances.Sum(i => i.Trades) > tradesWhileHalted, "trading resumed after the database recovered");
        Assert.All(end.Instances, i => Assert.DoesNotContain("Trading is paused", i.Note ?? ""));
    }

    private static async Task<EngineSnapshot> WaitForAsync(LiveEngine engine, Func<EngineSnapshot, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            var s = engine.PublishSnapshot();
            if (condition(s)) return s;
            await Task.Delay(10, timeout.Token);
        }
    }

    [Fact]
    public async Task Snapshots_reach_subscribers_until_they_unsubscribe()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Start);
        await using var engine = new LiveEngine(new InMemoryLiveStore(), clock, new LiveEngineOptions { SnapshotInterval = TimeSpan.FromMilliseconds(250) });
        var times = new List<DateTimeOffset>();
        var subscription = engine.Subscribe(s => { lock (times) times.Add(s.Time); });

        for (int i = 0; i < 5; i++) clock.Advance(TimeSpan.FromMilliseconds(250));
        await engine.WhenIdleAsync(); // subscribers are called off the engine's threads: wait until they have heard
        subscription.Dispose();
        clock.Advance(TimeSpan.FromSeconds(2));
        await engine.WhenIdleAsync();

        Assert.Equal(Enumerable.Range(1, 5).Select(i => Start.AddMilliseconds(250 * i)), times);
    }
}

public class LiveEngineMarketClockTests
{
    private static readonly DateTimeOffset Market = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static SyntheticFeed Feed(DateTimeOffset start, long ticks) =>
        new(["BTC"], new SyntheticFeedOptions { Seed = 3, TicksPerSecond = 0, TicksPerCandle = 10, MaxTicks = ticks, Start = start });

    private static Candle[] Candles(DateTimeOffset start, int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            decimal close = 100 + (decimal)(10 * Math.Sin(i / 5.0));
            return new Candle(start.AddMinutes(i), close - 0.5m, close + 1, close - 1, close, 10);
        }).ToArray();

    private static async Task<LiveEngine> EngineAsync(TimeProvider? wall = null)
    {
        var engine = new LiveEngine(new InMemoryLiveStore(), wall);
        await engine.InitializeAsync();
        await engine.AddInstanceAsync(new InstanceSpec { StrategyId = "sma-crossover", Symbol = "BTC", Parameters = new Dictionary<string, double> { ["fast"] = 3, ["slow"] = 8 } });
        return engine;
    }

    private static async Task RunAsync(LiveEngine engine, IMarketFeed feed)
    {
        await engine.StartAsync(feed);
        await engine.WhenFeedCompletedAsync();
        await engine.StopAsync();
    }

    [Fact]
    public async Task Equity_history_is_stamped_with_the_market_clock_and_a_feed_on_an_earlier_clock_starts_a_new_segment()
    {
        var wall = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        await using var engine = await EngineAsync(wall);
        await engine.StartAsync(Feed(Market, 500));
        await engine.WhenFeedCompletedAsync();
        var s = engine.Snapshot;
        // 500 ticks at 10 a candle are 50 one-minute candles: the market's clock stands in the 50th minute of 2025, the wall clock is today
        Assert.InRange(s.MarketTime!.Value, Market.AddMinutes(49), Market.AddMinutes(50));
        // one point per closed candle, stamped with the market's time (49 candles closed; the 50th is still open): the
        // portfolio's value per unit as an index, 100 at the start
        var points = engine.EquityHistory;
        var instance = Assert.Single(s.Instances);
        Assert.Equal(49, points.Count);
        Assert.Equal(Enumerable.Range(0, 49).Select(m => Market.AddMinutes(m)), points.Select(p => p.Time));
        Assert.Equal(instance.LastCandle, points[^1].Time);
        Assert.Equal(100m, points[0].Equity);
        await engine.StopAsync();

        // the synthetic feed warms up on history before its start, which ends before the account's last candle
        await engine.StartAsync(Feed(Market.AddDays(-30), 200));
        await engine.WhenFeedCompletedAsync();
        await engine.StopAsync();
        // the curve starts afresh rather than running backwards: only points of the new run, one per candle, in time order
        var restarted = engine.EquityHistory;
        Assert.Equal(Enumerable.Range(0, 19).Select(m => Market.AddDays(-30).AddMinutes(m)), restarted.Select(p => p.Time));
        instance = Assert.Single(engine.Snapshot.Instances);
        Assert.Equal(19, instance.Candles); // 200 ticks: the 20th candle is still open
        Assert.StartsWith("This feed's clock (2024-12-", instance.Note);
        Assert.Contains("the account carries on", instance.Note);
    }

    [Fact]
    public async Task The_portfolio_equity_curve_is_saved_and_continues_after_a_restart()
    {
        var wall = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var store = new InMemoryLiveStore();
        var engine = new LiveEngine(store, wall);
        await engine.InitializeAsync();
        await engine.AddInstanceAsync(new InstanceSpec { StrategyId = "sma-crossover", Symbol = "BTC", Parameters = new Dictionary<string, double> { ["fast"] = 3, ["slow"] = 8 } });
        foreach (var start in new[] { Market, Market.AddHours(1) }) // two runs, the second on a later clock: one curve
        {
            await engine.StartAsync(Feed(start, 300));
            await engine.WhenFeedCompletedAsync();
            await engine.StopAsync();
            wall.Advance(TimeSpan.FromSeconds(1)); // a point a second of wall time
        }
        var before = engine.EquityHistory;
        await engine.DisposeAsync();
        Assert.True(before.Count >= 2, $"{before.Count} points");
        Assert.True(before[^1].Time > Market.AddHours(1));
        Assert.Equal(before.Select(p => new Equity(p.Time, p.Equity)), store.PortfolioEquity);

        await using var restarted = new LiveEngine(store, wall);
        await restarted.InitializeAsync();
        Assert.Equal(before, restarted.EquityHistory);
    }

    [Fact]
    public async Task A_fast_feed_adds_equity_points_as_the_market_moves_not_only_once_a_wall_second()
    {
        var wall = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        await using var engine = await EngineAsync(wall);
        foreach (var start in new[] { Market, Market.AddMinutes(30), Market.AddMinutes(60) }) // the wall clock stands still
        {
            await engine.StartAsync(Feed(start, 100));
            await engine.WhenFeedCompletedAsync();
            await engine.StopAsync();
        }
        Assert.True(engine.EquityHistory.Count >= 3, $"{engine.EquityHistory.Count} points");
        Assert.True(engine.EquityHistory.Zip(engine.EquityHistory.Skip(1)).All(p => p.Second.Time > p.First.Time));
    }

    [Fact]
    public async Task A_replay_of_older_data_trades_on_and_a_repeated_candle_is_skipped_and_counted()
    {
        await using var engine = await EngineAsync();
        // replays of the same market, the second on an earlier clock
        await RunAsync(engine, new CandleReplayFeed(new Dictionary<string, Candle[]> { ["BTCUSDT"] = Candles(Market, 40) }, Timeframe.OneMinute));
        int before = engine.Snapshot.Instances[0].Trades;

        // a CSV replay from 2024 after a run in 2025: no warm-up history, so the first candle tells
        var old = Candles(Market.AddYears(-1), 120);
        await RunAsync(engine, new CandleReplayFeed(new Dictionary<string, Candle[]> { ["BTCUSDT"] = old }, Timeframe.OneMinute));
        var instance = engine.Snapshot.Instances[0];
        Assert.Equal(120, instance.Candles);
        Assert.True(instance.Trades > before, "the instance traded on the replay");
        Assert.Equal(0, instance.SkippedCandles);
        Assert.Contains("behind the account's last candle", instance.Note);

        // a feed that starts by sending the account's last candle again is continuing, not on an earlier clock
        await RunAsync(engine, new CandleReplayFeed(new Dictionary<string, Candle[]> { ["BTCUSDT"] = [old[^1]] }, Timeframe.OneMinute));
        instance = engine.Snapshot.Instances[0];
        Assert.Equal((120, 1L), (instance.Candles, instance.SkippedCandles));
        Assert.Null(instance.Note);

        // the same replay continued, with one candle sent twice: the copy is skipped, nothing else changes
        var next = Candles(Market.AddYears(-1).AddMinutes(120), 30).ToList();
        next.Insert(10, next[9]);
        await RunAsync(engine, new CandleReplayFeed(new Dictionary<string, Candle[]> { ["BTCUSDT"] = next.ToArray() }, Timeframe.OneMinute));
        instance = engine.Snapshot.Instances[0];
        Assert.Equal(150, instance.Candles);
        Assert.Equal(1, instance.SkippedCandles);
        Assert.Null(instance.Note);
    }
}
