using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Velocitas.Web.Extensions;

namespace Velocitas.Web.Api.Hardening;

/// <summary>
/// Keeps other web pages from driving the app. The app listens on localhost, so any page open in the user's browser
/// can send it requests: a state-changing request (POST, PUT, PATCH, DELETE) or a WebSocket upgrade that carries an
/// <c>Origin</c> other than the app's own (or one listed in <c>Velocitas:AllowedOrigins</c>) is refused with 403.
/// Requests without an <c>Origin</c> (curl, scripts) pass. When <c>Velocitas:ApiKey</c> is set, <c>/api</c> and
/// <c>/ws</c> also require it in the <c>X-Api-Key</c> header (required when the app listens beyond loopback).
/// </summary>
public sealed class CrossSiteGuard(RequestDelegate next, VelocitasOptions options, IProblemDetailsService problems, ILogger<CrossSiteGuard> logger)
{
    /// <summary>The header that carries the API key.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    private readonly HashSet<string> _allowed = new(options.AllowedOriginList.Select(Normalize), StringComparer.OrdinalIgnoreCase);
    private readonly byte[]? _key = string.IsNullOrEmpty(options.ApiKey) ? null : Encoding.UTF8.GetBytes(options.ApiKey);

    /// <summary>Checks the request, then passes it on.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        bool unsafeMethod = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method));
        if (unsafeMethod || context.WebSockets.IsWebSocketRequest)
        {
            string? origin = request.Headers.Origin.FirstOrDefault();
            bool crossSiteWithoutOrigin = origin is null && request.Headers["Sec-Fetch-Site"].FirstOrDefault() == "cross-site";
            if ((origin is not null && !IsTrusted(origin, request)) || crossSiteWithoutOrigin)
            {
                logger.LogWarning("Refused a cross-site {Method} {Path} from origin {Origin}.", request.Method, request.Path, origin ?? "(cross-site, no origin)");
                await RefuseAsync(context, StatusCodes.Status403Forbidden, "Cross-site request refused",
                    $"This {(context.WebSockets.IsWebSocketRequest ? "WebSocket connection" : request.Method + " request")} comes from the web page {origin ?? "of another site"}, not from Velocitas itself " +
                    $"({request.Scheme}://{request.Host}). Pages of other sites may not drive the app; add an origin you trust to Velocitas:AllowedOrigins.");
                return;
            }
        }
        if (_key is not null && ApiErrors.IsApi(request.Path) && !request.Path.StartsWithSegments("/api/health") && !HasKey(request))
        {
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, "API key required",
                $"This server requires its API key in the {ApiKeyHeader} header (Velocitas:ApiKey).");
            return;
        }
        await next(context);
    }

    private bool HasKey(HttpRequest request) =>
        request.Headers[ApiKeyHeader].FirstOrDefault() is { } given && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _key);

    private bool IsTrusted(string origin, HttpRequest request)
    {
        if (_allowed.Contains(Normalize(origin))) return true;
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var o)) return false; // "null" (sandboxed frames, files) and garbage
        if (!request.Host.HasValue) return false;
        int requestPort = request.Host.Port ?? (request.IsHttps ? 443 : 80);
        return string.Equals(o.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(o.Host, request.Host.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase)
            && o.Port == requestPort;
    }

    private static string Normalize(string origin) => origin.Trim().TrimEnd('/');

    private Task RefuseAsync(HttpContext context, int status, string title, string detail) => problems.WriteProblemAsync(context, status, title, detail);
}
