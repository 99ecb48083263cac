using Velocitas.Data.Storage;
using Velocitas.Engine.Trend;
using Velocitas.Web.Api.Contracts;
using Velocitas.Web.Api.Hardening;
using Velocitas.Web.Services;

namespace Velocitas.Web.Api;

/// <summary>The original service's trend-analysis routes: upload, classify coins, suggestions for a coin.</summary>
public static class TrendApi
{
    /// <summary>Maps /api/trend-analysis/*.</summary>
    public static IEndpointRouteBuilder MapTrendApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/trend-analysis").WithTags("Trend analysis");
        group.MapPost("/upload-csv", DatasetApi.UploadOriginalAsync).DisableAntiforgery()
            .WithSummary("Upload a CSV of candles (multipart 'file', optional 'name', 'symbol'); it becomes a dataset to analyse.");
        group.MapPost("/analyze", AnalyzeAsync)
            .WithSummary("Classify coins: {\"dataset_ids\": [1, 2]} or {\"coins\": [\"BTC\", \"ETH\"]} (newest dataset of each), or {} for every dataset. Optional \"settings\": {\"regression_period\": 40, ...}.");
        group.MapGet("/suggestions-for-coin", SuggestionsAsync)
            .WithSummary("Regime, evidence and suggested strategies for one coin (?coin=BTC, or ?dataset_id=1).");
        return app;
    }

    private static async Task<IResult> AnalyzeAsync(TrendAnalyzeRequest? body, TrendService trends, DatasetStore datasets, CancellationToken ct)
    {
        var ids = new List<int>(body?.DatasetIds ?? []);
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            if (id <= 0) return ApiProblems.Field($"dataset_ids[{i}]", $"dataset_ids[{i}] must be a dataset id above 0, got {id}.");
        if (body?.DatasetId is { } one) ids.Add(one);
        foreach (string coin in body?.Coins ?? [])
        {
            var found = coin.Length <= 32 ? await trends.FindCoinAsync(coin, ct) : null;
            if (found is null)
            {
                var known = (await datasets.ListAsync(ct)).Select(d => d.Symbol).Distinct().Order();
                return ApiProblems.Field("coins", $"No dataset for '{(coin.Length > 32 ? coin[..32] + "…" : coin)}'. Datasets cover {string.Join(", ", known)}; upload candles with POST /api/trend-analysis/upload-csv.");
            }
            ids.Add(found.Id);
        }
        if (ids.Count == 0) ids.AddRange((await datasets.ListAsync(ct)).Select(d => d.Id));
        if (ids.Count == 0) return ApiProblems.Field("dataset_ids", "There are no datasets yet: upload candles with POST /api/trend-analysis/upload-csv.");

        var settings = body?.Settings?.ToSettings();
        if (settings?.Problems() is { Count: > 0 } problems) return ApiProblems.Field("settings", string.Join(" ", problems));
        try
        {
            var results = await trends.AnalyzeManyAsync(ids, settings, ct: ct);
            return OriginalJson.Ok(new
            {
                results = results.Select(r => TrendReport.From(r.Analysis, r.Dataset)),
                overview = results.Select(r => new
                {
                    dataset_id = r.Dataset.Id,
                    coin = r.Analysis.Symbol,
                    regime = r.Analysis.Current.Regime,
                    confidence = r.Analysis.Current.Confidence,
                    rsi = Finite(r.Analysis.Current.Evidence.Rsi),
                    volatility_pct = Finite(r.Analysis.Current.Evidence.VolatilityPct),
                    suggested_strategy = r.Analysis.Suggestions.FirstOrDefault()?.StrategyId ?? r.Analysis.Suggestions.FirstOrDefault()?.Name,
                }),
            });
        }
        catch (KeyNotFoundException ex)
        {
            return ApiProblems.Field("dataset_ids", ex.Message);
        }
        catch (ArgumentException ex)
        {
            return ApiProblems.Field("settings", ex.Message);
        }
    }

    private static async Task<IResult> SuggestionsAsync(string? coin, int? datasetId, HttpRequest request, TrendService trends, DatasetStore datasets, CancellationToken ct)
    {
        datasetId ??= new QueryReader(request.Query).Int("dataset_id");
        DatasetSummary? dataset;
        if (datasetId is { } d)
        {
            dataset = await datasets.GetAsync(d, ct);
            if (dataset is null) return ApiProblems.NotFound($"Dataset #{d} does not exist.");
        }
        else
        {
            if (string.IsNullOrWhiteSpace(coin)) return ApiProblems.Field("coin", "coin is required, e.g. ?coin=BTC (or give dataset_id).");
            if (coin.Length > 32) return ApiProblems.Field("coin", "coin is at most 32 characters long.");
            dataset = await trends.FindCoinAsync(coin, ct);
            if (dataset is null)
            {
                var known = (await datasets.ListAsync(ct)).Select(x => x.Symbol).Distinct().Order();
                return ApiProblems.Field("coin", $"No dataset for '{coin}'. Datasets cover {string.Join(", ", known)}; upload candles with POST /api/trend-analysis/upload-csv.");
            }
        }
        var result = await trends.AnalyzeAsync(dataset.Id, ct: ct);
        var report = TrendReport.From(result.Analysis, dataset, maxSegments: 0);
        return OriginalJson.Ok(new
        {
            coin = report.Symbol,
            dataset_id = dataset.Id,
            regime = report.Regime,
            confidence = report.Confidence,
            since = report.Since,
            rule = report.Rule,
            evidence = report.EvidenceItems,
            suggestions = report.Suggestions,
        });
    }

    private static double? Finite(double v) => double.IsFinite(v) ? Math.Round(v, 4) : null;
}
