using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Velocitas.Engine.Live;

namespace Velocitas.Engine.Market.Exchanges;

/// <summary>
/// The one reconnect/back-off/rate-limit policy of every exchange: HTTP calls go through a Polly retry pipeline
/// (Microsoft.Extensions.Http.Resilience's <see cref="HttpRetryStrategyOptions"/>) that retries 429/418 after the
/// exchange's Retry-After, and 5xx, timeouts and dropped connections with exponential back-off; live streams
/// reconnect with <see cref="ReconnectDelay"/>. Every wait is counted in <see cref="Traffic"/>.
/// </summary>
public sealed class ExchangePolicy
{
    private static readonly ResiliencePropertyKey<Action<string>?> WaitCallback = new("velocitas.on-wait");
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly TimeProvider _clock;

    /// <summary>Creates the policy of <paramref name="service"/> (its name appears in messages).</summary>
    public ExchangePolicy(string service, TimeProvider? clock = null, ExchangePolicyOptions? options = null)
    {
        Service = service;
        Options = options ?? new ExchangePolicyOptions();
        _clock = clock ?? TimeProvider.System;
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, Options.MaxRetries),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = false,
            Delay = Options.FirstRetryDelay,
            MaxDelay = Options.MaxRetryDelay,
            ShouldRetryAfterHeader = false,
            ShouldHandle = static args => ValueTask.FromResult(args.Outcome switch
            {
                { Result: { } r } => IsRateLimit(r.StatusCode) || (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.RequestTimeout,
                { Exception: HttpRequestException or IOException } => true,
                { Exception: OperationCanceledException } => !args.Context.CancellationToken.IsCancellationRequested, // HttpClient timeout
                _ => false,
            }),
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } r && IsRateLimit(r.StatusCode) ? RetryAfter(r) : null),
            OnRetry = args =>
            {
                Traffic.Retry();
                string message;
                if (args.Outcome.Result is { } r && IsRateLimit(r.StatusCode))
                {
                    message = new RateLimitedException((int)r.StatusCode, args.RetryDelay, Service).Message;
                    Traffic.RateLimited(args.RetryDelay, message);
                }
                else
                {
                    string why = args.Outcome.Result is { } bad ? $"{(int)bad.StatusCode} {bad.ReasonPhrase}" : args.Outcome.Exception?.Message ?? "no answer";
                    message = $"{Service} failed ({why}); retry {args.AttemptNumber + 1} of {Options.MaxRetries} in {args.RetryDelay.TotalSeconds:0.#} s";
                }
                args.Outcome.Result?.Dispose();
                if (args.Context.Properties.TryGetValue(WaitCallback, out var callback)) callback?.Invoke(message);
                return ValueTask.CompletedTask;
            },
        };
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _clock };
        if (Options.MaxRetries > 0) builder.AddRetry(retry); // 0: one attempt; a 429 becomes a RateLimitedException for the caller to wait out
        _pipeline = builder.Build();
    }

    /// <summary>Exchange name used in messages.</summary>
    public string Service { get; }

    /// <summary>Retry and reconnection settings.</summary>
    public ExchangePolicyOptions Options { get; }

    /// <summary>Requests, retries and rate-limit waits so far.</summary>
    public ExchangeTraffic Traffic { get; } = new();

    /// <summary>Delay before reconnection attempt <paramref name="failures"/> (1, 2, ...): doubles from the first delay up to the cap.</summary>
    public TimeSpan ReconnectDelay(int failures)
    {
        double factor = Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        double ticks = Math.Min(Options.FirstReconnectDelay.Ticks * factor, Options.MaxReconnectDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Waits <paramref name="delay"/> on the policy's clock; false when cancelled.</summary>
    public async Task<bool> DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, _clock, ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Waits because the exchange's own budget (e.g. Binance's used weight) is nearly spent; counted as a rate-limit wait.</summary>
    public async Task PauseAsync(TimeSpan wait, string why, CancellationToken ct, Action<string>? onWait = null)
    {
        if (wait <= TimeSpan.Zero) return;
        string message = $"{Service}: {why}; waiting {wait.TotalSeconds:0.#} s";
        Traffic.RateLimited(wait, message);
        onWait?.Invoke(message);
        await Task.Delay(wait, _clock, ct);
    }

    /// <summary>
    /// Sends GET <paramref name="url"/> through the retry pipeline and returns the successful response (the caller
    /// disposes it). A 429/418 still refused after the retries is a <see cref="RateLimitedException"/>; any other
    /// refusal an <see cref="HttpRequestException"/> with the status and the start of the body; a 404 is returned when
    /// <paramref name="allowNotFound"/>.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpClient http, string url, CancellationToken ct, Action<string>? onWait = null, bool allowNotFound = false)
    {
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(WaitCallback, onWait);
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(static async (ctx, state) =>
            {
                state.Policy.Traffic.Request();
                return await state.Http.GetAsync(state.Url, HttpCompletionOption.ResponseHeadersRead, ctx.CancellationToken);
            }, context, (Policy: this, Http: http, Url: url));
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new HttpRequestException($"{Service} did not answer in time for {Redact(url)}.", ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
        if (response.IsSuccessStatusCode || (allowNotFound && response.StatusCode == HttpStatusCode.NotFound)) return response;
        using (response)
        {
            if (IsRateLimit(response.StatusCode))
            {
                // the caller waits this out (a feed before its next poll or reconnect): counted here once
                var limited = new RateLimitedException((int)response.StatusCode, RetryAfter(response) ?? Options.MaxRetryDelay, Service);
                Traffic.RateLimited(limited.RetryAfter, limited.Message);
                throw limited;
            }
            string body = await response.Content.ReadAsStringAsync(ct);
            throw new HttpRequestException($"{Service} answered {(int)response.StatusCode} {response.ReasonPhrase} for {Redact(url)}: {Truncate(body)}", null, response.StatusCode);
        }
    }

    /// <summary>GET a JSON document through the pipeline; <paramref name="pauseAfter"/> reads the response headers and may ask for a pause (e.g. a used-weight budget reached).</summary>
    public async Task<JsonDocument> GetJsonAsync(HttpClient http, string url, CancellationToken ct, Action<string>? onWait = null, Func<HttpResponseMessage, TimeSpan?>? pauseAfter = null)
    {
        using var response = await SendAsync(http, url, ct, onWait);
        var doc = await ParseAsync(response, url, ct);
        if (pauseAfter?.Invoke(response) is { } pause && pause > TimeSpan.Zero)
        {
            await PauseAsync(pause, "request budget nearly spent", ct, onWait);
        }
        return doc;
    }

    /// <summary>
    /// GET a JSON document of an exchange that may write its rate limit into a successful answer (Bybit's retCode 10006):
    /// when <paramref name="limitedInBody"/> finds one, the answer is waited out like a 429 — until the reset time it
    /// gives (capped by <see cref="ExchangePolicyOptions.MaxRetryDelay"/>), else the doubling back-off — counted as a
    /// rate-limit wait and asked again; still refused after <see cref="ExchangePolicyOptions.MaxRetries"/> it is a
    /// <see cref="RateLimitedException"/> for the caller (a feed's reconnect loop) to wait out.
    /// </summary>
    public async Task<JsonDocument> GetJsonAsync(HttpClient http, string url, Func<JsonElement, HttpResponseMessage, BodyRateLimit?> limitedInBody, CancellationToken ct, Action<string>? onWait = null)
    {
        for (int attempt = 1; ; attempt++)
        {
            BodyRateLimit? limit;
            JsonDocument doc;
            using (var response = await SendAsync(http, url, ct, onWait))
            {
                doc = await ParseAsync(response, url, ct);
                limit = limitedInBody(doc.RootElement, response);
            }
            if (limit is null) return doc;
            doc.Dispose();
            var wait = BodyLimitWait(limit.ResetAt, attempt);
            if (attempt > Options.MaxRetries)
            {
                var limited = new RateLimitedException($"{Service} answered {limit.Why} {attempt} times; retrying after {wait.TotalSeconds:0} s.", 200, wait);
                Traffic.RateLimited(wait, limited.Message);
                throw limited;
            }
            Traffic.Retry();
            await PauseAsync(wait, $"{limit.Why}, request limit reached", ct, onWait);
        }
    }

    /// <summary>
    /// Reads an answer of the exchange with <paramref name="read"/>. An answer of the wrong shape (a field missing, a
    /// string where a number belongs, a short row) becomes an <see cref="HttpRequestException"/> naming the exchange and
    /// <paramref name="what"/>, like any other bad answer: a live feed's reconnect loop tries again, a download stops
    /// keeping what arrived.
    /// </summary>
    public T Read<T>(string what, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or FormatException or IndexOutOfRangeException or OverflowException or ArgumentException)
        {
            throw new HttpRequestException($"{Service} sent {what} that could not be read: {ex.Message}", ex);
        }
    }

    /// <summary>Until <paramref name="resetAt"/> (capped), else the doubling back-off of retry <paramref name="attempt"/>.</summary>
    private TimeSpan BodyLimitWait(DateTimeOffset? resetAt, int attempt)
    {
        var max = Options.MaxRetryDelay;
        var wait = resetAt is { } r
            ? r - _clock.GetUtcNow()
            : TimeSpan.FromTicks((long)Math.Min(Options.FirstRetryDelay.Ticks * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30)), max.Ticks));
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > max ? max : wait;
    }

    private async Task<JsonDocument> ParseAsync(HttpResponseMessage response, string url, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        try
        {
            return await JsonDocument.ParseAsync(stream, cancellationToken: ct);
        }
        catch (JsonException ex)
        {
            throw new HttpRequestException($"{Service} sent something that is not JSON for {Redact(url)}: {ex.Message}", ex);
        }
    }

    private static bool IsRateLimit(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests or (HttpStatusCode)418;

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is { } date ? date - _clock.GetUtcNow() : null);
        if (wait is null) return null;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > Options.MaxRetryDelay ? Options.MaxRetryDelay : wait;
    }

    /// <summary>Removes query strings (which may carry keys) from URLs in messages.</summary>
    public static string Redact(string url)
    {
        int q = url.IndexOf('?');
        return q < 0 ? url : url[..q] + "?…";
    }

    private static string Truncate(string s) => s.Length <= 200 ? s : s[..200] + "…";
}
