using Velocitas.Data.Storage;
using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Web.Services;

/// <summary>What to backtest.</summary>
public sealed record BacktestRequest(int DatasetId, string StrategyId, IReadOnlyDictionary<string, double>? Parameters, ExecutionSettings Settings, bool Save = true, string Origin = "ui");

/// <summary>A finished backtest, its dataset and (when saved) its History id.</summary>
public sealed record BacktestOutcome(BacktestResult Result, DatasetSummary Dataset, int? SavedId, IReadOnlyList<Candle> Candles);

/// <summary>Runs backtests for the pages and the API: loads the dataset, runs off the request thread, saves.</summary>
public sealed class BacktestRunner(DatasetStore datasets, BacktestStore backtests, CandleCache cache)
{
    /// <summary>
    /// Runs the request. Throws <see cref="KeyNotFoundException"/> for an unknown dataset or strategy,
    /// <see cref="StrategyParameterException"/> for bad parameters, <see cref="ArgumentException"/> for bad settings.
    /// </summary>
    public async Task<BacktestOutcome> RunAsync(BacktestRequest request, CancellationToken ct = default)
    {
        var definition = StrategyCatalog.Get(request.StrategyId);
        var strategy = definition.Create(request.Parameters);
        var settings = request.Settings.Validated();
        var dataset = await datasets.GetAsync(request.DatasetId, ct) ?? throw new KeyNotFoundException($"Dataset #{request.DatasetId} does not exist.");
        var candles = await cache.GetAsync(dataset.Id, ct);
        var timeframe = Timeframe.TryParse(dataset.Timeframe, out var tf) ? tf : (Timeframe?)null;
        var result = await Task.Run(() => Backtester.Run(candles, strategy, settings, timeframe), ct);
        int? id = request.Save ? await backtests.SaveAsync(result, dataset.Name, dataset.Id, dataset.Symbol, request.Origin, ct) : null;
        return new BacktestOutcome(result, dataset, id, candles);
    }
}
