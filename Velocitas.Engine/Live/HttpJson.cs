using System.Net;
using System.Text.Json;

namespace Velocitas.Engine.Live;

/// <summary>GET a JSON document, honouring 429/418 with Retry-After (waits and tries again a few times).</summary>
internal static class HttpJson
{
    public static async Task<JsonDocument> GetAsync(HttpClient http, string url, string service, TimeProvider clock, CancellationToken ct, int attempts = 4, Action<string>? onWait = null)
    {
        for (int attempt = 1; ; attempt++)
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            if (response.StatusCode is HttpStatusCode.TooManyRequests or (HttpStatusCode)418)
            {
                var wait = RetryAfter(response) ?? TimeSpan.FromSeconds(Math.Min(60, 2 * attempt * attempt));
                if (attempt >= attempts) throw new RateLimitedException((int)response.StatusCode, wait, service);
                onWait?.Invoke(new RateLimitedException((int)response.StatusCode, wait, service).Message);
                await Task.Delay(wait, clock, ct);
                continue;
            }
            if (!response.IsSuccessStatusCode)
            {
                string body = await response.Content.ReadAsStringAsync(ct);
                throw new HttpRequestException($"{service} answered {(int)response.StatusCode} {response.ReasonPhrase} for {Redact(url)}: {Truncate(body)}", null, response.StatusCode);
            }
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            try
            {
                return await JsonDocument.ParseAsync(stream, cancellationToken: ct);
            }
            catch (JsonException ex)
            {
                throw new HttpRequestException($"{service} sent something that is not JSON for {Redact(url)}: {ex.Message}", ex);
            }
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - DateTimeOffset.UtcNow;
        return null;
    }

    /// <summary>Removes query strings (which may carry keys) from URLs in messages.</summary>
    public static string Redact(string url)
    {
        int q = url.IndexOf('?');
        return q < 0 ? url : url[..q] + "?…";
    }

    private static string Truncate(string s) => s.Length <= 200 ? s : s[..200] + "…";
}
