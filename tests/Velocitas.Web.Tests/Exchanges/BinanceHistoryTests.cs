using Microsoft.Extensions.Time.Testing;
using Velocitas.Engine.Live.Binance;
using Velocitas.Engine.Market;
using Velocitas.Engine.Market.Exchanges;
using Velocitas.Engine.Market.Exchanges.Binance;
using Velocitas.Web.Tests.Feeds;

namespace Velocitas.Web.Tests.Exchanges;

public class BinanceHistoryTests : IAsyncLifetime
{
    private readonly FakeBinance _server = new();
    private readonly HttpClient _http = new();

    public Task InitializeAsync() => _server.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private BinanceExchange Exchange(TimeProvider clock, Uri? archive = null, int weightLimit = 6000) => new(_http, new BinanceOptions
    {
        RestBaseUrl = _server.RestBase, StreamBaseUrl = _server.StreamBase, ArchiveBaseUrl = archive ?? _server.RestBase,
        ArchiveProbeTimeout = TimeSpan.FromSeconds(5), WeightLimitPerMinute = weightLimit,
    }, clock);

    private static async Task<List<KlinePage>> All(IAsyncEnumerable<KlinePage> pages)
    {
        var list = new List<KlinePage>();
        await foreach (var p in pages) list.Add(p);
        return list;
    }

    [Fact]
    public void The_archive_plan_takes_whole_past_months_then_days_and_leaves_the_edges_and_today_to_REST()
    {
        var now = new DateTimeOffset(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);
        var plan = BinanceArchivePeriod.Plan(new DateTimeOffset(2025, 1, 30, 6, 0, 0, TimeSpan.Zero), now, now);
        Assert.Equal(
            ["daily/klines/BTCUSDT/1m/BTCUSDT-1m-2025-01-31.zip", "monthly/klines/BTCUSDT/1m/BTCUSDT-1m-2025-02.zip",
             .. Enumerable.Range(1, 9).Select(d => $"daily/klines/BTCUSDT/1m/BTCUSDT-1m-2025-03-{d:00}.zip")],
            plan.Select(p => p.Path("BTCUSDT", "1m")["data/spot/".Length..]));
    }

    [Fact]
    public async Task A_long_range_comes_from_monthly_and_daily_zips_with_microsecond_times_and_REST_for_the_rest()
    {
        // 2024-12-30 06:00 .. 2025-02-02 12:00 of 1m candles; "now" is 2025-02-02 12:00
        var start = new DateTimeOffset(2024, 12, 30, 6, 0, 0, TimeSpan.Zero);
        var now = new DateTimeOffset(2025, 2, 2, 12, 0, 0, TimeSpan.Zero);
        var candles = SyntheticMarket.Generate(7, 90_000, start, Timeframe.OneMinute, (int)(now - start).TotalMinutes).ToList();
        _server.SetKlines("BTCUSDT", candles);
        var exchange = Exchange(new FixedClock(now));
        var btc = await exchange.ResolveAsync("BTC", CancellationToken.None);

        var pages = await All(exchange.GetKlinesAsync(btc, Timeframe.OneMinute, start, now, CancellationToken.None));

        Assert.Equal(candles, pages.SelectMany(p => p.Candles));
        // 18 h before the first whole day over REST (1000 + 80), 2024-12-31 daily zip, 2025-01 monthly zip (µs times),
        // 2025-02-01 daily zip (µs), the 12 h of today over REST
        Assert.Equal(["rest", "rest", "archive", "archive", "archive", "rest"], pages.Select(p => p.Source));
        Assert.Equal(3, _server.ArchiveRequests);
        Assert.Equal(3, _server.KlineRequests);
        Assert.All(pages, p => Assert.Null(p.Note));
    }

    [Fact]
    public async Task When_the_archive_host_cannot_be_reached_everything_goes_over_REST_and_the_first_page_says_so()
    {
        var start = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var now = start.AddDays(8);
        var candles = SyntheticMarket.Generate(8, 60_000, start, Timeframe.OneMinute, 8 * 1440).ToList();
        _server.SetKlines("BTCUSDT", candles);
        var exchange = Exchange(new FixedClock(now), archive: new Uri("http://127.0.0.1:1"));
        var btc = await exchange.ResolveAsync("BTCUSDT", CancellationToken.None);

        var pages = await All(exchange.GetKlinesAsync(btc, Timeframe.OneMinute, start, now, CancellationToken.None));

        Assert.Equal(candles, pages.SelectMany(p => p.Candles));
        Assert.All(pages, p => Assert.Equal("rest", p.Source));
        Assert.Contains("The Binance archive (127.0.0.1) could not be used", pages[0].Note);
        Assert.Contains("Downloading over REST instead", pages[0].Note);
        Assert.Equal(12, _server.KlineRequests); // 11,520 candles: 11 full pages and one of 520
    }

    [Fact]
    public async Task A_used_weight_near_the_limit_pauses_until_the_next_minute_and_is_counted()
    {
        var now = new DateTimeOffset(2024, 5, 1, 10, 0, 59, 800, TimeSpan.Zero);
        _server.SetKlines("BTCUSDT", SyntheticMarket.Generate(8, 60_000, now.AddHours(-1).AddSeconds(-59.8), Timeframe.OneMinute, 30));
        _server.UsedWeight = 5_500;
        var exchange = Exchange(new FixedClock(now));
        var btc = await exchange.ResolveAsync("BTCUSDT", CancellationToken.None);
        Assert.Equal(0, exchange.Policy.Traffic.RateLimitWaits);

        var pages = await All(exchange.GetKlinesAsync(btc, Timeframe.OneMinute, now.AddHours(-1), now, CancellationToken.None));

        Assert.Equal(29, pages.Sum(p => p.Candles.Count));
        Assert.Equal(1, exchange.Policy.Traffic.RateLimitWaits);
        Assert.Contains("Binance: request budget nearly spent; waiting 0.3 s", exchange.Policy.Traffic.LastWait);
    }

    [Fact]
    public async Task A_418_ban_is_waited_out_for_its_Retry_After_and_counted()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero));
        var now = clock.GetUtcNow();
        _server.SetKlines("BTCUSDT", SyntheticMarket.Generate(8, 60_000, now.AddMinutes(-30), Timeframe.OneMinute, 30));
        var exchange = Exchange(clock);
        var btc = await exchange.ResolveAsync("BTCUSDT", CancellationToken.None);
        _server.BanNext = 1;

        var fetch = All(exchange.GetKlinesAsync(btc, Timeframe.OneMinute, now.AddMinutes(-30), now, CancellationToken.None));
        for (int i = 0; i < 500 && exchange.Policy.Traffic.RateLimitWaits == 0; i++) await Task.Delay(10);
        Assert.Equal("Binance answered 418 (IP banned for a while); retrying after 2 s.", exchange.Policy.Traffic.LastWait);
        var until = now.AddSeconds(2);
        while (!fetch.IsCompleted)
        {
            // asked again only once the clock has reached the end of the ban
            Assert.True(_server.KlineRequests == 1 || clock.GetUtcNow() >= until, $"asked again at {clock.GetUtcNow():HH:mm:ss.fff}, before {until:HH:mm:ss.fff}");
            clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.WhenAny(fetch, Task.Delay(20));
        }

        Assert.Equal(30, (await fetch).Sum(p => p.Candles.Count));
        Assert.Equal(2, _server.KlineRequests);
        Assert.Equal((1, TimeSpan.FromSeconds(2)), (exchange.Policy.Traffic.RateLimitWaits, exchange.Policy.Traffic.RateLimitWaited));
    }

    [Fact]
    public async Task A_range_with_no_candles_is_an_empty_page_and_ends_there()
    {
        var start = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var candles = SyntheticMarket.Generate(8, 60_000, start, Timeframe.OneMinute, 1_000).ToList();
        _server.SetKlines("BTCUSDT", candles);
        var exchange = Exchange(new FixedClock(start.AddDays(2)));
        var btc = await exchange.ResolveAsync("BTCUSDT", CancellationToken.None);

        // a full page, then Binance has nothing more up to endTime (the market was down): an empty page, no more requests
        var pages = await All(exchange.GetKlinesAsync(btc, Timeframe.OneMinute, start, start.AddMinutes(1_500), CancellationToken.None));
        Assert.Equal(new[] { 1_000, 0 }, pages.Select(p => p.Candles.Count));
        Assert.Equal(start.AddMinutes(1_500), pages[^1].Through);
        Assert.Equal(2, _server.KlineRequests);

        // a range that lies wholly in an outage: one empty page
        pages = await All(exchange.GetKlinesAsync(btc, Timeframe.OneMinute, start.AddMinutes(1_200), start.AddMinutes(1_400), CancellationToken.None));
        Assert.Equal(new[] { 0 }, pages.Select(p => p.Candles.Count));
        Assert.Equal(3, _server.KlineRequests);
    }

    [Fact]
    public async Task A_page_that_is_not_JSON_stops_the_download_naming_the_exchange_and_the_request()
    {
        var start = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
        _server.SetKlines("BTCUSDT", SyntheticMarket.Generate(8, 60_000, start, Timeframe.OneMinute, 3_000));
        var exchange = Exchange(new FixedClock(start.AddDays(2)));
        var btc = await exchange.ResolveAsync("BTCUSDT", CancellationToken.None);
        var received = new List<KlinePage>();

        var ex = await Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            await foreach (var page in exchange.GetKlinesAsync(btc, Timeframe.OneMinute, start, start.AddMinutes(3_000), CancellationToken.None))
            {
                received.Add(page);
                _server.GarbageNext = 1; // the second page comes back as a proxy's error page
            }
        });

        Assert.StartsWith($"Binance sent something that is not JSON for {_server.RestBase}api/v3/klines?…:", ex.Message);
        Assert.Equal(1_000, Assert.Single(received).Candles.Count);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
