using Velocitas.Data.Storage;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Trend;

namespace Velocitas.Web.Services;

/// <summary>The analysis of one stored dataset.</summary>
public sealed record DatasetTrend(DatasetSummary Dataset, TrendAnalysis Analysis);

/// <summary>Trend analysis of stored datasets, several at once on all cores.</summary>
public sealed class TrendService(DatasetStore datasets, CandleCache cache)
{
    /// <summary>Default costs of the regime backtests behind the suggestions (0.1 % fee, fractional lots).</summary>
    public static ExecutionSettings DefaultExecution => TradingDefaults.Execution;

    /// <summary>Analyses one dataset. Throws <see cref="KeyNotFoundException"/> when it does not exist.</summary>
    public async Task<DatasetTrend> AnalyzeAsync(int datasetId, TrendSettings? settings = null, CancellationToken ct = default)
    {
        var dataset = await datasets.GetAsync(datasetId, ct) ?? throw new KeyNotFoundException($"Dataset #{datasetId} does not exist.");
        var candles = await cache.GetAsync(datasetId, ct);
        var timeframe = Timeframe.TryParse(dataset.Timeframe, out var tf) ? tf : Timeframe.Infer(candles) ?? Timeframe.OneHour;
        var analysis = await Task.Run(() => TrendAnalyzer.Analyze(candles, dataset.Symbol, timeframe, settings, DefaultExecution, ct), ct);
        return new DatasetTrend(dataset, analysis);
    }

    /// <summary>Analyses several datasets in parallel, reporting each one as it finishes; results in the order asked.</summary>
    public async Task<IReadOnlyList<DatasetTrend>> AnalyzeManyAsync(IReadOnlyList<int> datasetIds, TrendSettings? settings = null,
        Action<DatasetTrend>? finished = null, CancellationToken ct = default)
    {
        if (datasetIds.Count == 0) throw new ArgumentException("Choose at least one dataset.");
        if (settings?.Problems() is { Count: > 0 } problems) throw new ArgumentException(string.Join(" ", problems));
        foreach (int id in datasetIds.Distinct())
        {
            if (await datasets.GetAsync(id, ct) is null) throw new KeyNotFoundException($"Dataset #{id} does not exist.");
        }
        var ids = datasetIds.Distinct().ToList();
        var results = new DatasetTrend[ids.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct }, async (i, token) =>
        {
            results[i] = await AnalyzeAsync(ids[i], settings, token);
            finished?.Invoke(results[i]);
        });
        return results;
    }

    /// <summary>The newest dataset of a coin ("BTC", "btcusdt", "BTC/USDT"), or null.</summary>
    public async Task<DatasetSummary?> FindCoinAsync(string coin, CancellationToken ct = default)
    {
        string wanted = Symbol.TryParse(coin, out var s) ? s.Code : coin.Trim().ToUpperInvariant();
        var all = await datasets.ListAsync(ct);
        return all.Where(d => d.Symbol.Equals(wanted, StringComparison.OrdinalIgnoreCase) || d.Symbol.Equals(coin.Trim(), StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(d => d.CreatedAt).FirstOrDefault();
    }
}
