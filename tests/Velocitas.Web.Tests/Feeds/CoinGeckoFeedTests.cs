using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Velocitas.Engine.Live;
using Velocitas.Engine.Live.CoinGecko;
using Velocitas.Engine.Market;

namespace Velocitas.Web.Tests.Feeds;

public class CoinGeckoFeedTests : IAsyncLifetime
{
    private WebApplication _server = default!;
    private readonly ConcurrentQueue<string?> _keys = new();
    private int _priceCalls;
    private int _rateLimitNext;
    private decimal _btc = 67_000.5m;
    private bool _garbage;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        _server = builder.Build();
        _server.MapGet("/api/v3/simple/price", (HttpContext http, string ids, string vs_currencies) =>
        {
            _keys.Enqueue(http.Request.Headers["x-cg-demo-api-key"].FirstOrDefault());
            Interlocked.Increment(ref _priceCalls);
            if (_rateLimitNext > 0)
            {
                _rateLimitNext--;
                http.Response.Headers.RetryAfter = "1";
                return Results.Json(new { status = new { error_code = 429, error_message = "You've exceeded the Rate Limit." } }, statusCode: 429);
            }
            if (_garbage) return Results.Text("<html>maintenance</html>", "text/html");
            long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            _btc += 10m;
            return Results.Json(new Dictionary<string, object>
            {
                ["bitcoin"] = new Dictionary<string, object> { ["usd"] = _btc, ["last_updated_at"] = now },
                ["ethereum"] = new Dictionary<string, object> { ["usd"] = 3_456.78m, ["last_updated_at"] = now },
            });
        });
        _server.MapGet("/api/v3/coins/{id}/ohlc", (string id, string vs_currency, int days) =>
        {
            var close = DateTimeOffset.UtcNow;
            close = new DateTimeOffset(close.UtcTicks - (close.UtcTicks % TimeSpan.FromMinutes(30).Ticks), TimeSpan.Zero);
            var rows = Enumerable.Range(0, 48).Select(i => new object[] { close.AddMinutes(-30 * (47 - i)).ToUnixTimeMilliseconds(), 100m + i, 101m + i, 99m + i, 100.5m + i }).ToList();
            return Results.Json(rows);
        });
        await _server.StartAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private (CoinGeckoFeed Feed, HttpClient Http) Feed(string? key = "secret-key-123")
    {
        var options = new CoinGeckoOptions { BaseUrl = new Uri(_server.Urls.First() + "/api/v3"), ApiKey = key, PollInterval = TimeSpan.FromSeconds(2) };
        var http = new HttpClient();
        CoinGeckoFeed.ConfigureClient(http, options);
        return (new CoinGeckoFeed(["BTC", "ETH"], http, options), http);
    }

    [Fact]
    public async Task Polls_prices_for_every_coin_in_one_call_with_the_api_key_header()
    {
        var (feed, http) = Feed();
        using var _ = http;
        var sink = new RecordingSink();
        using var cts = new CancellationTokenSource();
        var run = feed.RunAsync(sink, cts.Token);
        await sink.WaitForAsync(s => s.Of(MarketEventKind.Tick).Count >= 4, TimeSpan.FromSeconds(10));
        cts.Cancel();
        await run;

        Assert.Equal(new[] { "BTCUSDT", "ETHUSDT" }, feed.Symbols);
        Assert.All(_keys, k => Assert.Equal("secret-key-123", k));
        Assert.True(_priceCalls >= 2);
        var ticks = sink.Of(MarketEventKind.Tick);
        Assert.Contains(ticks, t => t.Symbol == "ETHUSDT" && t.Price == 3_456.78m);
        Assert.Equal(2, sink.Of(MarketEventKind.CandleOpened).Count); // one candle per coin so far
        Assert.DoesNotContain("secret-key-123", feed.Health.Message ?? "");
    }

    [Fact]
    public async Task A_429_is_waited_out_and_garbage_is_survived()
    {
        _rateLimitNext = 1;
        var (feed, http) = Feed();
        using var _ = http;
        var sink = new RecordingSink();
        using var cts = new CancellationTokenSource();
        var run = feed.RunAsync(sink, cts.Token);
        await sink.WaitForAsync(s => s.Of(MarketEventKind.Tick).Count >= 2, TimeSpan.FromSeconds(10));
        _garbage = true;
        await Task.Delay(2500);
        var message = feed.Health.Message;
        _garbage = false;
        await sink.WaitForAsync(s => s.Of(MarketEventKind.Tick).Count >= 4, TimeSpan.FromSeconds(10));
        cts.Cancel();
        await run;

        Assert.True(_priceCalls >= 3);
        Assert.Contains("poll failed", message);
    }

    [Fact]
    public async Task Warm_up_uses_the_OHLC_endpoint_with_open_times()
    {
        var (feed, http) = Feed();
        using var _ = http;
        var history = await feed.WarmUpAsync("BTCUSDT", 20, CancellationToken.None);
        Assert.Equal(20, history.Count);
        Assert.All(history, c => Assert.Equal(0, c.Time.Minute % 30));
        Assert.True(history.Zip(history.Skip(1)).All(p => p.Second.Time - p.First.Time == TimeSpan.FromMinutes(30)));
        Assert.Equal(147.5m, history[^1].Close);
    }

    [Fact]
    public void Unknown_coins_are_refused_with_the_supported_list()
    {
        var ex = Assert.Throws<FeedException>(() => new CoinGeckoFeed(["NOTACOIN"], new HttpClient()));
        Assert.Contains("no coin id known for NOTACOIN; supported:", ex.Message);
    }
}
