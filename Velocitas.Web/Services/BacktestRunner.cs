using Velocitas.Data.Storage;
using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Web.Services;

/// <summary>Runs backtests for the pages and the API: loads the dataset, runs off the request thread, saves.</summary>
public sealed class BacktestRunner(DatasetStore datasets, BacktestStore backtests, CandleCache cache)
{
    /// <summary>
    /// Runs the request. Throws <see cref="KeyNotFoundException"/> for an unknown dataset or strategy,
    /// <see cref="StrategyParameterException"/> for bad parameters, <see cref="ArgumentException"/> for bad settings.
    /// </summary>
    public Task<BacktestOutcome> RunAsync(BacktestRequest request, CancellationToken ct = default) =>
        RunAsync(request, StrategyCatalog.Get(request.StrategyId), ct);

    /// <summary>Runs <paramref name="definition"/> (e.g. the Lab's unsaved code, which is not in the catalogue) as <paramref name="request"/> says.</summary>
    public async Task<BacktestOutcome> RunAsync(BacktestRequest request, StrategyDefinition definition, CancellationToken ct = default)
    {
        var strategy = definition.Create(request.Parameters);
        var settings = request.Settings.Validated();
        var dataset = await datasets.GetAsync(request.DatasetId, ct) ?? throw new KeyNotFoundException($"Dataset #{request.DatasetId} does not exist.");
        var all = await cache.GetSeriesAsync(dataset.Id, ct);
        var candles = Slice(all, request.From, request.To);
        var timeframe = Timeframe.TryParse(dataset.Timeframe, out var tf) ? tf : (Timeframe?)null;
        // the pages, History and the API show a sampled curve: a long run does not hold one point per candle
        var result = await Task.Run(() => Backtester.RunSampled(candles, strategy, settings, timeframe), ct);
        int? id = request.Save ? await backtests.SaveAsync(result, dataset.Name, dataset.Id, dataset.Symbol, request.Origin, ct) : null;
        return new BacktestOutcome(result, dataset, id, candles);
    }

    /// <summary>The candles from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive) of a series in time order (see <see cref="CandleSeries.Slice"/>); the whole series without a range.</summary>
    public static CandleSeries Slice(CandleSeries candles, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is null && to is null) return candles;
        if (from is { } f && to is { } t && f >= t) throw new DateRangeException($"The start ({f:yyyy-MM-dd HH:mm}) must be before the end ({t:yyyy-MM-dd HH:mm}).");
        int start = from is { } a ? candles.IndexAtOrAfter(a) : 0;
        int end = to is { } b ? candles.IndexAtOrAfter(b) : candles.Count;
        int count = Math.Max(0, end - start);
        if (count < 2)
        {
            string range = candles.Count == 0 ? "it is empty" : $"it runs from {candles[0].Time:yyyy-MM-dd HH:mm} to {candles[candles.Count - 1].Time:yyyy-MM-dd HH:mm} UTC";
            throw new DateRangeException($"The chosen dates hold {count} candle(s); a backtest needs at least 2 ({range}).");
        }
        return candles.Slice(start, count);
    }
}
