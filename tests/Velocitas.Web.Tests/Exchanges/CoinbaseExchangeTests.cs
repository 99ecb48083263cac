using Velocitas.Engine.Live;
using Velocitas.Engine.Market;
using Velocitas.Engine.Market.Exchanges;
using Velocitas.Engine.Market.Exchanges.Coinbase;
using Velocitas.Web.Tests.Feeds;

namespace Velocitas.Web.Tests.Exchanges;

public class CoinbaseExchangeTests : IAsyncLifetime
{
    private readonly FakeExchange _server = FakeCoinbase.Create();
    private readonly HttpClient _http = new();
    private readonly DateTimeOffset _t0 = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync() => _server.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private CoinbaseExchange Exchange(TimeProvider? clock = null) => new(_http, new CoinbaseOptions
    {
        RestBaseUrl = _server.RestBase, StreamBaseUrl = _server.StreamBase,
        InitialBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(200),
    }, clock);

    /// <summary>Real timers, but "now" is what the test says (candles close when the test moves it).</summary>
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static async Task<List<KlinePage>> All(IAsyncEnumerable<KlinePage> pages)
    {
        var list = new List<KlinePage>();
        await foreach (var p in pages) list.Add(p);
        return list;
    }

    [Fact]
    public async Task A_bare_coin_is_its_USD_product_and_a_pair_keeps_its_quote()
    {
        _server.Candles["BTC-USD"] = [];
        _server.Candles["BTC-USDT"] = [];
        var exchange = Exchange();
        var usd = await exchange.ResolveAsync("BTC", CancellationToken.None);
        var usdt = await exchange.ResolveAsync("BTCUSDT", CancellationToken.None);
        Assert.Equal(("BTCUSD", "BTC-USD", 0.01m, 0.00000001m), (usd.Code, usd.NativeId, usd.TickSize, usd.LotSize));
        Assert.Equal("BTC-USDT", usdt.NativeId);
        var ex = await Assert.ThrowsAsync<FeedException>(() => exchange.ResolveAsync("BTC/EUR", CancellationToken.None));
        Assert.Equal("Coinbase Exchange does not list BTC/EUR (BTCEUR); it lists BTC-USD, BTC-USDT.", ex.Message);
    }

    [Fact]
    public async Task History_pages_300_buckets_at_a_time_newest_first_with_an_empty_page_for_an_outage()
    {
        var before = SyntheticMarket.Generate(1, 60_000, _t0, Timeframe.OneMinute, 450).ToList();
        var after = SyntheticMarket.Generate(2, 61_000, _t0.AddMinutes(900), Timeframe.OneMinute, 100).ToList();
        _server.Candles["BTC-USD"] = before.Concat(after).ToList();
        _server.RateLimitNext = 1;
        var exchange = Exchange();
        var btc = await exchange.ResolveAsync("BTC", CancellationToken.None);

        var pages = await All(exchange.GetKlinesAsync(btc, Timeframe.OneMinute, _t0, _t0.AddMinutes(1_000), CancellationToken.None));

        Assert.Equal(before.Concat(after), pages.SelectMany(p => p.Candles));
        Assert.Equal(new[] { 300, 150, 0, 100 }, pages.Select(p => p.Candles.Count));
        Assert.Equal(1, exchange.Policy.Traffic.RateLimitWaits); // the first request (products) got a 429 and was retried
    }

    [Fact]
    public async Task The_stream_builds_candles_from_matches_skips_malformed_messages_and_fills_the_gap_after_a_disconnect()
    {
        var t0 = new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero);
        var m = t0.AddMinutes(20);
        var clock = new ManualClock(m.AddSeconds(5));
        var history = SyntheticMarket.Generate(3, 60_000, t0, Timeframe.OneMinute, 20).ToList();
        _server.Candles["BTC-USD"] = history;
        var exchange = Exchange(clock);
        var feed = (ExchangeStreamFeed)exchange.CreateFeed([await exchange.ResolveAsync("BTC", CancellationToken.None)], Timeframe.OneMinute);
        Assert.Equal(history.TakeLast(5), await feed.WarmUpAsync("BTCUSD", 5, CancellationToken.None));

        var sink = new RecordingSink();
        using var cts = new CancellationTokenSource();
        var run = feed.RunAsync(sink, cts.Token);
        for (int i = 0; i < 500 && _server.ClientMessages.IsEmpty; i++) await Task.Delay(10);
        Assert.Equal("""{"type":"subscribe","product_ids":["BTC-USD"],"channels":["matches","heartbeat"]}""", Assert.Single(_server.ClientMessages));

        // trades in the minute after the history: 100, 103, 99, 101 → O 100 H 103 L 99 C 101, volume 1.0
        clock.Now = m.AddSeconds(50);
        _server.Send("{\"type\":\"subscriptions\",\"channels\":[]}");
        _server.Send("{\"type\":\"match\",\"product_id\":\"BTC-USD\"}");
        _server.Send("{\"type\":\"ticker\"}");
        decimal[] prices = [100m, 103m, 99m, 101m];
        for (int i = 0; i < prices.Length; i++) _server.Send(FakeCoinbase.Match("BTC-USD", m.AddSeconds(10 * i), prices[i], 0.25m));
        _server.Send(FakeCoinbase.Match("BTC-USD", m.AddMinutes(1), 102m, 0.5m)); // opens the next candle: the first closes
        await sink.WaitForAsync(s => s.Of(MarketEventKind.CandleClosed).Count == 1);
        Assert.Equal(new Candle(m, 100m, 103m, 99m, 101m, 1.0), sink.Of(MarketEventKind.CandleClosed)[0].Candle);

        var filled = SyntheticMarket.Generate(5, 62_000, m.AddMinutes(1), Timeframe.OneMinute, 3).ToList();
        _server.Candles["BTC-USD"] = history.Append(sink.Of(MarketEventKind.CandleClosed)[0].Candle).Concat(filled).ToList();
        clock.Now = m.AddMinutes(4).AddSeconds(1); // three more candles closed while the connection is down
        _server.Kill();
        await sink.WaitForAsync(s => s.Of(MarketEventKind.CandleClosed).Count == 4);
        cts.Cancel();
        await run;

        Assert.Equal(2, feed.MalformedMessages);
        Assert.Equal(filled, sink.Of(MarketEventKind.CandleClosed).Skip(1).Select(e => e.Candle));
        Assert.True(feed.Health.Reconnects >= 1);
    }

    [Fact]
    public async Task A_history_page_with_an_unreadable_row_is_an_error_naming_the_exchange_after_the_pages_before_it()
    {
        _server.Candles["BTC-USD"] = SyntheticMarket.Generate(4, 60_000, _t0, Timeframe.OneMinute, 450).ToList();
        var exchange = Exchange();
        var market = await exchange.ResolveAsync("BTC-USD", CancellationToken.None);
        var received = new List<KlinePage>();

        var ex = await Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            await foreach (var page in exchange.GetKlinesAsync(market, Timeframe.OneMinute, _t0, _t0.AddMinutes(450), CancellationToken.None))
            {
                received.Add(page);
                _server.MalformedNext = 1; // the second page has a row that is not a candle
            }
        });

        Assert.StartsWith("Coinbase Exchange sent a candles page that could not be read:", ex.Message);
        Assert.Equal(300, Assert.Single(received).Candles.Count);
    }

    [Fact]
    public async Task A_connection_that_goes_silent_is_dropped_after_the_receive_timeout_and_opened_again()
    {
        _server.Candles["BTC-USD"] = [];
        var exchange = new CoinbaseExchange(_http, new CoinbaseOptions
        {
            RestBaseUrl = _server.RestBase, StreamBaseUrl = _server.StreamBase,
            InitialBackoff = TimeSpan.FromSeconds(2), ReceiveTimeout = TimeSpan.FromMilliseconds(300),
        });
        var feed = exchange.CreateFeed([await exchange.ResolveAsync("BTC", CancellationToken.None)], Timeframe.OneMinute);
        using var cts = new CancellationTokenSource();
        var run = feed.RunAsync(new RecordingSink(), cts.Token);

        string? lost = null;
        for (int i = 0; i < 2_000 && (lost is null || _server.Connections < 2); i++)
        {
            if (feed.Health.Status == FeedStatus.Reconnecting) lost ??= feed.Health.Message;
            await Task.Delay(5);
        }
        cts.Cancel();
        await run;

        Assert.Equal("connection lost (no message from Coinbase Exchange for 0.3 s); reconnecting in 2 s", lost);
        Assert.True(_server.Connections >= 2, $"{_server.Connections} connection(s)");
        Assert.True(feed.Health.Reconnects >= 1);
    }
}
