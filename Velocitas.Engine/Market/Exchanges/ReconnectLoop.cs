using System.Net.WebSockets;
using Velocitas.Engine.Live;

namespace Velocitas.Engine.Market.Exchanges;

/// <summary>
/// The one reconnect loop of every live feed (the exchanges' WebSocket streams and CoinGecko's polling): runs an
/// attempt until it ends, then waits and runs the next. A rate limit (429/418, Bybit's 10006) waits the exchange's
/// Retry-After; a dropped connection, a refused or unreadable answer or a timeout waits the policy's back-off, which
/// doubles with each attempt that delivered nothing and starts again from its first delay after one that delivered
/// data. Every wait is shown in the feed's status and every new attempt counted as a reconnection.
/// </summary>
/// <param name="policy">Back-off settings and the clock the waits run on.</param>
/// <param name="health">The feed's status, message and reconnection counter.</param>
/// <param name="lost">What a failed attempt is called in the status: "connection lost", "poll failed".</param>
public sealed class ReconnectLoop(ExchangePolicy policy, FeedHealth health, string lost = "connection lost")
{
    /// <summary>Runs <paramref name="attempt"/> again and again until <paramref name="ct"/> is cancelled; the status ends as Stopped.</summary>
    public async Task RunAsync(Func<FeedAttempt, CancellationToken, Task> attempt, CancellationToken ct)
    {
        int failures = 0;
        for (int number = 1; !ct.IsCancellationRequested; number++)
        {
            var current = new FeedAttempt(number);
            TimeSpan delay;
            try
            {
                await attempt(current, ct);
                // ended without an error (the server closed, or the connection was renewed before its age limit)
                failures = current.HasDelivered ? 0 : failures + 1;
                delay = policy.ReconnectDelay(Math.Max(1, failures));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (RateLimitedException ex)
            {
                if (current.HasDelivered) failures = 0;
                delay = ex.RetryAfter;
                health.Set(FeedStatus.Reconnecting, ex.Message);
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                failures = current.HasDelivered ? 1 : failures + 1;
                delay = policy.ReconnectDelay(failures);
                health.Set(FeedStatus.Reconnecting, $"{lost} ({ex.Message}); reconnecting in {delay.TotalSeconds:0.#} s");
            }
            if (!await policy.DelayAsync(delay, ct)) break;
            health.Reconnected();
        }
        health.Set(FeedStatus.Stopped, "stopped");
    }

    /// <summary>Failures worth another attempt: the network, the exchange's answer, a timeout.</summary>
    public static bool IsTransient(Exception ex) =>
        ex is WebSocketException or HttpRequestException or IOException or TimeoutException or OperationCanceledException;
}
