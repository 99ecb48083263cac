using Velocitas.Data.Storage;
using Velocitas.Engine.Market;

namespace Velocitas.Web.Services;

/// <summary>
/// Keeps the candles of the few most recently used datasets in memory (datasets are immutable): big ones as their
/// candle file's blocks (<see cref="DatasetStore.LoadSeriesAsync"/>, ~28 bytes a candle), the others as arrays.
/// </summary>
public sealed class CandleCache(DatasetStore datasets)
{
    private const int Capacity = 6;
    private readonly Lock _gate = new();
    private readonly LinkedList<(int Id, Task<CandleSeries> Candles)> _entries = new();

    /// <summary>The candles of dataset <paramref name="id"/> as a series, loaded once (what backtests walk).</summary>
    public Task<CandleSeries> GetSeriesAsync(int id, CancellationToken ct = default)
    {
        lock (_gate)
        {
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                if (node.Value.Id != id) continue;
                if (node.Value.Candles.IsFaulted || node.Value.Candles.IsCanceled) { _entries.Remove(node); break; }
                _entries.Remove(node);
                _entries.AddFirst(node);
                return node.Value.Candles;
            }
            var load = datasets.LoadSeriesAsync(id, ct);
            _entries.AddFirst((id, load));
            while (_entries.Count > Capacity) _entries.RemoveLast();
            return load;
        }
    }

    /// <summary>
    /// The candles of dataset <paramref name="id"/> as one array: the cached array itself, or, for a big dataset held
    /// as blocks, a copy decoded for this caller.
    /// </summary>
    public async Task<Candle[]> GetAsync(int id, CancellationToken ct = default) => (await GetSeriesAsync(id, ct)).ToArray();

    /// <summary>Forgets a dataset (after delete).</summary>
    public void Evict(int id)
    {
        lock (_gate)
        {
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                if (node.Value.Id == id) { _entries.Remove(node); return; }
            }
        }
    }
}
