using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Tasks.Dataflow;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Live;

/// <summary>A strategy signal seen live (also from watch-only instances), for the copilot.</summary>
public sealed record LiveSignal(int InstanceId, string StrategyId, string Symbol, Signal Signal, Candle Candle, bool WatchOnly);

/// <summary>
/// Paper trading on a live feed, many strategies at once:
/// feed → <see cref="BroadcastBlock{T}"/> → one single-writer inbox per strategy instance (ticks may be
/// conflated and are counted; candle events are always delivered) → simulated broker → ledger per instance →
/// write-behind persistence (batched, one transaction per batch) and an immutable <see cref="EngineSnapshot"/>
/// about four times a second. The same <see cref="TradingSession"/> as the backtester runs each instance.
/// </summary>
public sealed class LiveEngine : IAsyncDisposable
{
    private readonly ILiveStore _store;
    private readonly TimeProvider _clock;
    private readonly LiveEngineOptions _options;
    private readonly TaskScheduler _scheduler;
    private readonly ConcurrentDictionary<int, StrategyInstance> _instances = new();
    private readonly ConcurrentDictionary<string, decimal> _lastPrices = new(StringComparer.Ordinal);
    private long _marketTicks; // UTC ticks of the newest market event (0: none yet)
    private DateTimeOffset _lastEquitySample;
    private DateTimeOffset _lastEquityStamp; // time of the newest point of _equityHistory (when it has one)
    private readonly List<Action<EngineSnapshot>> _snapshotSubscribers = [];
    private readonly List<Action<LiveTrade>> _tradeSubscribers = [];
    private readonly List<Action<LiveSignal>> _signalSubscribers = [];
    private readonly List<Action<string, Candle, Timeframe>> _candleSubscribers = [];
    private readonly ConcurrentQueue<LiveTrade> _recentTrades = new();
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly WriteBehind _writeBehind;
    private readonly ITimer _snapshotTimer;
    private readonly LiveCallbacks _callbacks;
    private BroadcastBlock<MarketEvent>? _broadcast;
    private IMarketFeed? _feed;
    private CancellationTokenSource? _feedCts;
    private Task? _feedTask;
    private volatile EngineState _state = EngineState.Stopped;
    private volatile EngineSnapshot _snapshot;
    private long _published;
    private long _lastRateCount;
    private long _lastRateTicks;
    private double _rate;
    private bool _initialized;
    private const int EquityHistoryLength = 3600;
    private readonly Queue<(DateTimeOffset Time, decimal Equity)> _equityHistory = new();
    private long _fences;
    private readonly ILogger _logger;

    /// <summary>Creates the engine; call <see cref="InitializeAsync"/> to restore persisted instances.</summary>
    public LiveEngine(ILiveStore store, TimeProvider? clock = null, LiveEngineOptions? options = null, ILogger<LiveEngine>? logger = null)
    {
        _store = store;
        _logger = logger ?? NullLogger<LiveEngine>.Instance;
        _clock = clock ?? TimeProvider.System;
        _options = options ?? new LiveEngineOptions();
        _scheduler = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, Math.Max(1, _options.Workers)).ConcurrentScheduler;
        _writeBehind = new WriteBehind(store, _clock, _options, _logger);
        _callbacks = new LiveCallbacks(OnTrade, _writeBehind.Account, OnSignal, _writeBehind.Gate);
        _snapshot = EngineSnapshot.Empty(_clock.GetUtcNow());
        _lastRateTicks = Stopwatch.GetTimestamp();
        _snapshotTimer = _clock.CreateTimer(_ => PublishSnapshot(), null, _options.SnapshotInterval, _options.SnapshotInterval);
    }

    /// <summary>Stopped, starting, running or stopping.</summary>
    public EngineState State => _state;

    /// <summary>The latest snapshot.</summary>
    public EngineSnapshot Snapshot => _snapshot;

    /// <summary>The feed of the current (or last) run.</summary>
    public IMarketFeed? Feed => _feed;

    /// <summary>Recent candles per symbol, for live charts.</summary>
    public MarketTape Tape { get; } = new();

    /// <summary>Overall equity sampled about once a second while running (most recent hour).</summary>
    public IReadOnlyList<(DateTimeOffset Time, decimal Equity)> EquityHistory
    {
        get
        {
            lock (_equityHistory) return _equityHistory.ToArray();
        }
    }

    /// <summary>Most recent trades, oldest first.</summary>
    public IReadOnlyList<LiveTrade> RecentTrades => _recentTrades.ToArray();

    /// <summary>Restores persisted instances and their accounts (once).</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (_initialized) return;
            foreach (var p in await _store.LoadAsync(cancellationToken))
            {
                var (spec, definition, parameters) = p.Spec.Validate();
                var instance = new StrategyInstance(p.Id, spec, definition.Create(parameters), _scheduler, _callbacks) { Paused = p.Paused };
                if (p.State is { } state) instance.Session.Restore(state);
                instance.RestoreLastPrice(p.LastPrice);
                _instances[p.Id] = instance;
            }
            // the portfolio's equity curve continues where it stopped (from the last run on the latest clock)
            var points = await _store.LoadPortfolioEquityAsync(EquityHistoryLength, cancellationToken);
            int from = 0;
            for (int k = 1; k < points.Count; k++) if (points[k].Time <= points[k - 1].Time) from = k;
            lock (_equityHistory)
            {
                for (int k = from; k < points.Count; k++) _equityHistory.Enqueue((points[k].Time, points[k].Value));
                if (points.Count > 0) _lastEquityStamp = points[^1].Time;
            }
            _initialized = true;
        }
        finally
        {
            _lifecycle.Release();
        }
        PublishSnapshot();
    }

    /// <summary>Adds a strategy instance (also while running). Throws on an unknown strategy, bad parameters or settings.</summary>
    public async Task<InstanceSnapshot> AddInstanceAsync(InstanceSpec spec, CancellationToken cancellationToken = default)
    {
        var (normalized, definition, parameters) = spec.Validate();
        int id = await _store.AddAsync(normalized, cancellationToken);
        var instance = new StrategyInstance(id, normalized, definition.Create(parameters), _scheduler, _callbacks);
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (_state == EngineState.Running && _feed is not null && _broadcast is not null)
            {
                if (_feed.Symbols.Contains(normalized.Symbol))
                    instance.WarmUp(await _feed.WarmUpAsync(normalized.Symbol, instance.Session.Strategy.WarmUpPeriod + 2, cancellationToken));
                Connect(instance, _broadcast);
            }
            _instances[id] = instance;
        }
        finally
        {
            _lifecycle.Release();
        }
        _writeBehind.Account(id, instance.Session.Capture(), 0);
        PublishSnapshot();
        return instance.Snapshot;
    }

    /// <summary>Removes an instance: it stops receiving data, its account is saved, its trades stay in history.</summary>
    public async Task<bool> RemoveInstanceAsync(int id, CancellationToken cancellationToken = default)
    {
        if (!_instances.TryRemove(id, out var instance)) return false;
        instance.Link?.Dispose();
        await instance.WhenIdleAsync();
        instance.Complete();
        await _store.RemoveAsync(id, cancellationToken);
        PublishSnapshot();
        return true;
    }

    /// <summary>Pauses (true) or resumes an instance; a paused instance keeps its position and does not trade.</summary>
    public async Task<bool> SetPausedAsync(int id, bool paused, CancellationToken cancellationToken = default)
    {
        if (!_instances.TryGetValue(id, out var instance)) return false;
        instance.Paused = paused;
        await _store.SetPausedAsync(id, paused, cancellationToken);
        return true;
    }

    /// <summary>Closes an instance's open position at the last price (a risk action or the user's request), on the
    /// instance's own worker after the events it has already received. False when the instance does not exist.</summary>
    public async Task<bool> ClosePositionAsync(int id)
    {
        if (!_instances.TryGetValue(id, out var instance)) return false;
        await instance.RunOnWorkerAsync(() =>
        {
            var snapshot = instance.Snapshot;
            if (instance.Session.Ledger.IsLong && snapshot.LastPrice is { } price)
                instance.Session.Broker.CloseAll(_clock.GetUtcNow(), price, ExitReason.Manual);
            instance.RequestSnapshot();
        });
        return true;
    }

    /// <summary>One instance's latest snapshot, or null.</summary>
    public InstanceSnapshot? GetInstance(int id) => _instances.TryGetValue(id, out var i) ? WithHalt(i.Snapshot) : null;

    /// <summary>An instance as shown: while trading is halted (results cannot be saved), a trading instance says so.</summary>
    private InstanceSnapshot WithHalt(InstanceSnapshot s) =>
        _writeBehind.Gate.Reason is { } reason && !s.Paused && !s.WatchOnly ? s with { Note = reason } : s;

    /// <summary>Starts trading on <paramref name="feed"/>: warms strategies up, links every instance, runs the feed.</summary>
    public async Task StartAsync(IMarketFeed feed, CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (_state is EngineState.Running or EngineState.Starting)
                throw new InvalidOperationException($"The engine is already running on the {_feed?.Name} feed; stop it first.");
            _state = EngineState.Starting;
            _feed = feed;
            Volatile.Write(ref _marketTicks, 0); // the new feed's clock starts afresh
            feed.Health.Set(FeedStatus.Connecting, "warming up");
            PublishSnapshot();
            var broadcast = new BroadcastBlock<MarketEvent>(e => e);
            foreach (var instance in _instances.Values)
            {
                if (!feed.Symbols.Contains(instance.Spec.Symbol)) continue;
                var history = await feed.WarmUpAsync(instance.Spec.Symbol, instance.Session.Strategy.WarmUpPeriod + 2, cancellationToken);
                await instance.RunOnWorkerAsync(() => instance.BeginFeed(history)); // the instance keeps one writer
            }
            foreach (var instance in _instances.Values) Connect(instance, broadcast);
            _broadcast = broadcast;
            _feedCts = new CancellationTokenSource();
            var sink = new BroadcastSink(this, broadcast);
            var token = _feedCts.Token;
            _feedTask = Task.Run(async () =>
            {
                try
                {
                    await feed.RunAsync(sink, token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    feed.Health.Set(FeedStatus.Failed, ex.Message);
                }
            }, CancellationToken.None);
            _state = EngineState.Running;
        }
        catch
        {
            _state = EngineState.Stopped;
            throw;
        }
        finally
        {
            _lifecycle.Release();
        }
        PublishSnapshot();
    }

    /// <summary>Stops the feed, lets every instance finish what it received, saves everything.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (_state == EngineState.Stopped) return;
            var watch = Stopwatch.StartNew();
            _state = EngineState.Stopping;
            PublishSnapshot();
            _feedCts?.Cancel();
            if (_feedTask is not null) await _feedTask;
            var feedStopped = watch.Elapsed;
            await WhenIdleAsync();
            var drained = watch.Elapsed;
            foreach (var instance in _instances.Values)
            {
                instance.Link?.Dispose();
                instance.Link = null;
            }
            if (_broadcast is not null)
            {
                _broadcast.Complete();
                await _broadcast.Completion;
            }
            foreach (var instance in _instances.Values)
                _writeBehind.Account(instance.Id, instance.Session.Capture(), instance.Snapshot.LastPrice ?? 0);
            await _writeBehind.FlushAsync(cancellationToken);
            if (_feed is not null && _feed.Health.Status is not (FeedStatus.Failed or FeedStatus.Completed)) _feed.Health.Set(FeedStatus.Stopped, "stopped");
            _broadcast = null;
            _feedCts?.Dispose();
            _feedCts = null;
            _logger.LogInformation("Live engine stopped in {Total:F0} ms (feed {Feed:F0} ms, drain {Drain:F0} ms, save {Save:F0} ms).",
                watch.Elapsed.TotalMilliseconds, feedStopped.TotalMilliseconds, (drained - feedStopped).TotalMilliseconds, (watch.Elapsed - drained).TotalMilliseconds);
            _state = EngineState.Stopped;
        }
        finally
        {
            _lifecycle.Release();
        }
        PublishSnapshot();
    }

    /// <summary>Completes when every instance has processed everything published so far.</summary>
    public async Task WhenIdleAsync()
    {
        var linked = _instances.Values.Where(i => i.Link is not null).ToList();
        if (_broadcast is { } b && linked.Count > 0)
        {
            long id = Interlocked.Increment(ref _fences);
            b.Post(new MarketEvent(MarketEventKind.Fence, "", default, 0, default, id));
            await Task.WhenAll(linked.Select(i => i.WhenFenceAsync(id)));
        }
        await Task.WhenAll(_instances.Values.Select(i => i.WhenIdleAsync()));
    }

    /// <summary>Waits until the feed has ended (finite feeds) and everything it sent was processed and saved.</summary>
    public async Task WhenFeedCompletedAsync(CancellationToken cancellationToken = default)
    {
        if (_feedTask is not null) await _feedTask.WaitAsync(cancellationToken);
        await WhenIdleAsync();
        await _writeBehind.FlushAsync(cancellationToken);
        PublishSnapshot();
    }

    /// <summary>Writes all pending trades and account states now.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => _writeBehind.FlushAsync(cancellationToken);

    /// <summary>Number of live snapshot and trade subscriptions (pages, sockets) — for diagnostics and tests.</summary>
    public int Subscriptions
    {
        get
        {
            lock (_snapshotSubscribers) lock (_tradeSubscribers) return _snapshotSubscribers.Count + _tradeSubscribers.Count;
        }
    }

    /// <summary>Receives every published snapshot until disposed.</summary>
    public IDisposable Subscribe(Action<EngineSnapshot> onSnapshot) => Add(_snapshotSubscribers, onSnapshot);

    /// <summary>Receives every closed trade as it happens until disposed.</summary>
    public IDisposable SubscribeTrades(Action<LiveTrade> onTrade) => Add(_tradeSubscribers, onTrade);

    /// <summary>Receives every strategy signal (entry or exit) until disposed.</summary>
    public IDisposable SubscribeSignals(Action<LiveSignal> onSignal) => Add(_signalSubscribers, onSignal);

    /// <summary>Receives every closed candle of the feed (on the feed's thread: do not block) until disposed.</summary>
    public IDisposable SubscribeCandles(Action<string, Candle, Timeframe> onCandle) => Add(_candleSubscribers, onCandle);

    /// <summary>Builds and publishes a snapshot now.</summary>
    public EngineSnapshot PublishSnapshot()
    {
        var instances = _instances.Values.Select(i => WithHalt(i.Snapshot)).OrderBy(i => i.Id).ToList();
        long now = Stopwatch.GetTimestamp();
        long published = Interlocked.Read(ref _published);
        double seconds = (now - Interlocked.Exchange(ref _lastRateTicks, now)) / (double)Stopwatch.Frequency;
        long previous = Interlocked.Exchange(ref _lastRateCount, published);
        if (seconds > 0.05) _rate = (published - previous) / seconds;
        var counts = LatencyHistogram.NewCounts();
        long deliveries = 0, conflated = 0;
        foreach (var i in _instances.Values)
        {
            i.Latency.AddTo(counts);
            deliveries += i.Events;
            conflated += i.Conflated;
        }
        var feed = _feed;
        var snapshot = new EngineSnapshot(
            _clock.GetUtcNow(),
            _state,
            feed is null ? null : new FeedSnapshot(feed.Name, feed.Health.Status, feed.Health.Message, feed.Symbols, feed.Timeframe.Code, feed.Health.LastEvent, feed.Health.Reconnects, feed.Health.Events,
                feed.Health.Exchange, feed.Health.Traffic?.RateLimitWaits ?? 0, feed.Health.Traffic?.RateLimitWaited ?? TimeSpan.Zero, feed.Health.Traffic?.LastWait),
            instances,
            instances.GroupBy(i => i.Symbol).OrderBy(g => g.Key).Select(g => PnlLine.Sum(g.Key, g)).ToList(),
            instances.GroupBy(i => i.StrategyId).OrderBy(g => g.Key).Select(g => PnlLine.Sum(g.Key, g)).ToList(),
            PnlLine.Sum("overall", instances),
            new Dictionary<string, decimal>(_lastPrices),
            new PipelineSnapshot(published, _rate, deliveries, conflated, _writeBehind.Pending, _writeBehind.LagMs, _writeBehind.PersistedTrades,
                LatencyHistogram.Quantile(counts, 0.5), LatencyHistogram.Quantile(counts, 0.99), _options.Workers, _writeBehind.LastError) { TradingHaltedReason = _writeBehind.Gate.Reason })
        {
            MarketTime = Volatile.Read(ref _marketTicks) is > 0 and var t ? new DateTimeOffset(t, TimeSpan.Zero) : null,
        };
        _snapshot = snapshot;
        if (snapshot.State == EngineState.Running && snapshot.Instances.Count > 0 && snapshot.MarketTime is { } stamp)
        {
            SampleEquity(snapshot.Time, stamp, snapshot.Overall.Equity, feed);
        }
        foreach (var s in Copy(_snapshotSubscribers)) Safe(() => s(snapshot));
        return snapshot;
    }

    /// <summary>
    /// Adds a point to the portfolio's equity curve once a second of wall time — or at each snapshot when a fast feed (a
    /// replay, the synthetic feed) moved the market on by a candle or more — stamped with the market's time, so the curve
    /// lines up with candles and trades. A feed on an earlier clock starts the curve afresh.
    /// </summary>
    private void SampleEquity(DateTimeOffset wall, DateTimeOffset stamp, decimal equity, IMarketFeed? feed)
    {
        lock (_equityHistory)
        {
            var last = _equityHistory.Count > 0 ? _lastEquityStamp : (DateTimeOffset?)null;
            bool due = wall - _lastEquitySample >= TimeSpan.FromSeconds(1) || (last is { } l && feed is not null && stamp - l >= feed.Timeframe.Duration);
            if (!due || stamp == last) return;
            if (stamp < last) _equityHistory.Clear();
            _equityHistory.Enqueue((stamp, equity));
            _lastEquityStamp = stamp;
            _lastEquitySample = wall;
            while (_equityHistory.Count > EquityHistoryLength) _equityHistory.Dequeue();
            _writeBehind.PortfolioEquity(new Equity(stamp, equity));
        }
    }

    private void Connect(StrategyInstance instance, BroadcastBlock<MarketEvent> broadcast)
    {
        string symbol = instance.Spec.Symbol;
        instance.Link = broadcast.LinkTo(instance, new DataflowLinkOptions(),
            e => e.Kind == MarketEventKind.Fence || string.Equals(e.Symbol, symbol, StringComparison.Ordinal));
    }

    private void OnTrade(LiveTrade trade, AccountState account, decimal price)
    {
        _writeBehind.Trade(trade, account, price);
        _recentTrades.Enqueue(trade);
        while (_recentTrades.Count > _options.RecentTrades) _recentTrades.TryDequeue(out _);
        foreach (var s in Copy(_tradeSubscribers)) Safe(() => s(trade));
    }

    private void OnSignal(int id, InstanceSpec spec, Signal signal, Candle candle)
    {
        var s = new LiveSignal(id, spec.StrategyId, spec.Symbol, signal, candle, spec.WatchOnly);
        foreach (var subscriber in Copy(_signalSubscribers)) Safe(() => subscriber(s));
    }

    private IDisposable Add<T>(List<T> list, T item)
    {
        lock (list) list.Add(item);
        return new Unsubscriber(() => { lock (list) list.Remove(item); });
    }

    private static T[] Copy<T>(List<T> list)
    {
        lock (list) return list.ToArray();
    }

    private static void Safe(Action action)
    {
        try
        {
            action();
        }
        catch (Exception)
        {
            // a subscriber's failure must not stop the engine
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _snapshotTimer.DisposeAsync();
        await _writeBehind.DisposeAsync();
        foreach (var i in _instances.Values) i.Complete();
    }

    private sealed class BroadcastSink(LiveEngine engine, BroadcastBlock<MarketEvent> broadcast) : IMarketEventSink
    {
        public void Publish(in MarketEvent e)
        {
            Interlocked.Increment(ref engine._published);
            if (e.Kind != MarketEventKind.CandleOpened) engine._lastPrices[e.Symbol] = e.Price;
            long ticks = e.Time.UtcTicks;
            if (ticks > Volatile.Read(ref engine._marketTicks)) Volatile.Write(ref engine._marketTicks, ticks); // one feed thread publishes
            engine.Tape.Add(e);
            broadcast.Post(e);
            if (e.Kind == MarketEventKind.CandleClosed && engine._candleSubscribers.Count > 0 && engine._feed is { } feed)
            {
                string symbol = e.Symbol;
                var candle = e.Candle;
                foreach (var s in Copy(engine._candleSubscribers)) Safe(() => s(symbol, candle, feed.Timeframe));
            }
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
