using Microsoft.AspNetCore.Http.HttpResults;
using Velocitas.Compiler;
using Velocitas.Data.Storage;
using Velocitas.Web.Api.Contracts;
using Velocitas.Web.Services;

namespace Velocitas.Web.Api;

/// <summary>A compiler or sandbox message, as the API returns it.</summary>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Severity">"error" or "warning".</param>
/// <param name="Code">Compiler id (CS0103) or sandbox id (VEL100).</param>
public sealed record CompileMessage(int Line, int Column, string Message, string Severity, string Code)
{
    /// <summary>From a compiler diagnostic.</summary>
    public static CompileMessage From(CompileDiagnostic d) => new(d.Line, d.Column, d.Message, d.IsError ? "error" : "warning", d.Code);
}

/// <summary>A saved version.</summary>
/// <param name="Key">The strategy's key.</param>
/// <param name="Name">Its display name.</param>
/// <param name="Version">Version number.</param>
/// <param name="VersionId">Id it runs under in backtests, optimisations and live (<c>my-sma@3</c>).</param>
/// <param name="ClassName">The class deriving from Strategy.</param>
/// <param name="CreatedAt">When the version was saved.</param>
/// <param name="Source">The C# source.</param>
/// <param name="Warnings">Compiler warnings of this version.</param>
public sealed record UserStrategyVersionInfo(string Key, string Name, int Version, string VersionId, string ClassName, DateTimeOffset CreatedAt, string Source, IReadOnlyList<CompileMessage> Warnings)
{
    /// <summary>From a stored version.</summary>
    public static UserStrategyVersionInfo From(UserStrategyVersion v, IReadOnlyList<CompileDiagnostic>? warnings = null) =>
        new(v.Key, v.Name, v.Number, v.VersionId, v.ClassName, v.CreatedAt, v.Source, (warnings ?? []).Select(CompileMessage.From).ToList());
}

/// <summary>REST endpoints of user strategies (<c>/api/user-strategies</c>).</summary>
public static class UserStrategyApi
{
    /// <summary>Maps the group.</summary>
    public static IEndpointRouteBuilder MapUserStrategyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/user-strategies").WithTags("User strategies");
        api.MapGet("/", List).WithSummary("Every user strategy with its latest version.");
        api.MapGet("/{key}", Get).WithSummary("A user strategy: its latest version with source, and the list of versions.");
        api.MapGet("/{key}/versions/{version:int}", GetVersion).WithSummary("One version with its source.");
        api.MapGet("/{key}/download", Download).WithSummary("The latest version's source as a .cs file.");
        api.MapPost("/", Create).WithSummary("Compiles and saves a new strategy (version 1). Compile errors answer 400 with [{line, column, message}].");
        api.MapPut("/{key}", Update).WithSummary("Compiles and saves a new version. Compile errors answer 400 with [{line, column, message}].");
        api.MapPatch("/{key}", Rename).WithSummary("Renames a strategy (its key and versions stay).");
        api.MapDelete("/{key}", Delete).WithSummary("Deletes a strategy and its versions (refused with 409 while a live instance runs it).");
        api.MapPost("/check", Check).WithSummary("Compiles without saving: diagnostics and detected parameters (the Lab's compile-as-you-type).");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<UserStrategySummary>>> List(UserStrategyStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListAsync(ct));

    private static async Task<IResult> Get(string key, UserStrategyStore store, CancellationToken ct)
    {
        var latest = await store.VersionAsync(key, ct: ct);
        if (latest is null) return ApiProblems.NotFound($"There is no user strategy '{key}'.");
        var versions = await store.VersionsAsync(key, ct);
        return TypedResults.Ok(new { latest = UserStrategyVersionInfo.From(latest), versions = versions.Select(v => new { version = v.Number, versionId = $"{key}@{v.Number}", createdAt = v.CreatedAt }) });
    }

    private static async Task<IResult> GetVersion(string key, int version, UserStrategyStore store, CancellationToken ct) =>
        await store.VersionAsync(key, version, ct) is { } v
            ? TypedResults.Ok(UserStrategyVersionInfo.From(v))
            : ApiProblems.NotFound($"There is no version {version} of user strategy '{key}'.");

    private static async Task<IResult> Download(string key, UserStrategyStore store, CancellationToken ct) =>
        await store.VersionAsync(key, ct: ct) is { } v
            ? Results.File(System.Text.Encoding.UTF8.GetBytes(v.Source), "text/x-csharp", $"{v.ClassName}.cs")
            : ApiProblems.NotFound($"There is no user strategy '{key}'.");

    private static async Task<IResult> Create(UserStrategyRequest request, UserStrategyService strategies, CancellationToken ct)
    {
        var outcome = await strategies.CreateAsync(request.Name ?? "", request.Source ?? "", ct);
        return Answer(outcome, created: true);
    }

    private static async Task<IResult> Update(string key, UserStrategyRequest request, UserStrategyService strategies, UserStrategyStore store, CancellationToken ct)
    {
        if (!await store.ExistsAsync(key, ct)) return ApiProblems.NotFound($"There is no user strategy '{key}'.");
        var outcome = await strategies.UpdateAsync(key, request.Source ?? "", ct);
        return Answer(outcome, created: false);
    }

    private static async Task<IResult> Rename(string key, UserStrategyRequest request, UserStrategyService strategies, UserStrategyStore store, CancellationToken ct)
    {
        if (!await store.ExistsAsync(key, ct)) return ApiProblems.NotFound($"There is no user strategy '{key}'.");
        return await strategies.RenameAsync(key, request.Name ?? "", ct) is { } problem
            ? ApiProblems.Field("name", problem)
            : TypedResults.Ok(await store.VersionAsync(key, ct: ct) is { } v ? UserStrategyVersionInfo.From(v) : null);
    }

    private static async Task<IResult> Delete(string key, UserStrategyService strategies, UserStrategyStore store, CancellationToken ct)
    {
        if (!await store.ExistsAsync(key, ct)) return ApiProblems.NotFound($"There is no user strategy '{key}'.");
        return await strategies.DeleteAsync(key, ct) is { } problem
            ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The strategy is in use.", detail: problem)
            : TypedResults.NoContent();
    }

    private static IResult Check(UserStrategyRequest request, UserStrategyService strategies)
    {
        if (string.IsNullOrWhiteSpace(request.Source)) return ApiProblems.Field("source", "source is required: a C# file with one public class deriving from Strategy.");
        var result = strategies.Check(request.Source);
        return TypedResults.Ok(new
        {
            ok = result.Succeeded,
            elapsedMs = Math.Round(result.Elapsed.TotalMilliseconds, 1),
            diagnostics = result.Diagnostics.Select(CompileMessage.From),
            parameters = result.Succeeded ? result.Strategy!.Parameters : [],
        });
    }

    private static IResult Answer(UserStrategyOutcome outcome, bool created)
    {
        if (outcome.Version is { } v)
        {
            var info = UserStrategyVersionInfo.From(v, outcome.Diagnostics);
            return created ? TypedResults.Created($"/api/user-strategies/{v.Key}", info) : TypedResults.Ok(info);
        }
        if (outcome.Problem is { } problem) return ApiProblems.Field(problem.StartsWith("name", StringComparison.Ordinal) ? "name" : "source", problem);
        return TypedResults.BadRequest(outcome.Diagnostics.Where(d => d.IsError).Select(d => new { line = d.Line, column = d.Column, message = d.Message }).ToList());
    }
}
