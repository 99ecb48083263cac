using System.Collections.Concurrent;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Live;

namespace Velocitas.Engine.Tests.Live;

/// <summary>An ILiveStore in memory, with an optional number of failing saves to test retries.</summary>
internal sealed class InMemoryLiveStore : ILiveStore
{
    private int _nextId;
    public ConcurrentDictionary<int, (InstanceSpec Spec, bool Removed, bool Paused)> Instances { get; } = new();
    public ConcurrentDictionary<int, AccountState> Accounts { get; } = new();
    public ConcurrentDictionary<int, decimal> Prices { get; } = new();
    public ConcurrentQueue<LiveTrade> Trades { get; } = new();
    public List<Equity> PortfolioEquity { get; } = [];
    public ConcurrentDictionary<string, FundMeasure> Funds { get; } = new();
    public int Batches;
    /// <summary>Saves that carried the funds' measures.</summary>
    public int FundSaves;
    public int FailNextSaves;

    /// <summary>While true every save fails as a full disk does.</summary>
    public volatile bool DiskFull;

    /// <summary>A copy of what is stored right now (what a killed process leaves behind). Saves are atomic per batch.</summary>
    public InMemoryLiveStore Clone()
    {
        lock (_saveGate)
        {
            var copy = new InMemoryLiveStore { _nextId = _nextId };
            foreach (var kv in Instances) copy.Instances[kv.Key] = kv.Value;
            foreach (var kv in Accounts) copy.Accounts[kv.Key] = kv.Value;
            foreach (var kv in Prices) copy.Prices[kv.Key] = kv.Value;
            foreach (var kv in PauseReasons) copy.PauseReasons[kv.Key] = kv.Value;
            foreach (var t in Trades) copy.Trades.Enqueue(t);
            copy.PortfolioEquity.AddRange(PortfolioEquity);
            foreach (var kv in Funds) copy.Funds[kv.Key] = kv.Value;
            return copy;
        }
    }

    private readonly Lock _saveGate = new();

    public Task<IReadOnlyList<PersistedInstance>> LoadAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PersistedInstance>>(Instances.Where(kv => !kv.Value.Removed).OrderBy(kv => kv.Key)
            .Select(kv => new PersistedInstance(kv.Key, kv.Value.Spec, Accounts.GetValueOrDefault(kv.Key), kv.Value.Paused, Prices.TryGetValue(kv.Key, out var p) ? p : null, PauseReasons.GetValueOrDefault(kv.Key))).ToList());

    public Task<IReadOnlyList<PersistedInstance>> LoadClosedAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PersistedInstance>>(Instances.Where(kv => kv.Value.Removed).OrderBy(kv => kv.Key)
            .Select(kv => new PersistedInstance(kv.Key, kv.Value.Spec, Accounts.GetValueOrDefault(kv.Key), true, Prices.TryGetValue(kv.Key, out var p) ? p : null)).ToList());

    public Task<IReadOnlyDictionary<string, FundMeasure>> LoadFundsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, FundMeasure>>(new Dictionary<string, FundMeasure>(Funds));

    public Task<IReadOnlyList<Equity>> LoadPortfolioEquityAsync(int count, CancellationToken cancellationToken)
    {
        lock (_saveGate) return Task.FromResult<IReadOnlyList<Equity>>(PortfolioEquity.TakeLast(count).ToList());
    }

    public Task<int> AddAsync(InstanceSpec spec, CancellationToken cancellationToken)
    {
        int id = Interlocked.Increment(ref _nextId);
        Instances[id] = (spec, false, false);
        return Task.FromResult(id);
    }

    public Task RemoveAsync(int id, CancellationToken cancellationToken)
    {
        Instances[id] = Instances[id] with { Removed = true };
        return Task.CompletedTask;
    }

    public ConcurrentDictionary<int, string> PauseReasons { get; } = new();

    public Task SetPausedAsync(int id, bool paused, string? reason, CancellationToken cancellationToken)
    {
        Instances[id] = Instances[id] with { Paused = paused };
        if (reason is null) PauseReasons.TryRemove(id, out _);
        else PauseReasons[id] = reason;
        return Task.CompletedTask;
    }

    public Task SaveAsync(LiveBatch batch, CancellationToken cancellationToken)
    {
        if (DiskFull) throw new IOException("database or disk is full (test)");
        if (FailNextSaves > 0)
        {
            FailNextSaves--;
            throw new IOException("disk unavailable (test)");
        }
        lock (_saveGate)
        {
            foreach (var t in batch.Trades) Trades.Enqueue(t);
            foreach (var (id, state) in batch.Accounts) Accounts[id] = state;
            foreach (var (id, price) in batch.LastPrices) if (price > 0) Prices[id] = price;
            if (batch.PortfolioEquity is { } points) PortfolioEquity.AddRange(points);
            foreach (var (key, fund) in batch.Funds ?? new Dictionary<string, FundMeasure>()) Funds[key] = fund;
            if (batch.Funds is { Count: > 0 }) FundSaves++;
        }
        Interlocked.Increment(ref Batches);
        return Task.CompletedTask;
    }
}

/// <summary>Wraps a feed and records every candle close per symbol.</summary>
internal sealed class RecordingFeed(IMarketFeed inner) : IMarketFeed
{
    public ConcurrentDictionary<string, List<Velocitas.Engine.Market.Candle>> Closed { get; } = new();
    public long Ticks;

    public string Name => inner.Name;
    public IReadOnlyList<string> Symbols => inner.Symbols;
    public Velocitas.Engine.Market.Timeframe Timeframe => inner.Timeframe;
    public FeedHealth Health => inner.Health;
    public string MarketOf(string symbol) => inner.MarketOf(symbol);

    public Task<IReadOnlyList<Velocitas.Engine.Market.Candle>> WarmUpAsync(string symbol, int candles, CancellationToken cancellationToken) =>
        inner.WarmUpAsync(symbol, candles, cancellationToken);

    public Task RunAsync(IMarketEventSink sink, CancellationToken cancellationToken) => inner.RunAsync(new Tap(this, sink), cancellationToken);

    private sealed class Tap(RecordingFeed feed, IMarketEventSink sink) : IMarketEventSink
    {
        public void Publish(in MarketEvent e)
        {
            if (e.Kind == MarketEventKind.CandleClosed) feed.Closed.GetOrAdd(e.Symbol, _ => []).Add(e.Candle);
            if (e.Kind == MarketEventKind.Tick) feed.Ticks++;
            sink.Publish(e);
        }
    }
}
