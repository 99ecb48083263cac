using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Live;

/// <summary>
/// Paper trading on a live feed, many strategies at once: the feed publishes each event into the
/// <see cref="Channel{T}"/> inbox of every instance trading its coin (see <see cref="StrategyInstance"/> for the
/// conflation rule) → simulated broker → ledger per instance → write-behind persistence (batched, one transaction per
/// batch). The same <see cref="TradingSession"/> as the backtester runs each instance.
/// Every lifecycle change (initialise, start, stop, add, remove, pause, close) takes one lock, so they happen one at a
/// time. Snapshots are built by one writer at a time (the timer, about four times a second, or a caller that needs a
/// fresh one), which also owns the <see cref="PortfolioBook"/>. Subscribers are called off the engine's threads.
/// </summary>
public sealed class LiveEngine : IAsyncDisposable
{
    private readonly ILiveStore _store;
    private readonly TimeProvider _clock;
    private readonly LiveEngineOptions _options;
    private readonly TaskScheduler _scheduler;
    private readonly ConcurrentDictionary<int, StrategyInstance> _instances = new();
    private readonly ConcurrentDictionary<string, decimal> _lastPrices = new(StringComparer.Ordinal);
    private volatile IReadOnlyList<InstanceSnapshot> _closed = [];
    private volatile Dictionary<string, StrategyInstance[]> _routes = new(StringComparer.Ordinal);
    private long _marketTicks; // UTC ticks of the newest market event (0: none yet)
    private readonly SubscriberDispatch _dispatch;
    private readonly Topic<EngineSnapshot> _snapshots;
    private readonly Topic<LiveTrade> _trades;
    private readonly Topic<LiveSignal> _signals;
    private readonly Topic<(string Symbol, Candle Candle, Timeframe Timeframe)> _candles;
    private readonly ConcurrentQueue<LiveTrade> _recentTrades = new();
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly Lock _publishing = new();
    private readonly LivePortfolio _portfolio;
    private readonly WriteBehind _writeBehind;
    private readonly ITimer _snapshotTimer;
    private readonly LiveCallbacks _callbacks;
    private readonly FaultRecorder _faults;
    private readonly RateMeter _publishRate = new();
    private IMarketFeed? _feed;
    private CancellationTokenSource? _feedCts;
    private Task? _feedTask;
    private volatile EngineState _state = EngineState.Stopped;
    private volatile EngineSnapshot _snapshot;
    private long _published;
    private bool _initialized;
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
        _faults = new FaultRecorder(store, _logger);
        _dispatch = new SubscriberDispatch(_logger);
        _snapshots = new Topic<EngineSnapshot>("snapshot", _dispatch);
        _trades = new Topic<LiveTrade>("trade", _dispatch);
        _signals = new Topic<LiveSignal>("signal", _dispatch);
        _candles = new Topic<(string, Candle, Timeframe)>("candle", _dispatch);
        _portfolio = new LivePortfolio(_writeBehind, _options.FundSaveInterval);
        _callbacks = new LiveCallbacks(OnTrade, _writeBehind.Account, OnSignal, _writeBehind.Gate)
        {
            Marked = _portfolio.Mark,
            Logger = _logger,
            Faulted = _faults.Record, // kept with the instance: still paused, with its error, after a restart
        };
        _snapshot = EngineSnapshot.Empty(_clock.GetUtcNow());
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

    /// <summary>
    /// The portfolio's value as an index (100 = when measuring began; money added or withdrawn with an instance is not
    /// a gain or loss), one point per candle of the market's clock (the most recent 3,600).
    /// </summary>
    public IReadOnlyList<(DateTimeOffset Time, decimal Equity)> EquityHistory => _portfolio.Points;

    /// <summary>Most recent trades, oldest first.</summary>
    public IReadOnlyList<LiveTrade> RecentTrades => _recentTrades.ToArray();

    /// <summary>Restores persisted instances, their accounts, removed instances' results and the portfolio's measures (once).</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (_initialized) return;
            var funds = await _store.LoadFundsAsync(cancellationToken);
            var curve = await _store.LoadPortfolioEquityAsync(PortfolioCurve.Capacity, cancellationToken);
            lock (_publishing) _portfolio.Restore(funds, curve);
            foreach (var p in await _store.LoadAsync(cancellationToken))
            {
                var (spec, definition, parameters) = p.Spec.Validate();
                var (strategy, fault) = Restore(definition, parameters);
                var instance = new StrategyInstance(p.Id, spec, strategy, _scheduler, _callbacks) { Paused = p.Paused || fault is not null };
                if (fault is not null) instance.RestorePauseReason($"{StrategyInstance.FaultPrefix} as it was restored: {fault.Message}");
                else if (p.Paused && p.PauseReason is { } reason) instance.RestorePauseReason(reason);
                if (p.State is { } state) instance.RestoreAccount(state);
                instance.RestoreLastPrice(p.LastPrice);
                _instances[p.Id] = instance;
                Join(instance);
            }
            _closed = (await _store.LoadClosedAsync(cancellationToken)).Select(ClosedSnapshot.From).ToList();
            _initialized = true;
        }
        finally
        {
            _lifecycle.Release();
        }
        PublishSnapshot();
    }

    /// <summary>
    /// The strategy of a restored instance, or a stand-in and the failure when its code fails as it starts: one strategy
    /// must not keep the app and every other instance from starting.
    /// </summary>
    private (IStrategy Strategy, Velocitas.Strategies.Hosting.StrategyFaultException? Fault) Restore(StrategyDefinition definition, IReadOnlyDictionary<string, double>? parameters)
    {
        try
        {
            return (definition.Create(parameters), null);
        }
        catch (Velocitas.Strategies.Hosting.StrategyFaultException ex)
        {
            _callbacks.Logger.LogWarning("A restored instance of {Strategy} is paused: its code failed as it started: {Message}", definition.Id, ex.Message);
            return (new DeferredStrategy(definition, parameters), ex);
        }
    }

    /// <summary>Adds a strategy instance (also while running). Throws on an unknown strategy, bad parameters or settings, or a strategy whose code fails as it starts (<see cref="Velocitas.Strategies.Hosting.StrategyFaultException"/>, nothing saved).</summary>
    public async Task<InstanceSnapshot> AddInstanceAsync(InstanceSpec spec, CancellationToken cancellationToken = default)
    {
        var (normalized, definition, parameters) = spec.Validate();
        var strategy = definition.Create(parameters); // the strategy's OnStart runs here: if its code fails, nothing is saved
        StrategyInstance instance;
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            int id = await _store.AddAsync(normalized, cancellationToken);
            instance = new StrategyInstance(id, normalized, strategy, _scheduler, _callbacks);
            if (_state == EngineState.Running && _feed is { } feed)
            {
                instance.EnterMarket(feed.MarketOf(normalized.Symbol));
                if (feed.Symbols.Contains(normalized.Symbol))
                    instance.WarmUp(await feed.WarmUpAsync(normalized.Symbol, instance.Session.Strategy.WarmUpPeriod + 2, cancellationToken));
            }
            _instances[id] = instance;
            Join(instance);
            Route();
        }
        finally
        {
            _lifecycle.Release();
        }
        _writeBehind.Account(instance.Id, instance.CaptureAccount(), 0);
        PublishSnapshot();
        return instance.Snapshot;
    }

    /// <summary>Removes an instance: it stops receiving data, its account is saved, its trades stay in history and its
    /// results stay in the totals (as a closed instance).</summary>
    public async Task<bool> RemoveInstanceAsync(int id, CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (!_instances.TryRemove(id, out var instance)) return false;
            Route();
            instance.Complete();
            await instance.Completion;
            var final = instance.Snapshot;
            _writeBehind.Account(id, instance.CaptureAccount(), final.LastPrice ?? 0);
            await _store.RemoveAsync(id, cancellationToken);
            _closed = [.. _closed, final with { Paused = true }];
            _portfolio.Leave(id);
        }
        finally
        {
            _lifecycle.Release();
        }
        PublishSnapshot();
        return true;
    }

    /// <summary>Pauses (true) or resumes an instance; a paused instance keeps its position and does not trade.</summary>
    public async Task<bool> SetPausedAsync(int id, bool paused, CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (!_instances.TryGetValue(id, out var instance)) return false;
            await _store.SetPausedAsync(id, paused, null, cancellationToken);
            instance.Paused = paused;
            return true;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Completes once every fault seen so far is saved (an instance paused by its code stays paused after a restart).</summary>
    public Task FaultsSavedAsync() => _faults.SavedAsync();

    /// <summary>Closes an instance's open position at the last price (a risk action or the user's request), on the
    /// instance's own worker after the events it has already received, stamped with the market's clock. False when
    /// the instance does not exist.</summary>
    public async Task<bool> ClosePositionAsync(int id)
    {
        await _lifecycle.WaitAsync();
        try
        {
            if (!_instances.TryGetValue(id, out var instance)) return false;
            var wall = _clock.GetUtcNow();
            await instance.RunOnWorkerAsync(() => instance.ClosePosition(wall));
            return true;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>One instance's latest snapshot, or null.</summary>
    public InstanceSnapshot? GetInstance(int id) => _instances.TryGetValue(id, out var i) ? WithHalt(i.Snapshot) : null;

    /// <summary>An instance as shown: while trading is halted (results cannot be saved), a trading instance says so.</summary>
    private InstanceSnapshot WithHalt(InstanceSnapshot s) =>
        _writeBehind.Gate.Reason is { } reason && !s.Paused && !s.WatchOnly ? s with { Note = reason } : s;

    /// <summary>
    /// The positions that starting <paramref name="feed"/> would close because it is another market than the one they
    /// were opened on (they close at their own market's last price; see <see cref="MarketSwitch"/>). Empty when none.
    /// </summary>
    public IReadOnlyList<MarketSwitch> PlanStart(IMarketFeed feed) =>
        _instances.Values.Select(i => i.Snapshot)
            .Where(s => s.Quantity > 0 && s.Market is { } market && feed.Symbols.Contains(s.Symbol) && market != feed.MarketOf(s.Symbol))
            .OrderBy(s => s.Id)
            .Select(s => new MarketSwitch(s.Id, s.Symbol, s.Quantity, s.LastPrice, s.Market!, feed.MarketOf(s.Symbol)))
            .ToList();

    /// <summary>Starts trading on <paramref name="feed"/>: warms strategies up, routes the feed to every instance, runs it.
    /// Positions opened on another market are closed first (<see cref="PlanStart"/> says which).</summary>
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
            foreach (var instance in _instances.Values)
            {
                if (!feed.Symbols.Contains(instance.Spec.Symbol)) continue;
                var history = await feed.WarmUpAsync(instance.Spec.Symbol, instance.Session.Strategy.WarmUpPeriod + 2, cancellationToken);
                string market = feed.MarketOf(instance.Spec.Symbol);
                await instance.RunOnWorkerAsync(() => instance.BeginFeed(history, market)); // the instance keeps one writer
            }
            lock (_publishing) _portfolio.BeginFeed();
            _state = EngineState.Running;
            Route();
            _feedCts = new CancellationTokenSource();
            var sink = new Sink(this);
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
                    _logger.LogError(ex, "The {Feed} feed failed; the engine keeps its instances and waits to be stopped or restarted.", feed.Name);
                }
            }, CancellationToken.None);
        }
        catch
        {
            _state = EngineState.Stopped;
            Route();
            throw;
        }
        finally
        {
            _lifecycle.Release();
        }
        PublishSnapshot();
    }

    /// <summary>Stops the feed, lets every instance finish what it received, saves everything. A cancelled
    /// <paramref name="cancellationToken"/> stops waiting for the database (what is queued stays queued).</summary>
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
            Route();
            await WhenInstancesIdleAsync();
            var drained = watch.Elapsed;
            lock (_publishing) _portfolio.Settle(); // the last moment is complete: the book and the curve take it
            Publish(saveFunds: true);
            foreach (var instance in _instances.Values)
                _writeBehind.Account(instance.Id, instance.CaptureAccount(), instance.Snapshot.LastPrice ?? 0);
            try
            {
                // a database that refuses writes must not hold the stop: what is queued stays queued and is saved later
                await _writeBehind.FlushAsync(cancellationToken).WaitAsync(_options.ShutdownSaveTimeout, _clock, cancellationToken);
            }
            catch (TimeoutException)
            {
                _logger.LogWarning("Stopped while the database refuses writes: {Pending} result(s) stay queued and are saved once it accepts writes again.", _writeBehind.Pending);
            }
            if (_feed is not null && _feed.Health.Status is not (FeedStatus.Failed or FeedStatus.Completed)) _feed.Health.Set(FeedStatus.Stopped, "stopped");
            _feedCts?.Dispose();
            _feedCts = null;
            _logger.LogInformation("Live engine stopped in {Total:F0} ms (feed {Feed:F0} ms, drain {Drain:F0} ms, save {Save:F0} ms).",
                watch.Elapsed.TotalMilliseconds, feedStopped.TotalMilliseconds, (drained - feedStopped).TotalMilliseconds, (watch.Elapsed - drained).TotalMilliseconds);
        }
        finally
        {
            if (_state == EngineState.Stopping) _state = EngineState.Stopped;
            _lifecycle.Release();
        }
        PublishSnapshot();
    }

    /// <summary>Completes when every instance has processed everything published so far and subscribers have heard of it.</summary>
    public async Task WhenIdleAsync()
    {
        await WhenInstancesIdleAsync();
        await _dispatch.WhenDeliveredAsync();
    }

    private Task WhenInstancesIdleAsync() => Task.WhenAll(_instances.Values.Select(i => i.WhenIdleAsync()));

    /// <summary>Waits until the feed has ended (finite feeds) and everything it sent was processed and saved.</summary>
    public async Task WhenFeedCompletedAsync(CancellationToken cancellationToken = default)
    {
        if (_feedTask is not null) await _feedTask.WaitAsync(cancellationToken);
        await WhenIdleAsync();
        Publish(saveFunds: true);
        await _writeBehind.FlushAsync(cancellationToken);
    }

    /// <summary>Writes all pending trades and account states now.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => _writeBehind.FlushAsync(cancellationToken);

    /// <summary>Number of live snapshot and trade subscriptions (pages, sockets) — for diagnostics and tests.</summary>
    public int Subscriptions => _snapshots.Count + _trades.Count;

    /// <summary>Receives every published snapshot until disposed (off the engine's threads, in order).</summary>
    public IDisposable Subscribe(Action<EngineSnapshot> onSnapshot) => _snapshots.Subscribe(onSnapshot);

    /// <summary>Receives every closed trade as it happens until disposed (off the engine's threads, in order).</summary>
    public IDisposable SubscribeTrades(Action<LiveTrade> onTrade) => _trades.Subscribe(onTrade);

    /// <summary>Receives every strategy signal (entry or exit) until disposed.</summary>
    public IDisposable SubscribeSignals(Action<LiveSignal> onSignal) => _signals.Subscribe(onSignal);

    /// <summary>Receives every closed candle of the feed until disposed.</summary>
    public IDisposable SubscribeCandles(Action<string, Candle, Timeframe> onCandle) => _candles.Subscribe(c => onCandle(c.Symbol, c.Candle, c.Timeframe));

    /// <summary>Builds and publishes a snapshot now (one writer at a time: the timer or a caller that needs it fresh).</summary>
    public EngineSnapshot PublishSnapshot() => Publish(saveFunds: false);

    /// <summary>
    /// Builds and publishes a snapshot; the funds' measures are queued for saving when due (now, with
    /// <paramref name="saveFunds"/>: stop, end of a replay).
    /// </summary>
    private EngineSnapshot Publish(bool saveFunds)
    {
        lock (_publishing)
        {
            _portfolio.Apply();
            var snapshot = BuildSnapshot();
            _snapshot = snapshot;
            _portfolio.SaveIfDue(_clock.GetUtcNow(), saveFunds);
            _snapshots.Publish(snapshot);
            return snapshot;
        }
    }

    private EngineSnapshot BuildSnapshot()
    {
        var instances = _instances.Values.Select(i => WithHalt(i.Snapshot)).OrderBy(i => i.Id).ToList();
        var closed = _closed;
        long published = Interlocked.Read(ref _published);
        double rate = _publishRate.Measure(published);
        var counts = LatencyHistogram.NewCounts();
        long deliveries = 0, conflated = 0;
        foreach (var i in _instances.Values)
        {
            i.Latency.AddTo(counts);
            deliveries += i.Events;
            conflated += i.Conflated;
        }
        var feed = _feed;
        return new EngineSnapshot(
            _clock.GetUtcNow(),
            _state,
            feed is null ? null : new FeedSnapshot(feed.Name, feed.Health.Status, feed.Health.Message, feed.Symbols, feed.Timeframe.Code, feed.Health.LastEvent, feed.Health.Reconnects, feed.Health.Events,
                feed.Health.Exchange, feed.Health.Traffic?.RateLimitWaits ?? 0, feed.Health.Traffic?.RateLimitWaited ?? TimeSpan.Zero, feed.Health.Traffic?.LastWait),
            instances,
            _portfolio.ByCoin(instances, closed),
            _portfolio.ByStrategy(instances, closed),
            _portfolio.Overall(instances, closed),
            new Dictionary<string, decimal>(_lastPrices),
            new PipelineSnapshot(published, rate, deliveries, conflated, _writeBehind.Pending, _writeBehind.LagMs, _writeBehind.PersistedTrades,
                LatencyHistogram.Quantile(counts, 0.5), LatencyHistogram.Quantile(counts, 0.99), _options.Workers, _writeBehind.LastError) { TradingHaltedReason = _writeBehind.Gate.Reason })
        {
            MarketTime = Volatile.Read(ref _marketTicks) is > 0 and var t ? new DateTimeOffset(t, TimeSpan.Zero) : null,
            ClosedInstances = closed,
        };
    }

    private void Join(StrategyInstance instance) => _portfolio.Join(instance.Id, instance.Spec.Symbol, instance.Spec.StrategyId, instance.Snapshot.Equity);

    /// <summary>Points the feed at the instances of its coins (while running; nowhere otherwise). Lifecycle path only.</summary>
    private void Route()
    {
        var feed = _feed;
        _routes = _state != EngineState.Running || feed is null
            ? new Dictionary<string, StrategyInstance[]>(StringComparer.Ordinal)
            : _instances.Values.Where(i => feed.Symbols.Contains(i.Spec.Symbol)).GroupBy(i => i.Spec.Symbol)
                .ToDictionary(g => g.Key, g => g.OrderBy(i => i.Id).ToArray(), StringComparer.Ordinal);
    }

    private void OnTrade(LiveTrade trade, AccountState account, decimal price)
    {
        _writeBehind.Trade(trade, account, price);
        _recentTrades.Enqueue(trade);
        while (_recentTrades.Count > _options.RecentTrades) _recentTrades.TryDequeue(out _);
        _trades.Publish(trade);
    }

    private void OnSignal(int id, InstanceSpec spec, Signal signal, Candle candle) =>
        _signals.Publish(new LiveSignal(id, spec.StrategyId, spec.Symbol, signal, candle, spec.WatchOnly));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await FaultsSavedAsync();
        await _snapshotTimer.DisposeAsync();
        await _writeBehind.DisposeAsync();
        foreach (var i in _instances.Values) i.Complete();
        await _dispatch.DisposeAsync();
    }

    /// <summary>Where the feed publishes: counters, last prices, the tape, then each instance of the event's coin.</summary>
    private sealed class Sink(LiveEngine engine) : IMarketEventSink
    {
        public void Publish(in MarketEvent e)
        {
            Interlocked.Increment(ref engine._published);
            if (e.Kind != MarketEventKind.CandleOpened) engine._lastPrices[e.Symbol] = e.Price;
            long ticks = e.Time.UtcTicks;
            if (ticks > Volatile.Read(ref engine._marketTicks)) Volatile.Write(ref engine._marketTicks, ticks); // one feed thread publishes
            engine.Tape.Add(e);
            if (engine._routes.TryGetValue(e.Symbol, out var instances))
                foreach (var instance in instances) instance.Enqueue(e);
            if (e.Kind == MarketEventKind.CandleClosed && engine._candles.Count > 0 && engine._feed is { } feed)
                engine._candles.Publish((e.Symbol, e.Candle, feed.Timeframe));
        }
    }
}
