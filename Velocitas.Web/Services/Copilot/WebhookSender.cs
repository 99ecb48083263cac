using System.Net.Http.Json;
using System.Threading.Channels;
using Velocitas.Data;
using Velocitas.Data.Storage;

namespace Velocitas.Web.Services.Copilot;

/// <summary>Delivery counters of the webhook sender.</summary>
public sealed record WebhookStats(long Sent, long Failed, long Dropped, int Pending, string? LastError);

/// <summary>
/// Posts alerts to rule webhooks off the alert path: a bounded queue (the oldest undelivered make room, counted) and
/// up to four deliveries at once, each retried with exponential backoff (1 s, 2 s, 4 s) before it counts as failed.
/// A slow or failing endpoint therefore never holds up the copilot, let alone the engine. Logs show only a
/// webhook's scheme and host: its path and query often carry a secret token.
/// </summary>
public sealed class WebhookSender : IAsyncDisposable
{
    private const int Attempts = 4;
    private readonly Channel<(string Url, StoredAlert Alert)> _queue = Channel.CreateBounded<(string, StoredAlert)>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly IHttpClientFactory _http;
    private readonly TimeProvider _clock;
    private readonly ILogger<WebhookSender> _logger;
    private readonly SemaphoreSlim _slots = new(4);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _sent, _failed, _dropped, _inFlight;
    private volatile string? _lastError;

    public WebhookSender(IHttpClientFactory http, TimeProvider clock, ILogger<WebhookSender> logger)
    {
        _http = http;
        _clock = clock;
        _logger = logger;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>First retry delay; doubles each attempt.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Counters so far.</summary>
    public WebhookStats Stats => new(Interlocked.Read(ref _sent), Interlocked.Read(ref _failed), Interlocked.Read(ref _dropped),
        _queue.Reader.Count + (int)Interlocked.Read(ref _inFlight), _lastError);

    /// <summary>Queues an alert for <paramref name="url"/>; never waits.</summary>
    public void Enqueue(string url, StoredAlert alert)
    {
        if (_queue.Reader.Count >= 1000) Interlocked.Increment(ref _dropped);
        _queue.Writer.TryWrite((url, alert));
    }

    /// <summary>"https://hooks.example.com/…": what may be shown of a webhook URL.</summary>
    public static string Redact(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) ? $"{u.Scheme}://{u.Authority}/…" : "(invalid URL)";

    private async Task LoopAsync()
    {
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(_stop.Token))
            {
                await _slots.WaitAsync(_stop.Token);
                Interlocked.Increment(ref _inFlight);
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await DeliverAsync(item.Url, item.Alert);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _inFlight);
                        _slots.Release();
                    }
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task DeliverAsync(string url, StoredAlert stored)
    {
        var a = stored.Alert;
        var payload = new
        {
            id = stored.Id, time = a.Time, rule = a.RuleName, ruleId = a.RuleId, kind = a.Kind, severity = a.Severity,
            symbol = a.Symbol, instanceId = a.InstanceId, strategy = a.StrategyId, message = a.Message, value = a.Value, threshold = a.Threshold,
            actionTaken = stored.ActionTaken,
        };
        var delay = FirstRetryDelay;
        for (int attempt = 1; attempt <= Attempts; attempt++)
        {
            string? problem;
            try
            {
                using var client = _http.CreateClient("copilot-webhooks");
                using var response = await client.PostAsJsonAsync(url, payload, VelocitasJson.Options, _stop.Token);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _sent);
                    return;
                }
                problem = $"HTTP {(int)response.StatusCode}";
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                problem = ex is TaskCanceledException ? "timed out" : ex.Message;
            }
            if (attempt == Attempts)
            {
                Interlocked.Increment(ref _failed);
                _lastError = $"{_clock.GetUtcNow():HH:mm:ss} {Redact(url)}: {problem} after {Attempts} attempts";
                _logger.LogWarning("Webhook {Url} failed for alert {AlertId} after {Attempts} attempts: {Problem}.", Redact(url), stored.Id, Attempts, problem);
                return;
            }
            _logger.LogInformation("Webhook {Url} attempt {Attempt} failed ({Problem}); retrying in {Delay} ms.", Redact(url), attempt, problem, delay.TotalMilliseconds);
            try
            {
                await Task.Delay(delay, _clock, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            delay *= 2;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
