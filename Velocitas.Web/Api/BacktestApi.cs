using Velocitas.Data.Storage;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Strategies;
using Velocitas.Web.Api.Contracts;
using Velocitas.Web.Services;

namespace Velocitas.Web.Api;

/// <summary>Run, list, open and delete saved backtests.</summary>
public static class BacktestApi
{
    /// <summary>Maps /api/backtests.</summary>
    public static IEndpointRouteBuilder MapBacktestApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/backtests").WithTags("Backtests");
        api.MapGet("/", (string? strategy, string? symbol, string? sortBy, bool? descending, BacktestStore store, CancellationToken ct) =>
            store.ListAsync(new BacktestQuery { Strategy = strategy, Symbol = symbol, SortBy = sortBy ?? "created", Descending = descending ?? true }, ct))
            .WithSummary("Saved backtests, filterable by strategy and symbol, sortable by created, return, drawdown, sharpe, trades, winrate, profitfactor.");
        api.MapGet("/{id:int}", async (int id, BacktestStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } run ? Results.Ok(run) : ApiProblems.NotFound($"Backtest #{id} does not exist."))
            .WithSummary("A saved backtest with metrics, trades and equity curve.");
        api.MapDelete("/{id:int}", async (int id, BacktestStore store, CancellationToken ct) =>
            await store.DeleteAsync(id, ct) ? Results.NoContent() : ApiProblems.NotFound($"Backtest #{id} does not exist."))
            .WithSummary("Delete a saved backtest.");
        api.MapPost("/", RunAsync).WithSummary("Run a backtest on a dataset and save it.");
        return app;
    }

    private static async Task<IResult> RunAsync(RunBacktestRequest body, BacktestRunner runner, CancellationToken ct)
    {
        if (!StrategyCatalog.TryGet(body.Strategy, out var definition))
            return ApiProblems.Field("strategy", $"Unknown strategy '{body.Strategy}'. Available: {string.Join(", ", StrategyCatalog.All.Select(s => s.Id))}.");
        var settings = body.Settings ?? TradingDefaults.Execution;
        if (settings.Problems() is { Count: > 0 } problems)
            return Results.ValidationProblem(problems.ToDictionary(p => $"settings.{char.ToLowerInvariant(p.Field[0])}{p.Field[1..]}", p => new[] { p.Message }));
        try
        {
            var outcome = await runner.RunAsync(new BacktestRequest(body.DatasetId!.Value, definition.Id, body.Parameters, settings, body.Save ?? true, "api", body.From, body.To), ct);
            return Results.Ok(new { id = outcome.SavedId, dataset = outcome.Dataset, candles = outcome.Result.Candles, first = outcome.Result.First, last = outcome.Result.Last, strategy = definition.Id, parameters = outcome.Result.Parameters, metrics = outcome.Result.Metrics, trades = outcome.Result.Trades });
        }
        catch (StrategyParameterException ex)
        {
            return ApiProblems.Parameters(ex);
        }
        catch (KeyNotFoundException ex)
        {
            return ApiProblems.Field("datasetId", ex.Message);
        }
        catch (DateRangeException ex)
        {
            return ApiProblems.Field("from", ex.Message);
        }
        catch (Exception ex) when (StrategyFaults.Find(ex) is { } fault)
        {
            return ApiProblems.Field("strategy", StrategyFaults.Describe(fault));
        }
    }
}
