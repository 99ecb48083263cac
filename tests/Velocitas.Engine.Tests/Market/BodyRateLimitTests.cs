using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Velocitas.Engine.Live;
using Velocitas.Engine.Market.Exchanges;

namespace Velocitas.Engine.Tests.Market;

/// <summary>A rate limit written into a 200 answer (Bybit's retCode 10006) is waited out by the exchange policy itself.</summary>
public class BodyRateLimitTests
{
    /// <summary>Answers every request with the next body of the script (the last one repeats).</summary>
    private sealed class ScriptedHandler(params string[] bodies) : HttpMessageHandler
    {
        public int Requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            int n = Interlocked.Increment(ref Requests);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(bodies[Math.Min(n, bodies.Length) - 1], Encoding.UTF8, "application/json"),
            });
        }
    }

    private const string Limited = """{"retCode":10006,"retMsg":"Too many visits!","result":{}}""";
    private const string Fine = """{"retCode":0,"retMsg":"OK","result":{"list":[]}}""";

    private static BodyRateLimit? Bybit(JsonElement root, HttpResponseMessage _) =>
        root.GetProperty("retCode").GetInt32() == 10006 ? new BodyRateLimit($"retCode 10006 ({root.GetProperty("retMsg").GetString()})", null) : null;

    private static async Task<T> Drive<T>(FakeTimeProvider clock, Task<T> task)
    {
        while (!task.IsCompleted)
        {
            clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.WhenAny(task, Task.Delay(10));
        }
        return await task;
    }

    [Fact]
    public async Task Waits_double_until_the_answer_is_fine_and_each_wait_is_counted()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero));
        var handler = new ScriptedHandler(Limited, Limited, Fine);
        using var http = new HttpClient(handler);
        var policy = new ExchangePolicy("Bybit", clock, new ExchangePolicyOptions { FirstRetryDelay = TimeSpan.FromSeconds(1) });
        var start = clock.GetUtcNow();

        using var doc = await Drive(clock, policy.GetJsonAsync(http, "http://127.0.0.1/v5/market/kline", Bybit, CancellationToken.None));

        Assert.Equal(0, doc.RootElement.GetProperty("retCode").GetInt32());
        Assert.Equal(3, handler.Requests);
        Assert.Equal((2, 2L, TimeSpan.FromSeconds(3)), (policy.Traffic.Retries, policy.Traffic.RateLimitWaits, policy.Traffic.RateLimitWaited)); // 1 s, then 2 s
        Assert.True(clock.GetUtcNow() - start >= TimeSpan.FromSeconds(3));
        Assert.Equal("Bybit: retCode 10006 (Too many visits!), request limit reached; waiting 2 s", policy.Traffic.LastWait);
    }

    [Fact]
    public async Task Still_refused_after_the_retries_it_is_a_rate_limit_for_the_caller_to_wait_out()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero));
        var handler = new ScriptedHandler(Limited);
        using var http = new HttpClient(handler);
        var policy = new ExchangePolicy("Bybit", clock, new ExchangePolicyOptions { MaxRetries = 2, FirstRetryDelay = TimeSpan.FromSeconds(1) });

        var ex = await Assert.ThrowsAsync<RateLimitedException>(() => Drive(clock, policy.GetJsonAsync(http, "http://127.0.0.1/v5/market/kline", Bybit, CancellationToken.None)));

        Assert.Equal("Bybit answered retCode 10006 (Too many visits!) 3 times; retrying after 4 s.", ex.Message);
        Assert.Equal(TimeSpan.FromSeconds(4), ex.RetryAfter);
        Assert.Equal(3, handler.Requests);
        Assert.Equal(3, policy.Traffic.RateLimitWaits); // two waits here, the third is the caller's
    }
}
