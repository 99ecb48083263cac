using Velocitas.Data.Storage;
using Velocitas.Engine.Live;
using Velocitas.Web.Api.Contracts;
using Velocitas.Web.Services;
using Velocitas.Web.Services.Downloads;

namespace Velocitas.Web.Api;

/// <summary>Exchanges and their markets; download jobs (start, progress, cancel); dataset updates.</summary>
public static class DownloadApi
{
    /// <summary>Maps /api/exchanges, /api/downloads and /api/datasets/{id}/update.</summary>
    public static IEndpointRouteBuilder MapDownloadApi(this IEndpointRouteBuilder app)
    {
        var exchanges = app.MapGroup("/api/exchanges").WithTags("Exchanges");
        exchanges.MapGet("/", (ExchangeCatalog catalog) => catalog.All.Select(e => new ExchangeInfo(e.Name, e.DisplayName, e.Intervals.Select(i => i.Code).ToList())))
            .WithSummary("The exchanges history can be downloaded from and traded live on, with their candle intervals.");
        exchanges.MapGet("/{name}/symbols", SymbolsAsync).WithSummary("The exchange's spot markets (tick and lot sizes), optionally filtered by 'search'; at most 'limit' (default 100).");

        var downloads = app.MapGroup("/api/downloads").WithTags("Downloads");
        downloads.MapGet("/", (DownloadService service, TimeProvider clock) => service.Jobs.Select(j => j.Status(clock.GetUtcNow())))
            .WithSummary("Download and update jobs of this run, newest first, with their progress.");
        downloads.MapGet("/{id:int}", (int id, DownloadService service, TimeProvider clock) =>
            service.Get(id) is { } job ? Results.Ok(job.Status(clock.GetUtcNow())) : ApiProblems.NotFound($"Download job #{id} does not exist."))
            .WithSummary("One job: candles fetched, percent, candles/s, ETA; once done the dataset and its import report.");
        downloads.MapPost("/", StartAsync).WithSummary("Start downloading an exchange's candles into a new dataset (runs in the background).");
        downloads.MapPost("/{id:int}/cancel", (int id, DownloadService service, TimeProvider clock) =>
            service.Get(id) is not { } job ? ApiProblems.NotFound($"Download job #{id} does not exist.")
            : service.Cancel(id) ? Results.Accepted($"/api/downloads/{id}", job.Status(clock.GetUtcNow()))
            : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not running", detail: $"Download job #{id} is {job.State.ToString().ToLowerInvariant()}, not running."))
            .WithSummary("Cancel a running job; a download keeps what it fetched as a dataset marked incomplete.");

        var datasets = app.MapGroup("/api/datasets").WithTags("Datasets");
        datasets.MapPost("/{id:int}/update", UpdateAsync).WithSummary("Fetch the candles a downloaded dataset is missing up to now (one transaction, in the background).");
        datasets.MapPut("/{id:int}/auto-update", AutoUpdateAsync).WithSummary("Update a downloaded dataset automatically every 'minutes' (null turns it off; off by default).");
        return app;
    }

    /// <summary>An exchange as listed.</summary>
    public sealed record ExchangeInfo(string Name, string DisplayName, IReadOnlyList<string> Intervals);

    private static async Task<IResult> SymbolsAsync(string name, string? search, int? limit, ExchangeCatalog catalog, CancellationToken ct)
    {
        try
        {
            var exchange = catalog.Get(name);
            var symbols = await exchange.GetSymbolsAsync(ct);
            string q = (search ?? "").Trim().Replace("/", "").Replace("-", "");
            var hits = symbols.Where(s => q.Length == 0 || s.Code.Contains(q, StringComparison.OrdinalIgnoreCase) || s.NativeId.Contains(search!.Trim(), StringComparison.OrdinalIgnoreCase))
                .OrderBy(s => s.Code.StartsWith(q, StringComparison.OrdinalIgnoreCase) ? 0 : 1).ThenBy(s => s.Code, StringComparer.Ordinal)
                .Take(Math.Clamp(limit ?? 100, 1, 5000));
            return Results.Ok(hits);
        }
        catch (FeedException ex)
        {
            return ApiProblems.Field("name", ex.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or RateLimitedException)
        {
            return Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Exchange unreachable", detail: ex.Message);
        }
    }

    private static async Task<IResult> StartAsync(StartDownloadRequest body, DownloadService service, TimeProvider clock, CancellationToken ct)
    {
        try
        {
            var job = await service.StartAsync(new DownloadRequest(body.Exchange!.Trim(), body.Symbol!.Trim(), body.Interval!.Trim(), body.From!.Value, body.To, body.Name), ct);
            return Results.Accepted($"/api/downloads/{job.Id}", job.Status(clock.GetUtcNow()));
        }
        catch (FeedException ex)
        {
            return ApiProblems.Field(FieldOf(ex.Message), ex.Message);
        }
    }

    private static async Task<IResult> UpdateAsync(int id, DownloadService service, TimeProvider clock, CancellationToken ct)
    {
        try
        {
            var job = await service.StartUpdateAsync(id, ct);
            return Results.Accepted($"/api/downloads/{job.Id}", job.Status(clock.GetUtcNow()));
        }
        catch (KeyNotFoundException ex)
        {
            return ApiProblems.NotFound(ex.Message);
        }
        catch (FeedException ex)
        {
            return ApiProblems.Field("id", ex.Message);
        }
    }

    private static async Task<IResult> AutoUpdateAsync(int id, AutoUpdateRequest body, DatasetStore store, CancellationToken ct)
    {
        var dataset = await store.GetAsync(id, ct);
        if (dataset is null) return ApiProblems.NotFound($"Dataset #{id} does not exist.");
        if (!dataset.CanUpdate) return ApiProblems.Field("id", $"Dataset #{id} was not downloaded from an exchange; only downloaded datasets update automatically.");
        await store.SetAutoUpdateAsync(id, body.Minutes, ct);
        return Results.NoContent();
    }

    private static string FieldOf(string message) =>
        message.Contains("interval", StringComparison.OrdinalIgnoreCase) || message.Contains("candles; use", StringComparison.Ordinal) ? "interval"
        : message.StartsWith("Unknown exchange", StringComparison.Ordinal) || message.Contains("could not be reached", StringComparison.Ordinal) ? "exchange"
        : message.StartsWith("from ", StringComparison.Ordinal) ? "from"
        : "symbol";
}
