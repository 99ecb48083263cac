using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace Velocitas.Web.Api.Hardening;

/// <summary>
/// The one error path of <c>/api</c> and <c>/ws</c>: anything thrown becomes a problem detail
/// (<c>application/problem+json</c>, a trace id, never a stack trace), and an empty error answer
/// (404 unknown route, 405, 415, 413 …) gets a problem detail saying what was wrong.
/// </summary>
public sealed partial class ApiErrors(RequestDelegate next, IProblemDetailsService problems, ILogger<ApiErrors> logger)
{
    /// <summary>Longest path and query accepted, in characters.</summary>
    public const int MaxUrlLength = 8192;

    /// <summary>Whether a path belongs to the API (REST or WebSocket).</summary>
    public static bool IsApi(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/ws");

    /// <summary>Runs the request, answering failures as problem details.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsApi(context.Request.Path))
        {
            await next(context);
            return;
        }
        int urlLength = context.Request.Path.Value!.Length + context.Request.QueryString.Value!.Length;
        if (urlLength > MaxUrlLength)
        {
            await WriteAsync(context, StatusCodes.Status414UriTooLong, "URL too long", $"The URL is {urlLength:N0} characters long; at most {MaxUrlLength:N0} are accepted. Send large inputs in a JSON body.");
            return;
        }
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            if (ex is OperationCanceledException && context.RequestAborted.IsCancellationRequested) return;
            await AnswerAsync(context, ex);
            return;
        }
        var response = context.Response;
        if (response.StatusCode >= 400 && !response.HasStarted && response.ContentType is null && response.ContentLength is null or 0)
            await WriteAsync(context, response.StatusCode, Title(response.StatusCode), EmptyAnswerDetail(context));
    }

    private async Task AnswerAsync(HttpContext context, Exception ex)
    {
        switch (ex)
        {
            case BadHttpRequestException { InnerException: JsonException json }:
                await JsonProblemAsync(context, json);
                return;
            case JsonException json:
                await JsonProblemAsync(context, json);
                return;
            case BadHttpRequestException bad:
                await BadRequestAsync(context, bad);
                return;
            case ApiFieldException field:
                await FieldsAsync(context, new() { [field.Field] = [field.Message] });
                return;
        }
        if (DatabaseFault.Describe(ex) is { } fault)
        {
            logger.LogWarning("{Method} {Path}: the database cannot be written ({Fault}); answered 503.", context.Request.Method, context.Request.Path, fault);
            context.Response.Headers.RetryAfter = "5";
            await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "The database cannot be written right now",
                $"Nothing was changed: the database refused the write ({fault}). Everything saved before is intact; try again once it accepts writes (free disk space, check permissions).");
            return;
        }
        logger.LogError(ex, "{Method} {Path} failed with an unexpected error (trace {TraceId}).", context.Request.Method, context.Request.Path, context.TraceIdentifier);
        await WriteAsync(context, StatusCodes.Status500InternalServerError, "Unexpected error",
            $"The request failed unexpectedly and nothing is known to have changed. The error was logged with trace id {context.TraceIdentifier}.");
    }

    private Task JsonProblemAsync(HttpContext context, JsonException json)
    {
        string path = json.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : "";
        string message = StripPosition(json.Message);
        bool syntax = json.GetType().Name == "JsonReaderException" || path.Length == 0 || message.Contains("JSON payload", StringComparison.Ordinal)
            || message.StartsWith('\'') || message.Contains("is invalid after", StringComparison.Ordinal) || message.Contains("is an invalid", StringComparison.Ordinal);
        if (!syntax)
        {
            var converted = ConvertedTo().Match(message);
            if (converted.Success)
                return FieldsAsync(context, new() { [path] = [$"{path} must be {Friendly(converted.Groups[1].Value)} (got a value of another type, or out of range)."] });
            if (message.Contains("could not be mapped", StringComparison.Ordinal))
                return FieldsAsync(context, new() { [path] = [$"Unknown field '{path.Split('.').Last()}' in {(path.Contains('.') ? path[..path.LastIndexOf('.')] : "the body")}; see /openapi/v1.json for the fields."] });
            return FieldsAsync(context, new() { [path] = [$"{path}: {message}"] });
        }
        string where = json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})" : "";
        return FieldsAsync(context, new() { ["body"] = [$"The body is not valid JSON{where}: {message}"] });
    }

    private Task BadRequestAsync(HttpContext context, BadHttpRequestException bad)
    {
        var binding = FailedBinding().Match(bad.Message);
        if (binding.Success)
        {
            string field = binding.Groups["name"].Value;
            string expected = Friendly(binding.Groups["type"].Value);
            return FieldsAsync(context, new() { [field] = [$"{field} must be {expected}, got '{binding.Groups["value"].Value}'."] });
        }
        var required = RequiredParameter().Match(bad.Message);
        if (required.Success)
        {
            string field = required.Groups["name"].Value;
            return FieldsAsync(context, new() { [field] = [$"{field} is required."] });
        }
        if (bad.Message.Contains("no body was provided", StringComparison.OrdinalIgnoreCase))
            return FieldsAsync(context, new() { ["body"] = ["A JSON body is required (Content-Type: application/json)."] });
        return bad.StatusCode switch
        {
            StatusCodes.Status415UnsupportedMediaType => WriteAsync(context, bad.StatusCode, "Unsupported media type",
                $"Send the body as application/json (got '{context.Request.ContentType}')."),
            StatusCodes.Status413PayloadTooLarge => WriteAsync(context, bad.StatusCode, "Request too large", bad.Message),
            _ => WriteAsync(context, bad.StatusCode, Title(bad.StatusCode), bad.Message),
        };
    }

    private Task FieldsAsync(HttpContext context, Dictionary<string, string[]> errors)
    {
        var problem = new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request has an invalid value.",
            Detail = string.Join(" ", errors.Values.SelectMany(v => v)),
        };
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }

    private Task WriteAsync(HttpContext context, int status, string title, string detail) => problems.WriteProblemAsync(context, status, title, detail);

    private static string EmptyAnswerDetail(HttpContext context)
    {
        var r = context.Request;
        return context.Response.StatusCode switch
        {
            404 => $"There is no API route {r.Method} {r.Path}; see /openapi/v1.json or /api/reference for the routes.",
            405 => $"{r.Method} is not allowed on {r.Path}" + (context.Response.Headers.Allow.Count > 0 ? $"; use {string.Join(", ", context.Response.Headers.Allow.ToArray())}." : "."),
            415 => $"Send the body as application/json (got '{r.ContentType}').",
            413 => "The request body is larger than the server accepts (Velocitas:MaxUploadMegabytes).",
            _ => $"{r.Method} {r.Path} answered {context.Response.StatusCode}.",
        };
    }

    private static string Title(int status) => status switch
    {
        400 => "Bad request",
        401 => "API key required",
        403 => "Forbidden",
        404 => "Not found",
        405 => "Method not allowed",
        409 => "Conflict",
        413 => "Request too large",
        414 => "URL too long",
        415 => "Unsupported media type",
        503 => "Service unavailable",
        _ => "Request failed",
    };

    private static string Friendly(string type)
    {
        string t = type.Trim().TrimEnd('?');
        if (t.StartsWith("System.Nullable`1[", StringComparison.Ordinal)) t = t["System.Nullable`1[".Length..].TrimEnd(']');
        t = t.Replace("System.", "", StringComparison.Ordinal);
        return t switch
        {
            "Int32" or "int" or "Int64" or "long" or "Int16" or "Byte" => "a whole number",
            "Decimal" or "decimal" or "Double" or "double" or "Single" or "float" => "a number",
            "String" or "string" => "a text (in quotes)",
            "Boolean" or "bool" => "true or false",
            "DateTimeOffset" or "DateTime" => "a date and time (ISO-8601, e.g. 2024-01-31T00:00:00Z)",
            _ when t.Contains("List", StringComparison.Ordinal) || t.EndsWith("[]", StringComparison.Ordinal) || t.Contains("IReadOnlyList", StringComparison.Ordinal) => "a list",
            _ when t.Contains("Dictionary", StringComparison.Ordinal) => "an object",
            _ => $"a valid {t.Split('.').Last()}",
        };
    }

    private static string StripPosition(string message)
    {
        int at = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return at > 0 ? message[..at] : message;
    }

    [GeneratedRegex(@"could not be converted to (.+?)\.(?: Path|$)")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex("Failed to bind parameter \"(?<type>[^\"]+?) (?<name>[^\" ]+)\" from \"(?<value>[^\"]*)\"")]
    private static partial Regex FailedBinding();

    [GeneratedRegex("Required parameter \"(?<type>[^\"]+?) (?<name>[^\" ]+)\" was not provided")]
    private static partial Regex RequiredParameter();
}
