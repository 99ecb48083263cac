using System.Text.Json;
using Velocitas.Data.Storage;
using Velocitas.Engine.Trend;
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

    private static async Task<IResult> AnalyzeAsync(HttpRequest request, TrendService trends, DatasetStore datasets, CancellationToken ct)
    {
        JsonElement body = default;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: ct);
            }
            catch (JsonException ex)
            {
                return ApiProblems.Field("body", $"The body is not valid JSON: {ex.Message}");
            }
        }
        var ids = new List<int>();
        if (OriginalJson.Get(body, "dataset_ids") is { ValueKind: JsonValueKind.Array } many)
        {
            foreach (var e in many.EnumerateArray())
            {
                if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out int id)) return ApiProblems.Field("dataset_ids", $"dataset_ids must be whole numbers, got {e.GetRawText()}.");
                ids.Add(id);
            }
        }
        if (OriginalJson.Get(body, "dataset_id") is { ValueKind: JsonValueKind.Number } one) ids.Add(one.GetInt32());
        if (OriginalJson.Get(body, "coins", "symbols") is { ValueKind: JsonValueKind.Array } coins)
        {
            foreach (var c in coins.EnumerateArray())
            {
                string coin = c.ValueKind == JsonValueKind.String ? c.GetString()! : c.GetRawText();
                var found = await trends.FindCoinAsync(coin, ct);
                if (found is null)
                {
                    var known = (await datasets.ListAsync(ct)).Select(d => d.Symbol).Distinct().Order();
                    return ApiProblems.Field("coins", $"No dataset for '{coin}'. Datasets cover {string.Join(", ", known)}; upload candles with POST /api/trend-analysis/upload-csv.");
                }
                ids.Add(found.Id);
            }
        }
        if (ids.Count == 0) ids.AddRange((await datasets.ListAsync(ct)).Select(d => d.Id));
        if (ids.Count == 0) return ApiProblems.Field("dataset_ids", "There are no datasets yet: upload candles with POST /api/trend-analysis/upload-csv.");

        var (settings, problem) = Settings(body);
        if (problem is not null) return problem;
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
        datasetId ??= int.TryParse(request.Query["dataset_id"].FirstOrDefault(), out int id) ? id : null;
        DatasetSummary? dataset;
        if (datasetId is { } d)
        {
            dataset = await datasets.GetAsync(d, ct);
            if (dataset is null) return ApiProblems.NotFound($"Dataset #{d} does not exist.");
        }
        else
        {
            if (string.IsNullOrWhiteSpace(coin)) return ApiProblems.Field("coin", "coin is required, e.g. ?coin=BTC (or give dataset_id).");
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

    private static (TrendSettings? Settings, IResult? Problem) Settings(JsonElement body)
    {
        if (OriginalJson.Get(body, "settings") is not { ValueKind: JsonValueKind.Object } s) return (null, null);
        var settings = TrendSettings.Default;
        foreach (var p in s.EnumerateObject())
        {
            string key = p.Name.Replace("_", "").ToLowerInvariant();
            if (p.Value.ValueKind != JsonValueKind.Number) return (null, ApiProblems.Field($"settings.{p.Name}", $"{p.Name} must be a number."));
            double v = p.Value.GetDouble();
            int i = (int)Math.Round(v);
            settings = key switch
            {
                "adxperiod" => settings with { AdxPeriod = i },
                "regressionperiod" => settings with { RegressionPeriod = i },
                "fastma" => settings with { FastMa = i },
                "slowma" => settings with { SlowMa = i },
                "atrperiod" => settings with { AtrPeriod = i },
                "volatilityperiod" => settings with { VolatilityPeriod = i },
                "volatilityhistory" => settings with { VolatilityHistory = i },
                "rsiperiod" => settings with { RsiPeriod = i },
                "rocperiod" => settings with { RocPeriod = i },
                "trendadx" => settings with { TrendAdx = v },
                "trenddirection" => settings with { TrendDirection = v },
                "volatileratio" => settings with { VolatileRatio = v },
                "volatilepercentile" => settings with { VolatilePercentile = v },
                "confirmation" => settings with { Confirmation = i },
                _ => null!,
            };
            if (settings is null) return (null, ApiProblems.Field($"settings.{p.Name}", $"Unknown setting '{p.Name}'. Known: adx_period, regression_period, fast_ma, slow_ma, atr_period, volatility_period, volatility_history, rsi_period, roc_period, trend_adx, trend_direction, volatile_ratio, volatile_percentile, confirmation."));
        }
        var problems = settings.Problems();
        return problems.Count > 0 ? (null, ApiProblems.Field("settings", string.Join(" ", problems))) : (settings, null);
    }

    private static double? Finite(double v) => double.IsFinite(v) ? Math.Round(v, 4) : null;
}
