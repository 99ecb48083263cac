using Velocitas.Cluster.Contracts;
using Velocitas.Engine.Market;
using Velocitas.Engine.Optimization;

namespace Velocitas.Cluster.Grains;

/// <summary>
/// What one silo keeps between work items: each coin's candles (fetched once, cached by content hash) with the
/// indicator series computed on them, shared by every item the silo runs; and how busy it is.
/// </summary>
public sealed class SiloWorkshop(int workers)
{
    /// <summary>Coins kept at once; the least recently used is let go first.</summary>
    public const int Capacity = 8;

    /// <summary>Candles fetched per call (about 4 MB on the wire).</summary>
    public const int ChunkSize = 50_000;

    private readonly Lock _gate = new();
    private readonly LinkedList<(string Key, Lazy<Task<OptimizationData>> Data, IndicatorSeriesCache Series)> _coins = new();
    private int _running;
    private long _done;
    private long _cancelled;
    private long _fetches;

    /// <summary>Work items this silo runs at once.</summary>
    public int Workers { get; } = Math.Max(1, workers);

    /// <summary>Items running now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Combinations finished since start.</summary>
    public long CombinationsDone => Interlocked.Read(ref _done);

    /// <summary>Items stopped by a cancellation.</summary>
    public long CancelledItems => Interlocked.Read(ref _cancelled);

    /// <summary>Candle series fetched from a coordinator.</summary>
    public long CandleFetches => Interlocked.Read(ref _fetches);

    /// <summary>Called as each item starts (tests hold an item here to stop a silo in the middle of it).</summary>
    public Func<ClusterWorkItem, CancellationToken, Task>? ItemStarting { get; set; }

    /// <summary>Raised when the last running item ends.</summary>
    public event Action? Idle;

    /// <summary>Hands the silo a series it already has in memory (the coordinator's own silo never fetches).</summary>
    public void Offer(DatasetTicket ticket, Candle[] candles) =>
        Entry(ticket.Key, () => Task.FromResult(Data(ticket, candles)));

    /// <summary>The coin's data and its shared series: from the cache, else read from the item's source.</summary>
    public async Task<(OptimizationData Data, IndicatorSeriesCache Series, bool Fetched)> CoinAsync(ClusterWorkItem item)
    {
        bool fetched = false;
        var (data, series) = Entry(item.Data.Key, () =>
        {
            fetched = true;
            return FetchAsync(item);
        });
        return (await data.Value, series, fetched);
    }

    internal void Started() => Interlocked.Increment(ref _running);

    internal void Finished(int combinations, bool cancelled)
    {
        Interlocked.Add(ref _done, combinations);
        if (cancelled) Interlocked.Increment(ref _cancelled);
        if (Interlocked.Decrement(ref _running) == 0) Idle?.Invoke();
    }

    private (Lazy<Task<OptimizationData>>, IndicatorSeriesCache) Entry(string key, Func<Task<OptimizationData>> load)
    {
        lock (_gate)
        {
            for (var node = _coins.First; node is not null; node = node.Next)
            {
                if (node.Value.Key != key) continue;
                if (node.Value.Data.IsValueCreated && node.Value.Data.Value.IsFaulted) { _coins.Remove(node); break; }
                _coins.Remove(node);
                _coins.AddFirst(node);
                return (node.Value.Data, node.Value.Series);
            }
            var entry = (key, new Lazy<Task<OptimizationData>>(load), new IndicatorSeriesCache());
            _coins.AddFirst(entry);
            while (_coins.Count > Capacity) _coins.RemoveLast();
            return (entry.Item2, entry.Item3);
        }
    }

    private async Task<OptimizationData> FetchAsync(ClusterWorkItem item)
    {
        var source = item.Source ?? throw new InvalidOperationException($"Work item {item.ItemId} names no candle source for {item.Data.Name}.");
        var candles = new Candle[item.Data.Count];
        for (int offset = 0; offset < candles.Length; offset += ChunkSize)
        {
            var chunk = await source.ReadAsync(item.Data.Key, offset, Math.Min(ChunkSize, candles.Length - offset));
            chunk.CopyTo(candles, offset);
        }
        if (CandleHash.Of(candles) != item.Data.Key)
            throw new InvalidOperationException($"The candles of {item.Data.Name} arrived damaged (their hash does not match).");
        Interlocked.Increment(ref _fetches);
        return Data(item.Data, candles);
    }

    private static OptimizationData Data(DatasetTicket t, Candle[] candles) =>
        new(t.Name, t.Symbol, candles, new Timeframe(t.Interval), t.DatasetId);
}
