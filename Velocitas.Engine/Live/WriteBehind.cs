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

    public WriteBehind(ILiveStore store, TimeProvider clock, LiveEngineOptions options, ILogger logger)
    {
        _store = store;
        _logger = logger;
        _clock = clock;
        _batch = new BatchBlock<Item>(options.BatchSize);
        _writer = new ActionBlock<Item[]>(WriteAsync, new ExecutionDataflowBlockOptions { MaxDegreeOfParallelism = 1 });
        _batch.LinkTo(_writer, new DataflowLinkOptions { PropagateCompletion = true });
        _timer = clock.CreateTimer(_ => _batch.TriggerBatch(), null, options.FlushInterval, options.FlushInterval);
    }

    public int Pending => (int)Interlocked.Read(ref _pending);

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

    public void PortfolioEquity(Equity point) => Post(new Item(0, null, null, 0) { Point = point });

    private void Post(Item item)
    {
        if (Interlocked.Increment(ref _pending) == 1) Interlocked.Exchange(ref _oldestPendingTicks, _clock.GetUtcNow().UtcTicks);
        _batch.Post(item);
    }

    /// <summary>Writes whatever is queued and waits until it is saved.</summary>
    public async Task FlushAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // the marker travels behind everything queued so far; when its batch is saved, they all are
        _batch.Post(new Item(-1, null, null, 0, done));
        _batch.TriggerBatch();
        await done.Task;
    }

    private async Task WriteAsync(Item[] items)
    {
        var trades = new List<LiveTrade>();
        var accounts = new Dictionary<int, AccountState>();
        var prices = new Dictionary<int, decimal>();
        List<Equity>? points = null;
        foreach (var i in items)
        {
            if (i.Point is { } point) (points ??= []).Add(point);
            if (i.Trade is not null) trades.Add(i.Trade);
            if (i.Account is not null)
            {
                accounts[i.InstanceId] = i.Account;
                prices[i.InstanceId] = i.LastPrice;
            }
        }
        int real = items.Count(i => i.Done is null);
        if (real > 0)
        {
            var batch = new LiveBatch(trades, accounts, prices, points);
            var delay = TimeSpan.FromMilliseconds(100);
            while (true)
            {
                try
                {
                    await _store.SaveAsync(batch, CancellationToken.None);
                    _lastError = null;
                    break;
                }
                catch (Exception ex)
                {
                    // keep the batch and try again: persistence must not lose what the engine did
                    _lastError = $"{_clock.GetUtcNow():HH:mm:ss} {ex.GetType().Name}: {ex.Message}";
                    _logger.LogWarning(ex, "Saving {Trades} live trade(s) and {Accounts} account(s) failed; retrying in {Delay} ms.", trades.Count, accounts.Count, delay.TotalMilliseconds);
                    await Task.Delay(delay, _clock);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
                }
            }
            Interlocked.Add(ref _persistedTrades, trades.Count);
            if (Interlocked.Add(ref _pending, -real) > 0) Interlocked.Exchange(ref _oldestPendingTicks, _clock.GetUtcNow().UtcTicks);
        }
        foreach (var i in items) i.Done?.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync();
        _batch.Complete();
        await _writer.Completion;
    }

    private sealed record Item(int InstanceId, LiveTrade? Trade, AccountState? Account, decimal LastPrice, TaskCompletionSource? Done = null)
    {
        public Equity? Point { get; init; }
    }
}
