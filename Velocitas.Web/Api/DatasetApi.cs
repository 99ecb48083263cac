using Velocitas.Data.Import;
using Velocitas.Data.Storage;
using Velocitas.Web.Api.Contracts;
using Velocitas.Web.Services;

namespace Velocitas.Web.Api;

/// <summary>Datasets: list, upload (import), rename, delete, candles.</summary>
public static class DatasetApi
{
    /// <summary>Maps /api/datasets.</summary>
    public static IEndpointRouteBuilder MapDatasetApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/datasets").WithTags("Datasets");
        api.MapGet("/", (DatasetStore store, CancellationToken ct) => store.ListAsync(ct)).WithSummary("All datasets, newest first.");
        api.MapGet("/{id:int}", async (int id, DatasetStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } d
                ? Results.Ok(new { dataset = d, report = await store.GetReportAsync(id, ct) })
                : ApiProblems.NotFound($"Dataset #{id} does not exist."))
            .WithSummary("One dataset and its import report.");
        api.MapGet("/{id:int}/candles", async (int id, DateTimeOffset? from, DateTimeOffset? to, DatasetStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is null
                ? ApiProblems.NotFound($"Dataset #{id} does not exist.")
                : Results.Ok(await store.LoadCandlesAsync(id, from, to, ct)))
            .WithSummary("Candles of a dataset, optionally between two times.");
        api.MapPost("/", UploadAsync).DisableAntiforgery()
            .WithSummary("Upload a CSV of candles (multipart field 'file'; optional 'name' and 'symbol') and import it in one transaction.");
        api.MapPatch("/{id:int}", async (int id, RenameDatasetRequest body, DatasetStore store, CancellationToken ct) =>
            string.IsNullOrWhiteSpace(body.Name) ? ApiProblems.Field("name", "A dataset name cannot be empty.")
            : await store.RenameAsync(id, body.Name!.Trim(), ct) ? Results.NoContent()
            : ApiProblems.NotFound($"Dataset #{id} does not exist."))
            .WithSummary("Rename a dataset.");
        api.MapDelete("/{id:int}", async (int id, DatasetStore store, CandleCache cache, CancellationToken ct) =>
        {
            cache.Evict(id);
            return await store.DeleteAsync(id, ct) ? Results.NoContent() : ApiProblems.NotFound($"Dataset #{id} does not exist.");
        }).WithSummary("Delete a dataset and its candles (saved backtests keep their results).");
        return app;
    }

    internal static async Task<IResult> UploadAsync(HttpRequest request, DataImportService importer, CancellationToken ct)
    {
        MultipartUpload upload;
        try
        {
            upload = await MultipartUpload.ReadAsync(request, importer, ct);
        }
        catch (UploadTooLargeException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large", detail: ex.Message);
        }
        catch (UploadFormException ex)
        {
            return ApiProblems.Field(ex.Field, ex.Message);
        }
        catch (CsvImportException ex)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [ex.Message] }, title: "The file could not be imported.", detail: ex.Message);
        }
        try
        {
            var imported = await importer.CommitAsync(upload.Staged, upload.Name, upload.Symbol, "upload", ct: ct);
            return Results.Created($"/api/datasets/{imported.Dataset.Id}", imported);
        }
        catch
        {
            importer.Discard(upload.Staged);
            throw;
        }
    }

    /// <summary>The original service's upload routes (optimisation and trend analysis): the same import, answered in snake_case.</summary>
    public static async Task<IResult> UploadOriginalAsync(HttpRequest request, DataImportService importer, CancellationToken ct)
    {
        var created = await UploadAsync(request, importer, ct);
        if (created is not Microsoft.AspNetCore.Http.HttpResults.Created<DatasetImport> ok || ok.Value is null) return created;
        var d = ok.Value;
        return Results.Json(new { dataset_id = d.Dataset.Id, name = d.Dataset.Name, symbol = d.Dataset.Symbol, timeframe = d.Dataset.Timeframe, rows = d.Report.RowsImported, report = d.Report },
            OriginalJson.Options, statusCode: StatusCodes.Status201Created);
    }
}
