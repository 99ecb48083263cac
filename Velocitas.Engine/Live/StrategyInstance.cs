using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Live;

/// <summary>
/// One strategy on one coin in the live pipeline. Its inbox is an unbounded <see cref="Channel{T}"/> with one reader:
/// market events, and commands from the engine (warm-up for a feed, close the position, a fence), in the order they
/// were written. Conflation rule: a tick is skipped (and counted) when the next item already waiting is also a tick,
/// so a slow instance reads the newest price without working through stale ones; candle events and commands are
/// never skipped. The reader is one async loop on the engine's bounded scheduler, so the instance's state has exactly
/// one writer and instances run in parallel with each other.
/// </summary>
internal sealed class StrategyInstance
{
    private static readonly long PublishEvery = Stopwatch.Frequency / 10;
    private const int PublishCheckEvery = 256;
    private const int LogLinesShown = 20;

    private readonly Channel<Work> _inbox = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _worker;

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
    private volatile bool _clockCheckPending;
    private long _skippedCandles;
    private string? _note;
    private volatile string? _market;
    private DateTimeOffset? _marketTime;
    private bool _skipLogged;
    private bool _faulted; // worker only: the strategy's code failed; it is not called again until the instance is resumed

    public StrategyInstance(int id, InstanceSpec spec, IStrategy strategy, TaskScheduler scheduler, LiveCallbacks callbacks)
    {
        Id = id;
        Spec = spec;
        Session = new TradingSession(strategy, spec.Settings);
        Callbacks = callbacks;
        Session.Filled = OnFill;
        _worker = Task.Factory.StartNew(ReadInboxAsync, CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler).Unwrap();
    }

    public int Id { get; }
    public InstanceSpec Spec { get; }
    public TradingSession Session { get; }
    public LiveCallbacks Callbacks { get; }
    public LatencyHistogram Latency { get; } = new();
    public long Conflated => Interlocked.Read(ref _conflated);
    public long Events => Interlocked.Read(ref _events);

    /// <summary>Paused instances read their data without trading. Set by the engine's lifecycle path.</summary>
    public bool Paused
    {
        get => _paused;
        set
        {
            _paused = value;
            if (!value && _note is { } note && note.StartsWith(FaultPrefix, StringComparison.Ordinal)) _note = null; // resumed: the fault is history
            _dirty = true;
            RequestSnapshot();
        }
    }

    /// <summary>How the note of an instance paused by its code's failure starts.</summary>
    public const string FaultPrefix = "Paused: the strategy's code failed";

    /// <summary>Shows the reason an instance was paused with before a restart.</summary>
    public void RestorePauseReason(string reason)
    {
        _note = reason;
        _faulted = reason.StartsWith(FaultPrefix, StringComparison.Ordinal); // its code is not run again until resumed
        _dirty = true;
    }

    /// <summary>The latest snapshot the worker published.</summary>
    public InstanceSnapshot Snapshot => _snapshot ?? BuildSnapshot();

    /// <summary>Completes when the inbox is completed and read to its end.</summary>
    public Task Completion => _worker;

    // ----- inbox (any thread) -----

    /// <summary>Queues a market event; never blocks, never drops (ticks may be conflated when read).</summary>
    public void Enqueue(in MarketEvent e) => _inbox.Writer.TryWrite(new Work(e, null, null));

    /// <summary>Asks the worker to publish a fresh snapshot (e.g. after a pause).</summary>
    public void RequestSnapshot() => _inbox.Writer.TryWrite(new Work(default, static () => { }, null));

    /// <summary>Runs <paramref name="action"/> on the instance's own worker, after everything already queued (the
    /// instance keeps exactly one writer); completes when it has run, with a fresh snapshot published.</summary>
    public Task RunOnWorkerAsync(Action action)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inbox.Writer.TryWrite(new Work(default, action, done)))
            done.TrySetException(new InvalidOperationException($"Strategy instance #{Id} has been removed."));
        return done.Task;
    }

    /// <summary>Completes when everything queued so far has been processed (a fence through the inbox).</summary>
    public Task WhenIdleAsync() => RunOnWorkerAsync(static () => { }).ContinueWith(static _ => { }, TaskScheduler.Default);

    /// <summary>Ends the inbox: what is queued is still read, then the worker stops.</summary>
    public void Complete() => _inbox.Writer.TryComplete();

    // ----- worker (one at a time) -----

    /// <summary>One queued item: a market event, or a command (with the task to complete when it has run).</summary>
    private readonly record struct Work(MarketEvent Event, Action? Command, TaskCompletionSource? Done);

    private async Task ReadInboxAsync()
    {
        var reader = _inbox.Reader;
        // awaiting keeps the engine's scheduler: the loop only ever runs on one of its workers
        while (await reader.WaitToReadAsync())
        {
            int read = 0;
            while (reader.TryRead(out var work))
            {
                if (work.Command is { } command)
                {
                    RunCommand(command, work.Done);
                    continue;
                }
                var e = work.Event;
                if (e.Kind == MarketEventKind.Tick && reader.TryPeek(out var next) && next.Command is null && next.Event.Kind == MarketEventKind.Tick)
                {
                    Interlocked.Increment(ref _conflated);
                    continue;
                }
                Latency.Record(Stopwatch.GetTimestamp() - e.Published);
                Handle(e);
                Interlocked.Increment(ref _events);
                if (++read % PublishCheckEvery == 0) PublishIfDue(force: false);
            }
            PublishIfDue(force: _dirty);
        }
    }

    private void RunCommand(Action command, TaskCompletionSource? done)
    {
        try
        {
            command();
            _dirty = true;
            PublishIfDue(force: true);
            done?.TrySetResult();
        }
        catch (Exception ex)
        {
            Callbacks.Logger.LogError(ex, "Strategy instance #{Id} ({Strategy} on {Symbol}): an engine command failed.", Id, Spec.StrategyId, Spec.Symbol);
            done?.TrySetException(ex);
        }
    }

    private void Handle(in MarketEvent e)
    {
        try
        {
            Process(e);
        }
        catch (Velocitas.Strategies.Hosting.StrategyFaultException ex)
        {
            Fault(ex, e.Time);
        }
        catch (Exception ex)
        {
            // one bad event must not end the instance: it is skipped and said (logged once per instance)
            _note = $"Skipped a {e.Kind} event of {e.Time.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: {ex.Message}";
            _dirty = true;
            if (!_skipLogged)
            {
                _skipLogged = true;
                Callbacks.Logger.LogError(ex, "Strategy instance #{Id} ({Strategy} on {Symbol}) skipped a market event; later skips show in its note only.", Id, Spec.StrategyId, Spec.Symbol);
            }
        }
    }

    /// <summary>
    /// The strategy's own code failed (an exception, a runaway loop or recursion): this instance stops trading, says why
    /// at once and keeps its account; its code is not called again (a runaway loop would cost its whole budget at every
    /// candle and hold up the instance's inbox) until the user resumes it, when the strategy starts afresh. The other
    /// instances go on.
    /// </summary>
    private void Fault(Velocitas.Strategies.Hosting.StrategyFaultException ex, DateTimeOffset time)
    {
        _faulted = true;
        _paused = true;
        _note = $"{FaultPrefix} at {time.UtcDateTime:yyyy-MM-dd HH:mm} UTC: {ex.Message}";
        _dirty = true;
        _snapshot = BuildSnapshot(); // shown now, even while events queue up behind it
        _lastPublish = Stopwatch.GetTimestamp();
        Callbacks.Logger.LogWarning("Strategy instance #{Id} ({Strategy} on {Symbol}) paused: {Note}", Id, Spec.StrategyId, Spec.Symbol, _note);
        Callbacks.Faulted(Id, _note);
    }

    /// <summary>Runs <see cref="TradingSession.StartNewSegment"/>; the strategy starts afresh unless its code has failed.</summary>
    private void StartSessionAfresh(DateTimeOffset time)
    {
        try
        {
            Session.StartNewSegment(restartStrategy: !_faulted);
        }
        catch (Velocitas.Strategies.Hosting.StrategyFaultException ex)
        {
            Fault(ex, time);
        }
    }

    private void Process(in MarketEvent e)
    {
        if (_marketTime is not { } seen || e.Time > seen) _marketTime = e.Time;
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
                if (_faulted && !_paused)
                {
                    // resumed after its code failed: the strategy object was left mid-call, so it starts afresh
                    _faulted = false;
                    _warmed = 0;
                    Session.Strategy.Reset();
                }
                Signal signal;
                if (Trading)
                {
                    if (!_openSeen) Session.OnOpen(c.Time, c.Open);
                    Session.OnClose(c);
                    signal = Session.LastSignal;
                    Callbacks.AccountChanged(Id, CaptureAccount(), c.Close);
                }
                else
                {
                    signal = _faulted ? Signal.None : Session.Strategy.OnCandle(c);
                }
                _openSeen = false;
                _candles++;
                _lastCandle = c.Time;
                Callbacks.Marked(Id, c.Time, Session.Ledger.Equity(c.Close));
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
        StartSessionAfresh(first);
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
    public void BeginFeed(IReadOnlyList<Candle> history, string market)
    {
        _skippedCandles = 0;
        if (!_faulted) _note = null; // an instance paused by its code's failure keeps showing why
        EnterMarket(market);
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

    /// <summary>
    /// The rule for a feed of another market (a replay after the synthetic feed, another exchange): a position is never
    /// valued or closed at another market's prices. An open position is first closed at the last price of the market
    /// it was opened on, stamped with that market's clock (exit reason <see cref="ExitReason.MarketChanged"/>); an order
    /// waiting for that market's next open is dropped; the strategy starts afresh on the new market.
    /// </summary>
    public void EnterMarket(string market)
    {
        string? previous = _market;
        _market = market;
        if (previous is null || previous == market) return;
        var ledger = Session.Ledger;
        if (ledger.IsLong && _lastPrice is { } price)
        {
            Session.Broker.CloseAll(_marketTime ?? _lastCandle ?? ledger.EntryTime, price, ExitReason.MarketChanged);
            _note = $"Switched from {previous} to {market}: the open position was closed at {previous}'s last price, {price:0.########}.";
        }
        StartSessionAfresh(_marketTime ?? _lastCandle ?? DateTimeOffset.UnixEpoch);
        _lastCandle = null;
        _marketTime = null;
        _openSeen = false;
        _warmed = 0;
        _candles = 0;
        _dirty = true;
    }

    /// <summary>Closes the open position at the last price, stamped with the market's clock (the wall clock only when
    /// the instance has seen no market event yet). Runs on the worker.</summary>
    public void ClosePosition(DateTimeOffset wallClock)
    {
        if (Session.Ledger.IsLong && _lastPrice is { } price) Session.Broker.CloseAll(_marketTime ?? wallClock, price, ExitReason.Manual);
    }

    /// <summary>The account as persisted, with the market it trades on and that market's clock.</summary>
    public AccountState CaptureAccount() => Session.Capture() with { Market = _market, MarketTime = _marketTime };

    /// <summary>Brings back a persisted account (before any worker runs).</summary>
    public void RestoreAccount(AccountState state)
    {
        Session.Restore(state);
        _market = state.Market;
        _marketTime = state.MarketTime;
    }

    private void OnFill(Fill fill, Trade? trade)
    {
        // the trade and the account it leaves go to the database in the same item, so they are saved together
        if (trade is not null) Callbacks.TradeClosed(new LiveTrade(Id, Spec.StrategyId, Spec.Symbol, trade), CaptureAccount(), fill.Price);
        else Callbacks.AccountChanged(Id, CaptureAccount(), fill.Price);
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
            if (!_faulted)
            {
                try
                {
                    Session.WarmUp(c);
                }
                catch (Velocitas.Strategies.Hosting.StrategyFaultException ex)
                {
                    Fault(ex, c.Time); // paused with its error; the engine still starts (or the instance is still added)
                }
            }
            _lastPrice = c.Close;
            _warmed++;
        }
        _snapshot = BuildSnapshot();
    }

    private InstanceSnapshot BuildSnapshot()
    {
        var stats = Session.Statistics;
        return new InstanceSnapshot
        {
            Id = Id,
            StrategyId = Spec.StrategyId,
            StrategyName = Session.Strategy.Definition.Name,
            Symbol = Spec.Symbol,
            Parameters = Session.Strategy.Parameters.ToString(),
            Label = Spec.Label,
            Market = _market,
            Paused = _paused,
            WatchOnly = Spec.WatchOnly,
            LotStep = Spec.Settings.LotStep,
            MarketRules = Spec.MarketRules,
            Trades = Session.TradeCount,
            Wins = Session.WinCount,
            LastSignal = _lastSignal,
            PendingOrder = Session.Broker.PendingOrder?.ToString().ToLowerInvariant(),
            LastCandle = _lastCandle,
            Candles = _candles,
            Events = Events,
            ConflatedTicks = Conflated,
            IsWarm = Session.Strategy.WarmUpPeriod <= _candles + _warmed,
            SkippedCandles = _skippedCandles,
            Note = _note,
            Log = Session.Strategy.RecentLog(LogLinesShown),
        }.WithAccount(Session.Ledger, _lastPrice, stats.PeakEquity, stats.MaxDrawdown);
    }
}

/// <summary>How instances report to their engine (called on the instance's worker).</summary>
internal sealed record LiveCallbacks(
    Action<LiveTrade, AccountState, decimal> TradeClosed,
    Action<int, AccountState, decimal> AccountChanged,
    Action<int, InstanceSpec, Signal, Candle> Signal,
    PersistenceGate Gate)
{
    /// <summary>The instance's equity at a candle's close (for the portfolio's fund measures).</summary>
    public Action<int, DateTimeOffset, decimal> Marked { get; init; } = static (_, _, _) => { };

    /// <summary>The strategy's code failed and the instance paused itself, with the reason.</summary>
    public Action<int, string> Faulted { get; init; } = static (_, _) => { };

    /// <summary>Where failures are logged, once each, naming the instance.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;
}
