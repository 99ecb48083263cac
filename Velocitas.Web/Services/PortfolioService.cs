using System.Text.Json;
using System.Text.Json.Serialization;
using Velocitas.Data;
using Velocitas.Data.Storage;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Optimization;
using Velocitas.Engine.Strategies;

namespace Velocitas.Web.Services;

/// <summary>One leg of a portfolio request.</summary>
public sealed record PortfolioLegSetup(int DatasetId, [property: JsonPropertyName("strategy")] string StrategyId, Dictionary<string, double>? Parameters, double Weight = 1);

/// <summary>A portfolio run: the engine's result and the id it was saved under in History.</summary>
public sealed record PortfolioOutcome(PortfolioResult Result, int SavedId, IReadOnlyList<string> LegLabels);

/// <summary>Runs portfolio backtests on stored datasets and saves them like any backtest.</summary>
public sealed class PortfolioService(DatasetStore datasets, CandleCache cache, BacktestStore backtests)
{
    /// <summary>Runs and saves. Throws <see cref="ArgumentException"/>, <see cref="KeyNotFoundException"/> or <see cref="StrategyParameterException"/>.</summary>
    public async Task<PortfolioOutcome> RunAsync(IReadOnlyList<PortfolioLegSetup> legs, ExecutionSettings settings, CancellationToken ct = default)
    {
        if (legs.Count == 0) throw new ArgumentException("Add at least one (strategy, coin) pair.");
        var engineLegs = new List<PortfolioLeg>();
        var labels = new List<string>();
        foreach (var leg in legs)
        {
            var d = await datasets.GetAsync(leg.DatasetId, ct) ?? throw new KeyNotFoundException($"Dataset #{leg.DatasetId} does not exist.");
            var strategy = StrategyCatalog.Get(leg.StrategyId);
            var parameters = strategy.Bind(leg.Parameters);
            engineLegs.Add(new PortfolioLeg(d.Symbol, await cache.GetAsync(d.Id, ct), Timeframe.TryParse(d.Timeframe, out var tf) ? tf : Timeframe.OneHour, strategy,
                parameters.ToDictionary(p => p.Key, p => p.Value), leg.Weight));
            labels.Add($"{strategy.Id}({parameters}) on {d.Symbol}");
        }
        var result = await Task.Run(() => PortfolioBacktester.Run(engineLegs, settings), ct);
        var notes = JsonSerializer.Serialize(new
        {
            legs = result.Legs.Select((l, i) => new { label = labels[i], weight = l.Leg.Weight, allocation = l.Allocation, contributionPct = l.ContributionPct, returnPct = l.Result.Metrics.TotalReturnPct, maxDrawdownPct = l.Result.Metrics.MaxDrawdownPct, trades = l.Result.Metrics.Trades }),
            correlation = Enumerable.Range(0, result.Legs.Count).Select(i => Enumerable.Range(0, result.Legs.Count).Select(j => double.IsFinite(result.Correlation[i, j]) ? Math.Round(result.Correlation[i, j], 4) : (double?)null).ToArray()).ToArray(),
        }, VelocitasJson.Options);
        int id = await backtests.SaveAsync(result.Combined, string.Join(" + ", labels), null, "PORTFOLIO", "portfolio", result.TradeSymbols, notes, ct);
        return new PortfolioOutcome(result, id, labels);
    }
}
