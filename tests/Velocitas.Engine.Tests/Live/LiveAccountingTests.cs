using Microsoft.Extensions.Time.Testing;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Live;
using Velocitas.Engine.Market;

namespace Velocitas.Engine.Tests.Live;

/// <summary>Live accounting as a trader reads it: positions valued only at their own market's prices, closes on the
/// market's clock, removed instances kept in the totals, groups measured on their own equity.</summary>
public class LiveAccountingTests
{
    private static readonly DateTimeOffset Market = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Today = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Hourly candles through the given closes (each opens at the previous close).</summary>
    private static Candle[] Path(DateTimeOffset start, IEnumerable<decimal> closes)
    {
        var list = closes.ToList();
        return list.Select((close, i) =>
        {
            decimal open = i == 0 ? close : list[i - 1];
            return new Candle(start.AddHours(i), open, Math.Max(open, close) + 5, Math.Min(open, close) - 5, close, 10);
        }).ToArray();
    }

    /// <summary>A dip, then a rise to <paramref name="top"/>: an SMA(3, 8) crossover buys on the way up and still holds at the end.</summary>
    private static Candle[] DipThenRise(DateTimeOffset start, decimal top, decimal step) =>
        Path(start, Enumerable.Range(0, 12).Select(i => top - (28 * step) - (step * i)).Concat(Enumerable.Range(0, 28).Select(i => top - (step * (27 - i)))));

    private static CandleReplayFeed Replay(Candle[] candles, string source) =>
        new(new Dictionary<string, Candle[]> { ["BTCUSDT"] = candles }, Timeframe.OneHour) { Sources = new Dictionary<string, string> { ["BTCUSDT"] = source } };

    private static async Task<(LiveEngine Engine, InMemoryLiveStore Store)> EngineAsync()
    {
        var store = new InMemoryLiveStore();
        var engine = new LiveEngine(store, new FakeTimeProvider(Today));
        await engine.InitializeAsync();
        await engine.AddInstanceAsync(new InstanceSpec { StrategyId = "sma-crossover", Symbol = "BTC", Parameters = new Dictionary<string, double> { ["fast"] = 3, ["slow"] = 8 } });
        return (engine, store);
    }

    private static async Task RunAsync(LiveEngine engine, IMarketFeed feed)
    {
        await engine.StartAsync(feed);
        await engine.WhenFeedCompletedAsync();
        await engine.StopAsync();
    }

    [Fact]
    public async Task A_feed_of_another_market_first_closes_the_open_position_at_its_own_markets_last_price_and_says_so_before()
    {
        var (engine, store) = await EngineAsync();
        await using var _ = engine;
        await RunAsync(engine, Replay(DipThenRise(Market, 39_975m, 25m), "dataset #1 (synthetic-like)"));
        var held = Assert.Single(engine.Snapshot.Instances);
        Assert.True(held.Quantity > 0, "the rise leaves the SMA crossover long");
        Assert.Equal(39_975m, held.LastPrice);
        Assert.Equal("csv replay of dataset #1 (synthetic-like)", held.Market);

        // hourly BTC of 2017 at about 4,236: another market, on an earlier clock
        var other = Replay(DipThenRise(Market.AddYears(-8), 4_236m, 1m), "dataset #2 (BTC 2017)");
        var plan = Assert.Single(engine.PlanStart(other));
        Assert.Equal((held.Id, held.Quantity, 39_975m, "csv replay of dataset #1 (synthetic-like)", "csv replay of dataset #2 (BTC 2017)"),
            (plan.InstanceId, plan.Quantity, plan.Price, plan.FromMarket, plan.ToMarket));
        Assert.Contains("closes at csv replay of dataset #1 (synthetic-like)'s last price 39975", plan.Describe());

        await RunAsync(engine, other);
        var switched = store.Trades.Select(t => t.Trade).Single(t => t.ExitReason == ExitReason.MarketChanged);
        Assert.Equal(39_975m, switched.ExitPrice);                       // its own market's last price, not 4,236
        Assert.True(switched.ExitTime >= switched.EntryTime);             // on its own market's clock: never exits before it entered
        Assert.InRange(switched.ExitTime, Market.AddHours(39), Market.AddHours(40)); // within the last candle of its market
        Assert.True(switched.Pnl > 0, "a rise held to its own last price is a gain, not −90 %");
        var after = engine.Snapshot.Instances[0];
        Assert.Equal("csv replay of dataset #2 (BTC 2017)", after.Market);
        Assert.Empty(engine.PlanStart(Replay(DipThenRise(Market.AddYears(-8), 4_236m, 1m), "dataset #2 (BTC 2017)"))); // same market: nothing to close
    }

    [Fact]
    public async Task A_manual_close_is_stamped_with_the_markets_clock_and_a_removed_instance_stays_in_the_totals_after_a_restart()
    {
        var (engine, store) = await EngineAsync();
        await RunAsync(engine, Replay(DipThenRise(Market, 39_975m, 25m), "dataset #1"));
        int id = engine.Snapshot.Instances[0].Id;
        Assert.True(await engine.ClosePositionAsync(id));
        await engine.FlushAsync();
        var manual = store.Trades.Select(t => t.Trade).Single(t => t.ExitReason == ExitReason.Manual);
        Assert.InRange(manual.ExitTime, Market.AddHours(39), Market.AddHours(40)); // the market's last event, not today's wall clock
        decimal realized = engine.PublishSnapshot().Overall.Realized;
        Assert.NotEqual(0m, realized);

        await engine.AddInstanceAsync(new InstanceSpec { StrategyId = "rsi", Symbol = "BTC" });
        Assert.True(await engine.RemoveInstanceAsync(id));
        var s = engine.PublishSnapshot();
        Assert.Equal(realized, s.Overall.Realized);           // its realised P&L stays in the overall figure
        Assert.Equal((1, 1), (s.Overall.Instances, s.Overall.ClosedInstances));
        Assert.Equal(20_000m, s.Overall.InitialCash);
        var coin = Assert.Single(s.ByCoin);
        Assert.Equal(realized, coin.Realized);
        await engine.DisposeAsync();

        await using var restarted = new LiveEngine(store, new FakeTimeProvider(Today));
        await restarted.InitializeAsync();
        var r = restarted.Snapshot;
        Assert.Equal(realized, r.Overall.Realized);
        Assert.Equal(id, Assert.Single(r.ClosedInstances).Id);
    }

    [Fact]
    public async Task The_overall_drawdown_is_the_accounts_own_and_survives_a_restart()
    {
        var (engine, store) = await EngineAsync();
        // a dip, a rise (the crossover buys), then a steep fall (it sells a few candles late): a drawdown while long
        var closes = Enumerable.Range(0, 12).Select(i => 40_000m - (50 * i))
            .Concat(Enumerable.Range(1, 20).Select(i => 39_450m + (100 * i)))
            .Concat(Enumerable.Range(1, 28).Select(i => 41_450m - (300 * i)));
        await RunAsync(engine, Replay(Path(Market, closes), "dataset #1"));
        var s = engine.Snapshot;
        var instance = Assert.Single(s.Instances);
        // one instance: the portfolio's drawdown is its drawdown (both close-marked, both since the start)
        Assert.True(s.Overall.MaxDrawdownPct > 1, $"{s.Overall.MaxDrawdownPct} %");
        Assert.Equal(instance.MaxDrawdownPct, s.Overall.MaxDrawdownPct, 6);
        Assert.True(s.Overall.CurrentDrawdownPct <= s.Overall.MaxDrawdownPct);
        await engine.DisposeAsync();

        await using var restarted = new LiveEngine(store, new FakeTimeProvider(Today));
        await restarted.InitializeAsync();
        Assert.Equal(s.Overall.MaxDrawdownPct, restarted.Snapshot.Overall.MaxDrawdownPct, 9);
    }
    [Fact]
    public async Task The_funds_measures_are_saved_at_most_every_five_seconds_while_they_change_and_always_at_stop()
    {
        var clock = new FakeTimeProvider(Today);
        var store = new InMemoryLiveStore();
        await using var engine = new LiveEngine(store, clock);
        await engine.InitializeAsync();
        await engine.AddInstanceAsync(new InstanceSpec { StrategyId = "sma-crossover", Symbol = "BTC", Parameters = new Dictionary<string, double> { ["fast"] = 3, ["slow"] = 8 } });
        var feed = new SteppedFeed();
        await engine.StartAsync(feed);
        var candles = DipThenRise(Market, 40_000, 50).Take(10).ToList();
        for (int second = 0; second < candles.Count; second++)
        {
            // one candle a second on the app's clock (0 … 9 s); several snapshots a second (the timer, pages, the API)
            if (second > 0) clock.Advance(TimeSpan.FromSeconds(1));
            await feed.PublishAsync(candles[second]);
            await engine.WhenIdleAsync();
            engine.PublishSnapshot();
            engine.PublishSnapshot();
        }
        await engine.FlushAsync();
        Assert.Equal(2, store.FundSaves); // at 0 s and 5 s
        await engine.StopAsync();
        Assert.Equal(3, store.FundSaves); // and the settled measures at stop
        Assert.Equal(engine.Snapshot.Overall.MaxDrawdownPct, store.Funds[PortfolioBook.Overall].MaxDrawdownPct, 9);
    }

    /// <summary>A feed the test moves one candle at a time.</summary>
    private sealed class SteppedFeed : IMarketFeed
    {
        private readonly System.Threading.Channels.Channel<(Candle Candle, TaskCompletionSource Sent)> _next = System.Threading.Channels.Channel.CreateUnbounded<(Candle, TaskCompletionSource)>();

        public string Name => "stepped";
        public IReadOnlyList<string> Symbols { get; } = ["BTCUSDT"];
        public Timeframe Timeframe => Timeframe.OneHour;
        public FeedHealth Health { get; } = new();

        public Task PublishAsync(Candle candle)
        {
            var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _next.Writer.TryWrite((candle, sent));
            return sent.Task;
        }

        public Task<IReadOnlyList<Candle>> WarmUpAsync(string symbol, int candles, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Candle>>([]);

        public async Task RunAsync(IMarketEventSink sink, CancellationToken cancellationToken)
        {
            try
            {
                await foreach (var (candle, sent) in _next.Reader.ReadAllAsync(cancellationToken))
                {
                    sink.Publish(MarketEvent.Opened("BTCUSDT", candle.Time, candle.Open));
                    sink.Publish(MarketEvent.Closed("BTCUSDT", candle));
                    sent.TrySetResult();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Health.Set(FeedStatus.Stopped, "stopped");
            }
        }
    }
}

public class LiveStopTests
{
    [Fact]
    public async Task Stop_does_not_hang_while_the_database_refuses_writes_and_what_was_queued_is_saved_later()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new InMemoryLiveStore();
        await using var engine = new LiveEngine(store, clock);
        await engine.InitializeAsync();
        await engine.AddInstanceAsync(new InstanceSpec { StrategyId = "sma-crossover", Symbol = "BTC", Parameters = new Dictionary<string, double> { ["fast"] = 3, ["slow"] = 8 } });
        await engine.FlushAsync();
        store.DiskFull = true;
        await engine.StartAsync(new SyntheticFeed(["BTC"], new SyntheticFeedOptions { Seed = 3, TicksPerSecond = 0, TicksPerCandle = 10, MaxTicks = 3_000, Start = clock.GetUtcNow() }, clock));
        await engine.WhenIdleAsync();

        var stop = engine.StopAsync();
        // the fake clock moves only when told: the stop gives up waiting for the database after ShutdownSaveTimeout (10 s)
        for (int s = 0; s < 600 && !stop.IsCompleted; s++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(stop, Task.Delay(20));
        }
        Assert.True(stop.IsCompleted, "the stop waited for a database that refuses writes");
        await stop;
        Assert.Equal(EngineState.Stopped, engine.State);
        Assert.True(engine.Snapshot.Pipeline.PendingWrites > 0);

        store.DiskFull = false;
        var flush = engine.FlushAsync();
        for (int s = 0; s < 600 && !flush.IsCompleted; s++)
        {
            clock.Advance(TimeSpan.FromSeconds(1)); // the retry's back-off runs on the same clock
            await Task.WhenAny(flush, Task.Delay(20));
        }
        await flush;
        var snapshot = engine.PublishSnapshot();
        Assert.Equal(0, snapshot.Pipeline.PendingWrites);
        Assert.Equal(snapshot.Overall.Trades, store.Trades.Count);
    }
}
