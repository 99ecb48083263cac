using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using Velocitas.Engine.Live;
using Velocitas.Engine.Market.Exchanges;

namespace Velocitas.Engine.Tests.Market;

public class ReconnectLoopTests
{
    /// <summary>A fake clock that remembers every wait asked of it (the loop's delays, exactly, whatever the machine's speed).</summary>
    private sealed class RecordingClock(DateTimeOffset start) : TimeProvider
    {
        private readonly FakeTimeProvider _inner = new(start);
        public List<TimeSpan> Waits { get; } = [];

        public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (Waits) Waits.Add(dueTime);
            return _inner.CreateTimer(callback, state, dueTime, period);
        }

        public void Advance(TimeSpan by) => _inner.Advance(by);
    }

    private readonly RecordingClock _clock = new(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly FeedHealth _health = new();

    private ExchangePolicy Policy() => new("Test", _clock, new ExchangePolicyOptions
    {
        FirstReconnectDelay = TimeSpan.FromSeconds(1), MaxReconnectDelay = TimeSpan.FromSeconds(8),
    });

    /// <summary>Runs the loop over scripted attempts (each: deliver data or not, then how it ends) and returns the waits between them.</summary>
    private async Task<(List<TimeSpan> Waits, List<string?> Messages)> RunScript(params (bool Deliver, Exception? Ending)[] script)
    {
        var messages = new List<string?>();
        var started = Channel.CreateUnbounded<int>();
        using var cts = new CancellationTokenSource();
        var loop = new ReconnectLoop(Policy(), _health).RunAsync(async (attempt, ct) =>
        {
            lock (messages) messages.Add(_health.Message);
            started.Writer.TryWrite(attempt.Number);
            if (attempt.Number > script.Length)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                return;
            }
            var (deliver, ending) = script[attempt.Number - 1];
            if (deliver) attempt.Delivered();
            if (ending is not null) throw ending;
        }, cts.Token);
        for (int expected = 1; expected <= script.Length + 1; expected++)
        {
            // each wait's timer exists before the clock moves: advance until the next attempt has started
            while (!started.Reader.TryRead(out int n))
            {
                _clock.Advance(TimeSpan.FromMilliseconds(500));
                await Task.WhenAny(started.Reader.WaitToReadAsync().AsTask(), Task.Delay(20));
            }
        }
        cts.Cancel();
        await loop;
        lock (_clock.Waits) return (_clock.Waits.ToList(), messages);
    }

    [Fact]
    public async Task The_back_off_doubles_while_attempts_deliver_nothing_and_starts_again_after_one_that_delivered()
    {
        var dropped = new WebSocketException("The remote party closed the WebSocket connection without completing the close handshake.");
        var (waits, messages) = await RunScript(
            (false, dropped),                                  // 1 s
            (false, new HttpRequestException("refused")),      // 2 s
            (false, new IOException("reset")),                 // 4 s
            (false, new TimeoutException("no message")),       // 8 s (the cap)
            (false, dropped),                                  // 8 s
            (true, dropped),                                   // delivered, then dropped: 1 s again
            (false, null),                                     // closed by the server without data: 2 s
            (true, null));                                     // closed after data (e.g. renewed): 1 s

        Assert.Equal(new[] { 1, 2, 4, 8, 8, 1, 2, 1 }.Select(s => TimeSpan.FromSeconds(s)), waits);
        Assert.Equal(8, _health.Reconnects);
        Assert.Equal("connection lost (refused); reconnecting in 2 s", messages[2]);
        Assert.Equal(FeedStatus.Stopped, _health.Status);
    }

    [Fact]
    public async Task A_rate_limit_waits_the_exchanges_Retry_After_and_keeps_the_back_off_where_it_was()
    {
        var (waits, messages) = await RunScript(
            (false, new HttpRequestException("refused")),                                      // 1 s
            (false, new RateLimitedException(429, TimeSpan.FromSeconds(30), "Test")),          // 30 s, as asked
            (false, new HttpRequestException("refused")));                                     // 2 s

        Assert.Equal(new[] { 1, 30, 2 }.Select(s => TimeSpan.FromSeconds(s)), waits);
        Assert.Equal("Test answered 429 (too many requests); retrying after 30 s.", messages[2]);
        Assert.Equal(3, _health.Reconnects);
    }

    [Fact]
    public async Task A_failure_that_is_not_about_the_connection_ends_the_feed_instead_of_retrying()
    {
        var loop = new ReconnectLoop(Policy(), _health);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            loop.RunAsync((_, _) => throw new InvalidOperationException("a bug"), CancellationToken.None));
        Assert.Equal("a bug", ex.Message);
        Assert.Equal(0, _health.Reconnects);
    }
}
