using System.Diagnostics;
using System.Threading.Tasks.Dataflow;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Live;

/// <summary>
/// One strategy on one coin in the live pipeline. Its inbox is a dataflow target that always accepts (so the
/// broadcast block never has to drop a message for it): candle events are queued in order, and a tick replaces
/// an unprocessed tick queued right before it (counted as conflated). A single-writer <see cref="ActionBlock{T}"/>
/// (MaxDegreeOfParallelism = 1) drains the inbox, so the instance's state has exactly one writer; instances run in
/// parallel with each other on the engine's bounded scheduler.
/// </summary>
internal sealed class StrategyInstance : ITargetBlock<MarketEvent>
{
    private static readonly long PublishEvery = Stopwatch.Frequency / 10;

    private readonly Lock _gate = new();
    private readonly ActionBlock<bool> _worker;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private List<MarketEvent> _queue = new(64);
    private List<MarketEvent> _draining = new(64);
    private readonly Queue<(Action Action, TaskCompletionSource Done)> _commands = new();
    private bool _scheduled;
    private TaskCompletionSource? _idle;

    private long _conflated;
    private long _events;
    private decimal? _lastPrice;
    private bool _openSeen;
    private int _candles;
    private int _warmed;
    private DateTimeOffset? _lastCandle;
    private string _lastSignal = "none";
    private long _lastPublish;
    private bool _dirty = true;
    private volatile InstanceSnapshot? _snapshot;
    private volatile bool _paused;
    private long _fence;
    private volatile bool _clockCheckPending;
    private long _skippedCandles;
    private string? _note;

    public StrategyInstance(int id, InstanceSpec spec, IStrategy strategy, TaskScheduler scheduler, LiveCallbacks callbacks)
    {
        Id = id;
        Spec = spec;
        Session = new TradingSession(strategy, spec.Settings);
        Callbacks = callbacks;
        Session.Filled = OnFill;
        _worker = new ActionBlock<bool>(_ => Drain(), new ExecutionDataflowBlockOptions
        {
            MaxDegreeOfParallelism = 1,
            BoundedCapacity = DataflowBlockOptions.Unbounded,
            TaskScheduler = scheduler,
        });
    }

    public int Id { get; }
    public InstanceSpec Spec { get; }
    public TradingSession Session { get; }
    public LiveCallbacks Callbacks { get; }
    public LatencyHistogram Latency { get; } = new();
    public IDisposable? Link { get; set; }
    public long Conflated => Interlocked.Read(ref _conflated);
    public long Events => Interlocked.Read(ref _events);

    public bool Paused
    {
        get => _paused;
        set
        {
            _paused = value;
            _dirty = true;
            RequestSnapshot();
        }
    }

    /// <summary>The latest snapshot the worker published.</summary>
    public InstanceSnapshot Snapshot => _snapshot ?? BuildSnapshot();

    public Task Completion => _completion.Task;

    // ----- inbox (any thread) -----

    public DataflowMessageStatus OfferMessage(DataflowMessageHeader messageHeader, MarketEvent messageValue, ISourceBlock<MarketEvent>? source, bool consumeToAccept)
    {
        if (consumeToAccept)
        {
            if (source is null) return DataflowMessageStatus.Declined;
            messageValue = source.ConsumeMessage(messageHeader, this, out bool consumed);
            if (!consumed) return DataflowMessageStatus.NotAvailable;
        }
        Enqueue(messageValue);
        return DataflowMessageStatus.Accepted;
    }

    public void Enqueue(in MarketEvent e)
    {
        bool schedule = false;
        lock (_gate)
        {
            if (e.Kind == MarketEventKind.Tick && _queue.Count > 0 && _queue[^1].Kind == MarketEventKind.Tick)
            {
                _queue[^1] = e;
                _conflated++;
            }
            else
            {
                _queue.Add(e);
            }
            if (!_scheduled)
            {
                _scheduled = true;
                schedule = true;
            }
        }
        if (schedule) _worker.Post(true);
    }

    /// <summary>Asks the worker to publish a fresh snapshot (e.g. after a pause).</summary>
    public void RequestSnapshot()
    {
        bool schedule = false;
        lock (_gate)
        {
            _dirty = true;
            if (!_scheduled)
            {
                _scheduled = true;
                schedule = true;
            }
        }
        if (schedule) _worker.Post(true);
    }

    /// <summary>Runs <paramref name="action"/> on the instance's own worker, after the events already queued (the
    /// instance keeps exactly one writer); completes when it has run.</summary>
    public Task RunOnWorkerAsync(Action action)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool schedule = false;
        lock (_gate)
        {
            _commands.Enqueue((action, done));
            if (!_scheduled)
            {
                _scheduled = true;
                schedule = true;
            }
        }
        if (schedule) _worker.Post(true);
        return done.Task;
    }

    /// <summary>Completes when everything queued so far has been processed.</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            if (!_scheduled && _queue.Count == 0) return Task.CompletedTask;
            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }

    /// <summary>Completes once the fence <paramref name="id"/> (and everything before it) has been processed.</summary>
    public async Task WhenFenceAsync(long id)
    {
        while (Volatile.Read(ref _fence) < id) await Task.Delay(1);
        await WhenIdleAsync();
    }

    public void Complete() => _completion.TrySetResult();

    public void Fault(Exception exception) => _completion.TrySetException(exception);

    // ----- worker (one thread at a time) -----

    private void Drain()
    {
        while (true)
        {
            List<MarketEvent> batch;
            (Action Action, TaskCompletionSource Done)? command = null;
            lock (_gate)
            {
                if (_queue.Count == 0 && _commands.Count > 0) command = _commands.Dequeue();
            }
            if (command is { } c)
            {
                try
                {
                    c.Action();
                    c.Done.TrySetResult();
                }
                catch (Exception ex)
                {
                    c.Done.TrySetException(ex);
                }
                _dirty = true;
                continue;
            }
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    PublishIfDue(force: _dirty);
                    _scheduled = false;
                    _idle?.TrySetResult();
                    _idle = null;
                    return;
                }
                batch = _queue;
                _queue = _draining;
                _draining = batch;
            }
            long now = Stopwatch.GetTimestamp();
            foreach (var e in batch)
            {
                if (e.Kind == MarketEventKind.Fence)
                {
                    Volatile.Write(ref _fence, e.Published);
                    continue;
                }
                Latency.Record(now - e.Published);
                try
                {
                    Process(e);
                }
                catch (Velocitas.Strategies.Hosting.StrategyFaultException ex)
                {
                    // the strategy's own code failed: this instance stops trading and says why; the others go on
                    _paused = true;
                    _note = $"Paused: the strategy's code failed at {e.Time.UtcDateTime:yyyy-MM-dd HH:mm} UTC: {ex.Message}";
                    _dirty = true;
                }
                catch (Exception ex)
                {
                    // one bad event must not end the instance: it is skipped and said
                    _note = $"Skipped a {e.Kind} event of {e.Time.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: {ex.Message}";
                    _dirty = true;
                }
            }
            Interlocked.Add(ref _events, batch.Count);
            batch.Clear();
            PublishIfDue(force: false);
        }
    }

    private void Process(in MarketEvent e)
    {
        switch (e.Kind)
        {
            case MarketEventKind.Tick:
                _lastPrice = e.Price;
                break;
            case MarketEventKind.CandleOpened:
                _lastPrice = e.Price;
                if (!InClockOrder(e.Time, closed: false)) break;
                if (Trading) Session.OnOpen(e.Time, e.Price);
                _openSeen = true;
                break;
            case MarketEventKind.CandleClosed:
                var c = e.Candle;
                _lastPrice = c.Close;
                if (!InClockOrder(c.Time, closed: true)) break;
                Signal signal;
                if (Trading)
                {
                    if (!_openSeen) Session.OnOpen(c.Time, c.Open);
                    Session.OnClose(c);
                    signal = Session.LastSignal;
                    Callbacks.AccountChanged(Id, Session.Capture(), c.Close);
                }
                else
                {
                    signal = Session.Strategy.OnCandle(c);
                }
                _openSeen = false;
                _candles++;
                _lastCandle = c.Time;
                _lastSignal = signal switch { Signal.Enter => "buy", Signal.Exit => "sell", _ => "none" };
                if (signal != Signal.None) Callbacks.Signal(Id, Spec, signal, c);
                _dirty = true;
                break;
        }
    }

    private bool Trading => !_paused && !Spec.WatchOnly && !Callbacks.Gate.Halted;

    /// <summary>
    /// True when a candle event at <paramref name="time"/> is newer than the last candle. The first one from a new feed
    /// may be older (its clock is behind the account's): the account then carries on in a new segment. The last candle
    /// sent again, or a late one within a feed, is skipped and counted.
    /// </summary>
    private bool InClockOrder(DateTimeOffset time, bool closed)
    {
        if (_lastCandle is { } last && time <= last)
        {
            if (!_clockCheckPending || time == last) // the last candle again is a repeat, whichever feed sends it
            {
                if (closed) _skippedCandles++;
                _dirty = true;
                return false;
            }
            StartNewSegment(last, time);
        }
        _clockCheckPending = false;
        return true;
    }

    private void StartNewSegment(DateTimeOffset last, DateTimeOffset first)
    {
        Session.StartNewSegment();
        _lastCandle = null;
        _openSeen = false;
        _warmed = 0;
        _candles = 0;
        _note = $"This feed's clock ({first.UtcDateTime:yyyy-MM-dd HH:mm}) is behind the account's last candle ({last.UtcDateTime:yyyy-MM-dd HH:mm} UTC): "
            + "the account carries on, the strategy started afresh on the new data.";
        _dirty = true;
    }

    /// <summary>
    /// Readies the instance for a feed about to start, with the feed's history before its first candle: the strategy
    /// warms up on the part it has not seen. When that history ends before the account's last candle, the new feed
    /// runs on an earlier clock and the account carries on in a new segment, warmed up on all of it.
    /// </summary>
    public void BeginFeed(IReadOnlyList<Candle> history)
    {
        _skippedCandles = 0;
        _note = null;
        if (_lastCandle is { } last && history.Count > 0 && history[^1].Time < last)
        {
            StartNewSegment(last, history[^1].Time);
            WarmUp(history);
            _clockCheckPending = false;
            return;
        }
        _clockCheckPending = true;
        WarmUp(history.Where(c => _lastCandle is null || c.Time > _lastCandle));
    }

    private void OnFill(Fill fill, Trade? trade)
    {
        // the trade and the account it leaves go to the database in the same item, so they are saved together
        if (trade is not null) Callbacks.TradeClosed(new LiveTrade(Id, Spec.StrategyId, Spec.Symbol, trade), Session.Capture(), fill.Price);
        else Callbacks.AccountChanged(Id, Session.Capture(), fill.Price);
        _dirty = true;
    }

    private void PublishIfDue(bool force)
    {
        long now = Stopwatch.GetTimestamp();
        if (!force && !(_dirty && now - _lastPublish >= PublishEvery)) return;
        _snapshot = BuildSnapshot();
        _lastPublish = now;
        _dirty = false;
    }

    /// <summary>Marks the position with the last price persisted before a restart (before any worker runs).</summary>
    public void RestoreLastPrice(decimal? price)
    {
        _lastPrice = price;
        _snapshot = BuildSnapshot();
    }

    /// <summary>Warm-up before trading: the strategy sees history, no orders.</summary>
    public void WarmUp(IEnumerable<Candle> candles)
    {
        foreach (var c in candles)
        {
            Session.WarmUp(c);
            _lastPrice = c.Close;
            _warmed++;
        }
        _snapshot = BuildSnapshot();
    }

    private InstanceSnapshot BuildSnapshot()
    {
        var ledger = Session.Ledger;
        var stats = Session.Statistics;
        decimal mark = _lastPrice ?? ledger.AverageEntryPrice;
        decimal equity = ledger.Equity(mark);
        double peak = Math.Max((double)stats.PeakEquity, (double)equity);
        return new InstanceSnapshot
        {
            Id = Id,
            StrategyId = Spec.StrategyId,
            StrategyName = Session.Strategy.Definition.Name,
            Symbol = Spec.Symbol,
            Parameters = Session.Strategy.Parameters.ToString(),
            Label = Spec.Label,
            Paused = _paused,
            WatchOnly = Spec.WatchOnly,
            InitialCash = ledger.InitialCash,
            Cash = ledger.Cash,
            Quantity = ledger.Quantity,
            AverageEntryPrice = ledger.AverageEntryPrice,
            LastPrice = _lastPrice,
            RealizedPnl = ledger.RealizedPnl,
            UnrealizedPnl = ledger.UnrealizedPnl(mark),
            Fees = ledger.FeesPaid,
            Equity = equity,
            Trades = Session.TradeCount,
            Wins = Session.WinCount,
            MaxDrawdownPct = stats.MaxDrawdown * 100,
            CurrentDrawdownPct = peak <= 0 ? 0 : Math.Max(0, (peak - (double)equity) / peak * 100),
            LastSignal = _lastSignal,
            PendingOrder = Session.Broker.PendingOrder?.ToString().ToLowerInvariant(),
            LastCandle = _lastCandle,
            Candles = _candles,
            Events = Events,
            ConflatedTicks = Conflated,
            IsWarm = Session.Strategy.WarmUpPeriod <= _candles + _warmed,
            SkippedCandles = _skippedCandles,
            Note = _note,
        };
    }

    // ----- the rest of ITargetBlock -----

    Task IDataflowBlock.Completion => _completion.Task;

    void IDataflowBlock.Complete() => Complete();

    void IDataflowBlock.Fault(Exception exception) => Fault(exception);
}

/// <summary>How instances report to their engine (called on the instance's worker).</summary>
internal sealed record LiveCallbacks(
    Action<LiveTrade, AccountState, decimal> TradeClosed,
    Action<int, AccountState, decimal> AccountChanged,
    Action<int, InstanceSpec, Signal, Candle> Signal,
    PersistenceGate Gate);
