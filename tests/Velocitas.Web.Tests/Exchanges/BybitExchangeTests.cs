using Microsoft.Extensions.Time.Testing;
using Velocitas.Engine.Live;
using Velocitas.Engine.Market;
using Velocitas.Engine.Market.Exchanges;
using Velocitas.Engine.Market.Exchanges.Bybit;
using Velocitas.Web.Tests.Feeds;

namespace Velocitas.Web.Tests.Exchanges;

public class BybitExchangeTests : IAsyncLifetime
{
    private readonly FakeExchange _server = FakeBybit.Create();
    private readonly HttpClient _http = new();
    private readonly DateTimeOffset _t0 = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync() => _server.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private BybitExchange Exchange(TimeProvider? clock = null) => new(_http, new BybitOptions
    {
        RestBaseUrl = _server.RestBase, StreamBaseUrl = _server.StreamBase,
        InitialBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(200), PingInterval = TimeSpan.FromMilliseconds(200),
    }, clock);

    private static async Task<List<KlinePage>> All(IAsyncEnumerable<KlinePage> pages)
    {
        var list = new List<KlinePage>();
        await foreach (var p in pages) list.Add(p);
        return list;
    }

    [Fact]
    public async Task History_pages_in_windows_of_1000_newest_first_and_an_outage_is_an_empty_page_not_the_end()
    {
        // 1,200 candles, an 1,800-minute outage, then 500 more
        var before = SyntheticMarket.Generate(1, 60_000, _t0, Timeframe.OneMinute, 1_200).ToList();
        var after = SyntheticMarket.Generate(2, 61_000, _t0.AddMinutes(3_000), Timeframe.OneMinute, 500).ToList();
        _server.Candles["BTCUSDT"] = before.Concat(after).ToList();
        var exchange = Exchange();
        var btc = await exchange.ResolveAsync("BTC", CancellationToken.None);

        var pages = await All(exchange.GetKlinesAsync(btc, Timeframe.OneMinute, _t0, _t0.AddMinutes(3_500), CancellationToken.None));

        Assert.Equal(before.Concat(after), pages.SelectMany(p => p.Candles));
        Assert.Equal(new[] { 1_000, 200, 0, 500 }, pages.Select(p => p.Candles.Count));
        Assert.Equal(_t0.AddMinutes(3_500), pages[^1].Through);
        Assert.All(_server.Requests.Where(r => r.Contains("kline")), r => Assert.Contains("limit=1000", r));
    }

    [Fact]
    public async Task Symbols_carry_tick_and_lot_sizes_and_a_coin_the_exchange_does_not_list_is_named()
    {
        _server.Candles["BTCUSDT"] = [];
        _server.Candles["ETHUSDT"] = [];
        var exchange = Exchange();
        var btc = await exchange.ResolveAsync("btc/usdt", CancellationToken.None);
        Assert.Equal(("BTCUSDT", "BTCUSDT", 0.01m, 0.000001m, 0.000048m), (btc.Code, btc.NativeId, btc.TickSize, btc.LotSize, btc.MinQuantity));

        var ex = await Assert.ThrowsAsync<FeedException>(() => exchange.ResolveAsync("DOGE", CancellationToken.None));
        Assert.Equal("Bybit does not list DOGE (DOGEUSDT).", ex.Message);
    }

    [Fact]
    public async Task A_429_is_waited_out_after_its_Retry_After_and_counted()
    {
        _server.Candles["BTCUSDT"] = SyntheticMarket.Generate(1, 60_000, _t0, Timeframe.OneMinute, 10).ToList();
        _server.RateLimitNext = 1;
        var exchange = Exchange();
        var btc = await exchange.ResolveAsync("BTCUSDT", CancellationToken.None);

        var pages = await All(exchange.GetKlinesAsync(btc, Timeframe.OneMinute, _t0, _t0.AddMinutes(10), CancellationToken.None));

        Assert.Equal(10, pages.Sum(p => p.Candles.Count));
        Assert.Equal(1, exchange.Policy.Traffic.RateLimitWaits);
        Assert.Contains("Bybit answered 429", exchange.Policy.Traffic.LastWait);
    }

    [Fact]
    public async Task RetCode_10006_in_a_200_answer_is_waited_out_until_X_Bapi_Limit_Reset_Timestamp_and_counted()
    {
        var clock = new FakeTimeProvider(_t0.AddDays(1));
        _server.Candles["BTCUSDT"] = SyntheticMarket.Generate(1, 60_000, _t0, Timeframe.OneMinute, 10).ToList();
        var reset = clock.GetUtcNow().AddMilliseconds(1_500);
        _server.BodyRateLimitNext = 1;
        _server.LimitReset = reset;
        var exchange = Exchange(clock);
        var btc = await exchange.ResolveAsync("BTCUSDT", CancellationToken.None);
        int KlineCalls() => _server.Requests.Count(r => r.Contains("/v5/market/kline"));

        var fetch = All(exchange.GetKlinesAsync(btc, Timeframe.OneMinute, _t0, _t0.AddMinutes(10), CancellationToken.None));
        await Wait(() => exchange.Policy.Traffic.RateLimitWaits == 1);
        Assert.Equal("Bybit: retCode 10006 (Too many visits!), request limit reached; waiting 1.5 s", exchange.Policy.Traffic.LastWait);
        while (!fetch.IsCompleted)
        {
            // Bybit is asked again only once its clock has reached the reset time it sent
            Assert.True(KlineCalls() == 1 || clock.GetUtcNow() >= reset, $"asked again at {clock.GetUtcNow():HH:mm:ss.fff}, before the reset at {reset:HH:mm:ss.fff}");
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.WhenAny(fetch, Task.Delay(20));
        }
        var pages = await fetch;

        Assert.Equal(_server.Candles["BTCUSDT"], pages.SelectMany(p => p.Candles));
        Assert.Equal(2, KlineCalls());
        Assert.True(clock.GetUtcNow() >= reset);
        Assert.Equal(1, exchange.Policy.Traffic.RateLimitWaits);
        Assert.Equal(TimeSpan.FromMilliseconds(1_500), exchange.Policy.Traffic.RateLimitWaited);
    }

    [Fact]
    public async Task An_interval_Bybit_does_not_serve_is_refused_with_the_list()
    {
        var exchange = Exchange();
        var ex = Assert.Throws<FeedException>(() => exchange.CreateFeed([new ExchangeSymbol("BTCUSDT", "BTCUSDT", "BTC", "USDT", 0.01m, 0.000001m, 0)], new Timeframe(TimeSpan.FromMinutes(2))));
        Assert.StartsWith("Bybit has no 2m candles; use 1m, 3m, 5m", ex.Message);
    }

    [Fact]
    public async Task The_stream_subscribes_pings_skips_malformed_messages_and_fills_the_gap_after_a_disconnect()
    {
        var now = DateTimeOffset.UtcNow;
        var t0 = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(-30);
        var history = SyntheticMarket.Generate(3, 60_000, t0, Timeframe.OneMinute, 20).ToList();
        _server.Candles["BTCUSDT"] = history;
        var exchange = Exchange();
        var feed = (ExchangeStreamFeed)exchange.CreateFeed([await exchange.ResolveAsync("BTC", CancellationToken.None)], Timeframe.OneMinute);
        var warm = await feed.WarmUpAsync("BTCUSDT", 10, CancellationToken.None);
        Assert.Equal(history.TakeLast(10), warm);

        var sink = new RecordingSink();
        using var cts = new CancellationTokenSource();
        var run = feed.RunAsync(sink, cts.Token);
        await Wait(() => _server.Connections >= 1 && _server.ClientMessages.Any(m => m.Contains("subscribe")));
        Assert.Contains("""{"op":"subscribe","args":["kline.1.BTCUSDT"]}""", _server.ClientMessages);

        var later = SyntheticMarket.Generate(4, 61_000, t0.AddMinutes(20), Timeframe.OneMinute, 4).ToList();
        _server.Send("not json at all");
        _server.Send("""{"topic":"orderbook.1.BTCUSDT","data":{}}""");
        _server.Send("""{"success":true,"ret_msg":"","conn_id":"x","op":"subscribe"}""");
        _server.Send(FakeBybit.Kline("BTCUSDT", later[0] with { Close = later[0].Open }, confirm: false));
        _server.Send(FakeBybit.Kline("BTCUSDT", later[0], confirm: true));
        await sink.WaitForAsync(s => s.Of(MarketEventKind.CandleClosed).Count == 1);
        _server.Candles["BTCUSDT"] = history.Concat(later).ToList();
        _server.Kill();                                                  // drops mid-stream; 3 candles close meanwhile
        await sink.WaitForAsync(s => s.Of(MarketEventKind.CandleClosed).Count == 4);
        await Wait(() => _server.ClientMessages.Contains("""{"op":"ping"}"""));
        cts.Cancel();
        await run;

        Assert.Equal(2, feed.MalformedMessages);
        Assert.Equal(later, sink.Of(MarketEventKind.CandleClosed).Select(e => e.Candle));
        Assert.True(feed.Health.Reconnects >= 1);
        Assert.Equal("bybit", feed.Health.Exchange);
        Assert.Equal(FeedStatus.Stopped, feed.Health.Status);
    }

    private static async Task Wait(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition());
    }

    [Fact]
    public async Task A_history_page_with_an_unreadable_row_is_an_error_naming_the_exchange_after_the_pages_before_it()
    {
        _server.Candles["BTCUSDT"] = SyntheticMarket.Generate(4, 60_000, _t0, Timeframe.OneMinute, 1500).ToList();
        var exchange = Exchange();
        var market = await exchange.ResolveAsync("BTCUSDT", CancellationToken.None);
        var received = new List<KlinePage>();

        var ex = await Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            await foreach (var page in exchange.GetKlinesAsync(market, Timeframe.OneMinute, _t0, _t0.AddMinutes(1500), CancellationToken.None))
            {
                received.Add(page);
                _server.MalformedNext = 1; // the second page has a row that is not a candle
            }
        });

        Assert.StartsWith("Bybit sent a klines page that could not be read:", ex.Message);
        Assert.Equal(1000, Assert.Single(received).Candles.Count);
    }
}
