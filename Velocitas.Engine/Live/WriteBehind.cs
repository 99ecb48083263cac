using System.Threading.Tasks.Dataflow;
using Microsoft.Extensions.Logging;
using Velocitas.Engine.Execution;

namespace Velocitas.Engine.Live;

/// <summary>
/// Write-behind persistence: trades and account states go through a <see cref="BatchBlock{T}"/> to one writer
/// that saves each batch in one transaction. A timer triggers a batch at least every flush interval; a failed
/// write is retried with backoff and nothing is dropped.
/// </summary>
internal sealed class WriteBehind : IAsyncDisposable
{
    private readonly BatchBlock<Item> _batch;
    private readonly ActionBlock<Item[]> _writer;
    private readonly ITimer _timer;
    private readonly ILiveStore _store;
    private readonly TimeProvider _clock;
    private long _pending;
    private long _oldestPendingTicks;
    private long _persistedTrades;
    private volatile string? _lastError;

    private readonly ILogger _logger;
    private readonly LiveEngineOptions _options;
    private readonly CancellationTokenSource _shutdown = new();

    public WriteBehind(ILiveStore store, TimeProvider clock, LiveEngineOptions options, ILogger logger)
    {
        _store = store;
        _options = options;
        _logger = logger;
        _clock = clock;
        _batch = new BatchBlock<Item>(options.BatchSize);
        _writer = new ActionBlock<Item[]>(WriteAsync, new ExecutionDataflowBlockOptions { MaxDegreeOfParallelism = 1 });
        _batch.LinkTo(_writer, new DataflowLinkOptions { PropagateCompletion = true });
        _timer = clock.CreateTimer(_ => _batch.TriggerBatch(), null, options.FlushInterval, options.FlushInterval);
    }

    public int Pending => (int)Interlocked.Read(ref _pending);

    /// <summary>Closed while the backlog is at its cap (the database refuses writes).</summary>
    public PersistenceGate Gate { get; } = new();

    public long PersistedTrades => Interlocked.Read(ref _persistedTrades);

    public string? LastError => _lastError;

    /// <summary>Milliseconds the oldest unsaved item has waited.</summary>
    public double LagMs
    {
        get
        {
            long oldest = Interlocked.Read(ref _oldestPendingTicks);
            return Pending == 0 || oldest == 0 ? 0 : (_clock.GetUtcNow().UtcTicks - oldest) / (double)TimeSpan.TicksPerMillisecond;
        }
    }

    public void Trade(LiveTrade trade, AccountState account, decimal lastPrice) => Post(new Item(trade.InstanceId, trade, account, lastPrice));

    public void Account(int instanceId, AccountState state, decimal lastPrice) => Post(new Item(instanceId, null, state, lastPrice));

    /// <summary>Queues an equity sample; samples are skipped while the gate is closed (the next one after it reopens says as much).</summary>
    public void PortfolioEquity(Equity point)
    {
        if (!Gate.Halted) Post(new Item(0, null, null, 0) { Point = point });
    }

    /// <summary>Queues the groups' fund measures (the newest per group is saved).</summary>
    public void Funds(IReadOnlyDictionary<string, FundMeasure> funds)
    {
        if (funds.Count > 0) Post(new Item(0, null, null, 0) { Funds = funds });
    }

    private void Post(Item item)
    {
        long pending = Interlocked.Increment(ref _pending);
        if (pending == 1) Interlocked.Exchange(ref _oldestPendingTicks, _clock.GetUtcNow().UtcTicks);
        if (pending >= _options.MaxPendingWrites && !Gate.Halted)
        {
            Gate.Close($"Trading is paused: {pending:N0} results wait to be saved and the database refuses writes ({_lastError ?? "the first write has not gone through yet"}). It resumes by itself once the database accepts writes again; nothing is lost.");
            _logger.LogError("Live trading halted: {Pending} unsaved items reached the cap of {Cap} (Velocitas:Live:MaxPendingWrites); last error: {Error}", pending, _options.MaxPendingWrites, _lastError);
        }
        _batch.Post(item);
    }

    /// <summary>Writes whatever is queued and waits until it is saved (or <paramref name="cancellationToken"/> gives up waiting; the items stay queued).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // the marker travels behind everything queued so far; when its batch is saved, they all are
        _batch.Post(new Item(-1, null, null, 0, done));
        _batch.TriggerBatch();
        await done.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteAsync(Item[] items)
    {
        int real = items.Count(i => i.Done is null);
        if (real > 0)
        {
            var batch = Collect(items);
            if (!await SaveAsync(batch))
            {
                foreach (var i in items) i.Done?.TrySetCanceled();
                return;
            }
            Saved(real, batch.Trades.Count);
        }
        foreach (var i in items) i.Done?.TrySetResult();
    }

    /// <summary>One batch of the items: every trade, the newest account and price per instance, the newest fund measures.</summary>
    private static LiveBatch Collect(Item[] items)
    {
        var trades = new List<LiveTrade>();
        var accounts = new Dictionary<int, AccountState>();
        var prices = new Dictionary<int, decimal>();
        List<Equity>? points = null;
        Dictionary<string, FundMeasure>? funds = null;
        foreach (var i in items)
        {
            if (i.Point is { } point) (points ??= []).Add(point);
            if (i.Funds is { } f)
                foreach (var (key, measure) in f) (funds ??= new(StringComparer.Ordinal))[key] = measure;
            if (i.Trade is not null) trades.Add(i.Trade);
            if (i.Account is not null)
            {
                accounts[i.InstanceId] = i.Account;
                prices[i.InstanceId] = i.LastPrice;
            }
        }
        return new LiveBatch(trades, accounts, prices, points) { Funds = funds };
    }

    /// <summary>
    /// Saves the batch, retrying with backoff (100 ms doubling to 5 s) while the database refuses it: persistence must
    /// not lose what the engine did. False only when shut down while it still refuses (the loss is logged).
    /// </summary>
    private async Task<bool> SaveAsync(LiveBatch batch)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        for (int failures = 0; ; failures++)
        {
            try
            {
                await _store.SaveAsync(batch, _shutdown.Token);
                if (failures > 0) _logger.LogInformation("Saving live results works again after {Failures} failed attempt(s).", failures);
                _lastError = null;
                return true;
            }
            catch (Exception ex) when (_shutdown.IsCancellationRequested)
            {
                _logger.LogError(ex is OperationCanceledException ? null : ex, "Shut down while the database refused writes: {Trades} live trade(s) and {Accounts} account state(s) of the last batch were not saved.", batch.Trades.Count, batch.Accounts.Count);
                return false;
            }
            catch (Exception ex)
            {
                _lastError = $"{_clock.GetUtcNow():HH:mm:ss} {ex.GetType().Name}: {ex.Message}";
                // the first failure with its stack, then one line per attempt: a full disk must not also fill the log
                if (failures == 0) _logger.LogWarning(ex, "Saving {Trades} live trade(s) and {Accounts} account(s) failed; retrying with backoff.", batch.Trades.Count, batch.Accounts.Count);
                else _logger.LogWarning("Saving live results failed again (attempt {Attempt}, {Pending} waiting): {Error}", failures + 1, Pending, ex.Message);
                try
                {
                    await Task.Delay(delay, _clock, _shutdown.Token);
                }
                catch (OperationCanceledException)
                {
                    // shutting down: one more attempt, then give up (above)
                }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    /// <summary>A batch of <paramref name="items"/> is saved: counters move and a gate closed by the backlog reopens.</summary>
    private void Saved(int items, int trades)
    {
        Interlocked.Add(ref _persistedTrades, trades);
        long left = Interlocked.Add(ref _pending, -items);
        if (left > 0) Interlocked.Exchange(ref _oldestPendingTicks, _clock.GetUtcNow().UtcTicks);
        if (Gate.Halted && left < _options.MaxPendingWrites / 2)
        {
            Gate.Open();
            _logger.LogWarning("Live trading resumes: the database accepts writes again ({Left} item(s) still queued).", left);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync();
        _batch.Complete();
        try
        {
            await _writer.Completion.WaitAsync(_options.ShutdownSaveTimeout, _clock);
        }
        catch (TimeoutException)
        {
            // the database still refuses writes: stop retrying so shutdown ends (the loss is logged with its size)
            _logger.LogError("The database refused writes for {Timeout} s at shutdown; giving up on {Pending} unsaved live item(s).", _options.ShutdownSaveTimeout.TotalSeconds, Pending);
            await _shutdown.CancelAsync();
            await _writer.Completion;
        }
        _shutdown.Dispose();
    }

    private sealed record Item(int InstanceId, LiveTrade? Trade, AccountState? Account, decimal LastPrice, TaskCompletionSource? Done = null)
    {
        public Equity? Point { get; init; }
        public IReadOnlyDictionary<string, FundMeasure>? Funds { get; init; }
    }
}
