using System.Globalization;
using Velocitas.Data.Import;
using Velocitas.Data.Storage;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Optimization;
using Velocitas.Engine.Strategies;
using Velocitas.Web.Api.Contracts;
using Velocitas.Web.Api.Hardening;
using Velocitas.Web.Extensions;
using Velocitas.Web.Services;

namespace Velocitas.Web.Api;

/// <summary>Optimisation and portfolio routes: the original service's /api/optimization/* plus saved runs.</summary>
public static class OptimizationApi
{
    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapOptimizationApi(this IEndpointRouteBuilder app)
    {
        var original = app.MapGroup("/api/optimization").WithTags("Optimization");
        original.MapPost("/upload-csv", DatasetApi.UploadOriginalAsync).DisableAntiforgery()
            .WithSummary("Upload a CSV of candles (multipart 'file', optional 'name', 'symbol'); it becomes a dataset to optimise on.");
        original.MapPost("/backtest", BacktestAsync)
            .WithSummary("Backtest or optimise: {\"dataset_id\": 1 (or dataset_ids, or csv_path inside the data folder), \"strategy_configs\": [{\"strategy_name\": \"RSI\", \"params\": {\"period\": \"7:21:7\", \"oversold\": [25, 30]}}], \"objective\": \"sharpe\", \"oos\": 0.3, \"walk_forward\": 0, \"min_trades\": 5}. Fixed values run one backtest per strategy; ranges and lists are searched.");
        original.MapGet("/best-combos", async (HttpRequest request, OptimizationStore store, CancellationToken ct) =>
        {
            var (run, problem) = await ResolveAsync(request, store, ct);
            return run is null ? problem!
                : OriginalJson.Ok(new { run_id = run.Summary.Id, best = run.Ranked.Take(10).Select(Combo), best_per_coin = run.BestPerCoin.Select(Combo), best_per_strategy = run.BestPerStrategy.Select(Combo) });
        })
            .WithSummary("Best strategy/coin combinations of the latest optimisation (or run_id).");
        original.MapGet("/strategies-for-coin", async (string? coin, HttpRequest request, OptimizationStore store, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(coin)) return ApiProblems.Field("coin", "coin is required, e.g. ?coin=BTC.");
            var (run, problem) = await ResolveAsync(request, store, ct);
            if (run is null) return problem!;
            var symbols = run.Combinations.Select(c => c.Symbol).Distinct().ToList();
            string? symbol = symbols.FirstOrDefault(s => s.Equals(coin, StringComparison.OrdinalIgnoreCase))
                ?? symbols.FirstOrDefault(s => Engine.Market.Symbol.TryParse(coin, out var c) && s.Equals(c.Code, StringComparison.OrdinalIgnoreCase));
            if (symbol is null) return ApiProblems.Field("coin", $"Optimisation #{run.Summary.Id} has no results for {coin}; it covers {string.Join(", ", symbols)}.");
            var ranking = run.Ranked.Where(c => c.Symbol == symbol).GroupBy(c => c.StrategyId).Select(g => g.First()).ToList();
            return OriginalJson.Ok(new { run_id = run.Summary.Id, coin = symbol, strategies = ranking.Select(Combo) });
        }).WithSummary("Strategies ranked for one coin (best parameter set of each), from the latest optimisation (or run_id).");
        original.MapGet("/recommendations", async (HttpRequest request, OptimizationStore store, CancellationToken ct) =>
        {
            var (run, problem) = await ResolveAsync(request, store, ct);
            return run is null ? problem! : OriginalJson.Ok(new { run_id = run.Summary.Id, recommendations = run.Recommendations });
        })
            .WithSummary("Recommendations in plain language of the latest optimisation (or run_id).");

        var runs = app.MapGroup("/api/optimizations").WithTags("Optimization");
        runs.MapGet("/", (OptimizationStore store, CancellationToken ct) => store.ListAsync(ct)).WithSummary("Saved optimisations, newest first.");
        runs.MapGet("/{id:int}", async (int id, OptimizationStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } run ? Results.Ok(run) : ApiProblems.NotFound($"Optimization #{id} does not exist."))
            .WithSummary("A saved optimisation: settings, every combination, walk-forward, recommendations.");
        runs.MapDelete("/{id:int}", async (int id, OptimizationStore store, CancellationToken ct) =>
            await store.DeleteAsync(id, ct) ? Results.NoContent() : ApiProblems.NotFound($"Optimization #{id} does not exist."))
            .WithSummary("Delete a saved optimisation.");

        app.MapPost("/api/portfolio", PortfolioAsync).WithTags("Optimization")
            .WithSummary("Portfolio backtest: {\"legs\": [{\"datasetId\": 1, \"strategy\": \"rsi\", \"parameters\": {}, \"weight\": 1}], \"settings\": {\"initialCash\": 30000}}; saved to History.");
        return app;
    }

    /// <summary>The run named by <c>run_id</c> (or <c>runId</c>) in the query, else the latest; or the problem to answer with.</summary>
    private static async Task<(OptimizationRunDetails? Run, IResult? Problem)> ResolveAsync(HttpRequest request, OptimizationStore store, CancellationToken ct)
    {
        string? text = request.Query["run_id"].FirstOrDefault() ?? request.Query["runId"].FirstOrDefault();
        if (text is null)
        {
            return await store.LatestAsync(ct) is { } latest
                ? (latest, null)
                : (null, ApiProblems.NotFound("No optimisation has been run yet: POST /api/optimization/backtest with ranges first."));
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int id)) return (null, ApiProblems.Field("run_id", $"run_id must be a whole number, got '{text}'."));
        return await store.GetAsync(id, ct) is { } run ? (run, null) : (null, ApiProblems.NotFound($"Optimization #{id} does not exist."));
    }

    private static object Combo(CombinationRecord c) => new
    {
        rank = c.Rank,
        coin = c.Symbol,
        dataset = c.Dataset,
        strategy = c.StrategyId,
        @params = c.Parameters,
        objective = c.Objective,
        out_of_sample_objective = c.OutOfSampleObjective,
        total_return_pct = c.InSample.TotalReturnPct,
        cagr_pct = c.InSample.CagrPct,
        max_drawdown_pct = c.InSample.MaxDrawdownPct,
        sharpe = c.InSample.Sharpe,
        sortino = c.InSample.Sortino,
        profit_factor = c.InSample.ProfitFactor,
        win_rate = c.InSample.WinRatePct,
        trades = c.InSample.Trades,
        exposure_pct = c.InSample.ExposurePct,
        oos_return_pct = c.OutOfSample?.TotalReturnPct,
        oos_sharpe = c.OutOfSample?.Sharpe,
    };

    private static async Task<IResult> BacktestAsync(OptimizationRequestBody body, OptimizationService optimizer, DataImportService importer, VelocitasOptions options, CancellationToken ct)
    {
        var (ids, datasetProblem) = await DatasetIdsAsync(body, importer, options, ct);
        if (datasetProblem is not null) return datasetProblem;
        var (strategies, strategyProblem) = Strategies(body);
        if (strategyProblem is not null) return strategyProblem;
        string objectiveText = body.Objective ?? OptimizationDefaults.Objective.ToString().ToLowerInvariant();
        if (!Objectives.TryParse(objectiveText, out var objective)) return ApiProblems.Field("objective", $"'{objectiveText}' is not an objective; use sharpe, sortino, return, cagr, calmar, profit_factor, sqn or expectancy.");
        try
        {
            var run = await optimizer.RunAsync(Setup(body, ids, strategies!, objective), ct);
            return OriginalJson.Ok(new
            {
                run_id = run.Summary.Id,
                status = run.Summary.Status,
                combinations = run.Summary.Combinations,
                results = run.Combinations.OrderBy(x => x.Rank ?? int.MaxValue).Select(Combo),
                best = run.Ranked.FirstOrDefault() is { } b ? Combo(b) : null,
                recommendations = run.Recommendations,
            });
        }
        catch (OptimizationSetupException ex)
        {
            return ApiProblems.Field(ex.Part switch { SetupPart.Datasets => "dataset_ids", SetupPart.Strategies => "strategy_configs", _ => "settings" }, ex.Message);
        }
        catch (ArgumentException ex)
        {
            return ApiProblems.Field("strategy_configs", ex.Message); // a strategy that refused its parameters while running
        }
        catch (Exception ex) when (StrategyFaults.Find(ex) is { } fault)
        {
            return ApiProblems.Field("strategy_configs", StrategyFaults.Describe(fault));
        }
    }

    /// <summary>The request's datasets: dataset_id, dataset_ids and a CSV inside the data folder (imported first).</summary>
    private static async Task<(List<int> Ids, IResult? Problem)> DatasetIdsAsync(OptimizationRequestBody body, DataImportService importer, VelocitasOptions options, CancellationToken ct)
    {
        var ids = new List<int>();
        if (body.DatasetId is { } one) ids.Add(one);
        ids.AddRange(body.DatasetIds ?? []);
        if (body.CsvPath is not { Length: > 0 } path) return (ids, null);
        if (DataFolderPath.Resolve(options.DataFolder, path) is not { } full)
            return (ids, ApiProblems.Field("csv_path", "csv_path must point inside the data folder (links are followed first); upload files with POST /api/optimization/upload-csv and use the dataset_id it returns."));
        if (!File.Exists(full)) return (ids, ApiProblems.Field("csv_path", $"{path}: file not found in the data folder."));
        try
        {
            await using var stream = File.OpenRead(full);
            var imported = await importer.ImportAsync(stream, Path.GetFileName(full), null, null, "api", ct);
            ids.Add(imported.Dataset.Id);
            return (ids, null);
        }
        catch (CsvImportException ex)
        {
            return (ids, ApiProblems.Field("csv_path", ex.Message));
        }
    }

    /// <summary>Strategy id → parameter → range text, with the original service's names and aliases resolved.</summary>
    private static (Dictionary<string, Dictionary<string, string>>? Strategies, IResult? Problem) Strategies(OptimizationRequestBody body)
    {
        var strategies = new Dictionary<string, Dictionary<string, string>>();
        foreach (var (config, index) in body.StrategyConfigs!.Select((c, i) => (c, i)))
        {
            string? name = config.StrategyName;
            if (!StrategyCatalog.TryGet(name, out var definition))
                return (null, ApiProblems.Field($"strategy_configs[{index}].strategy_name", $"Unknown strategy '{name}'. Available: {string.Join(", ", StrategyCatalog.All.Select(s => s.Id))}."));
            strategies[definition.Id] = (config.Params ?? []).ToDictionary(p => ParameterAliases.Normalize(definition, p.Key), p => p.Value.Text);
        }
        return (strategies, null);
    }

    /// <summary>The setup the service runs: what the body gives, the named defaults for the rest.</summary>
    private static OptimizationSetup Setup(OptimizationRequestBody body, List<int> ids, Dictionary<string, Dictionary<string, string>> strategies, Objective objective) => new()
    {
        Name = body.Name ?? "",
        DatasetIds = ids,
        Strategies = strategies,
        Settings = body.Over(TradingDefaults.Execution),
        Objective = objective,
        MinTrades = body.MinTrades ?? OptimizationDefaults.MinTrades,
        OutOfSampleFraction = body.Oos ?? 0,
        WalkForwardWindows = body.WalkForward ?? 0,
        RandomBudget = body.RandomBudget ?? 0,
        Seed = body.Seed ?? OptimizationDefaults.Seed,
    };

    private static async Task<IResult> PortfolioAsync(PortfolioRequest body, PortfolioService portfolios, CancellationToken ct)
    {
        var settings = body.Settings ?? TradingDefaults.Execution;
        if (settings.Problems() is { Count: > 0 } problems) return Results.ValidationProblem(problems.ToDictionary(p => $"settings.{p.Field}", p => new[] { p.Message }));
        try
        {
            var outcome = await portfolios.RunAsync(body.Legs!, settings, ct);
            var r = outcome.Result;
            return Results.Ok(new
            {
                id = outcome.SavedId,
                metrics = r.Combined.Metrics,
                legs = r.Legs.Select((l, i) => new { label = outcome.LegLabels[i], allocation = l.Allocation, contributionPct = l.ContributionPct, metrics = l.Result.Metrics }),
                correlation = Enumerable.Range(0, r.Legs.Count).Select(i => Enumerable.Range(0, r.Legs.Count).Select(j => double.IsFinite(r.Correlation[i, j]) ? r.Correlation[i, j] : (double?)null)),
            });
        }
        catch (Exception ex) when (ex is ArgumentException or KeyNotFoundException)
        {
            return ex is StrategyParameterException sp ? ApiProblems.Parameters(sp) : ApiProblems.Field("legs", ex.Message);
        }
        catch (Exception ex) when (StrategyFaults.Find(ex) is { } fault)
        {
            return ApiProblems.Field("legs", StrategyFaults.Describe(fault));
        }
    }
}
