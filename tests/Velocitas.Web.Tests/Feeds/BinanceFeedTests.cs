using Velocitas.Engine.Live;
using Velocitas.Engine.Live.Binance;
using Velocitas.Engine.Market;

namespace Velocitas.Web.Tests.Feeds;

public class BinanceFeedTests : IAsyncLifetime
{
    private readonly FakeBinance _server = new();
    private readonly HttpClient _http = new();
    private DateTimeOffset _t0;
    private List<Candle> _candles = [];

    public async Task InitializeAsync()
    {
        await _server.StartAsync();
        // 40 closed one-minute candles ending a few minutes ago
        var now = DateTimeOffset.UtcNow;
        _t0 = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(-45);
        _candles = SyntheticMarket.Generate(3, 60_000, _t0, Timeframe.OneMinute, 40).ToList();
        _server.SetKlines("BTCUSDT", _candles);
        _server.SetKlines("ETHUSDT", SyntheticMarket.Generate(4, 3_000, _t0, Timeframe.OneMinute, 40));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private BinanceFeed Feed(params string[] coins) => new(coins, _http, new BinanceOptions
    {
        RestBaseUrl = _server.RestBase,
        StreamBaseUrl = _server.StreamBase,
        InitialBackoff = TimeSpan.FromMilliseconds(50),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
    });

    [Fact]
    public async Task ExchangeInfo_gives_tick_and_lot_sizes_and_unknown_symbols_are_named()
    {
        var feed = Feed("BTC", "ETH");
        await feed.ValidateAsync(CancellationToken.None);
        Assert.Equal(new[] { ("BTCUSDT", 0.01m, 0.00001m), ("ETHUSDT", 0.01m, 0.00001m) }, feed.Rules.Select(r => (r.Symbol, r.TickSize, r.StepSize)));

        var ex = await Assert.ThrowsAsync<FeedException>(() => Feed("BTC", "NOPE").ValidateAsync(CancellationToken.None));
        Assert.Contains("Binance does not list one of BTCUSDT, NOPEUSDT", ex.Message);
    }

    [Fact]
    public async Task Warm_up_reads_closed_klines_from_REST_and_waits_out_a_429()
    {
        _server.RateLimitNext = 1;
        var feed = Feed("BTC");
        var history = await feed.WarmUpAsync("BTCUSDT", 30, CancellationToken.None);

        Assert.Equal(_candles.TakeLast(30), history);
        Assert.Equal(2, _server.KlineRequests);
        Assert.Contains("429", feed.Health.Message);
    }

    [Fact]
    public async Task Stream_events_become_candle_opens_ticks_and_closes_and_malformed_messages_are_skipped()
    {
        var feed = Feed("BTC");
        var sink = new RecordingSink();
        using var cts = new CancellationTokenSource();
        var run = feed.RunAsync(sink, cts.Token);
        await WaitConnected(1);
        Assert.Equal("btcusdt@kline_1m/btcusdt@trade", _server.LastStreams);

        var c = _candles[^1];
        _server.Send("this is not json");
        _server.Send("""{"stream":"btcusdt@kline_1m","data":{"e":"kline","s":"BTCUSDT"}}""");
        _server.Send(FakeBinance.Kline("BTCUSDT", c with { Close = c.Open }, closed: false));
        _server.Send(FakeBinance.Trade("BTCUSDT", c.Time.AddSeconds(5), 60_123.45m));
        _server.Send(FakeBinance.Kline("BTCUSDT", c, closed: true));
        await sink.WaitForAsync(s => s.Of(MarketEventKind.CandleClosed).Count == 1);
        cts.Cancel();
        await run;

        Assert.Equal(2, feed.MalformedMessages);
        Assert.Equal(c.Open, Assert.Single(sink.Of(MarketEventKind.CandleOpened)).Price);
        Assert.Equal(60_123.45m, Assert.Single(sink.Of(MarketEventKind.Tick)).Price);
        Assert.Equal(c, sink.Of(MarketEventKind.CandleClosed)[0].Candle);
        Assert.Equal(FeedStatus.Stopped, feed.Health.Status);
    }

    [Fact]
    public async Task A_killed_connection_is_reconnected_and_the_missed_candles_are_filled_from_REST()
    {
        var feed = Feed("BTC");
        await feed.WarmUpAsync("BTCUSDT", 10, CancellationToken.None); // last closed candle known: the 40th
        // the server now has 5 more candles that closed while we were not listening
        var later = SyntheticMarket.Generate(9, 61_000, _t0.AddMinutes(40), Timeframe.OneMinute, 5);
        _server.SetKlines("BTCUSDT", _candles.Concat(later));

        var sink = new RecordingSink();
        using var cts = new CancellationTokenSource();
        var run = feed.RunAsync(sink, cts.Token);
        await WaitConnected(1);
        _server.Send(FakeBinance.Kline("BTCUSDT", later[0], closed: true));   // arrives live
        await sink.WaitForAsync(s => s.Of(MarketEventKind.CandleClosed).Count == 1);
        _server.Kill();                                                        // connection drops mid-stream
        await WaitConnected(2);
        await sink.WaitForAsync(s => s.Of(MarketEventKind.CandleClosed).Count == 5);
        _server.Send(FakeBinance.Kline("BTCUSDT", later[4], closed: true));   // duplicate of a filled candle: ignored
        _server.Send(FakeBinance.Trade("BTCUSDT", DateTimeOffset.UtcNow, 61_000m));
        await sink.WaitForAsync(s => s.Of(MarketEventKind.Tick).Count == 1);
        cts.Cancel();
        await run;

        Assert.Equal(later, sink.Of(MarketEventKind.CandleClosed).Select(e => e.Candle));
        Assert.Equal(later.Select(c => c.Time), sink.Of(MarketEventKind.CandleOpened).Select(e => e.Time));
        Assert.True(feed.Health.Reconnects >= 1);
    }

    [Fact]
    public async Task The_connection_is_renewed_before_the_24_hour_limit()
    {
        var feed = new BinanceFeed(["BTC"], _http, new BinanceOptions
        {
            RestBaseUrl = _server.RestBase, StreamBaseUrl = _server.StreamBase,
            MaxConnectionAge = TimeSpan.FromMilliseconds(300), InitialBackoff = TimeSpan.FromMilliseconds(20),
        });
        var sink = new RecordingSink();
        using var cts = new CancellationTokenSource();
        var run = feed.RunAsync(sink, cts.Token);
        await WaitConnected(1);
        for (int i = 0; i < 20 && _server.Connections < 2; i++)
        {
            _server.Send(FakeBinance.Trade("BTCUSDT", DateTimeOffset.UtcNow, 60_000m + i));
            await Task.Delay(100);
        }
        cts.Cancel();
        await run;
        Assert.True(_server.Connections >= 2, $"{_server.Connections} connection(s)");
    }

    [Fact]
    public async Task The_live_engine_trades_on_the_Binance_feed()
    {
        using var db = new TempDatabase();
        await using var engine = new LiveEngine(db.Live);
        await engine.InitializeAsync();
        var instance = await engine.AddInstanceAsync(new InstanceSpec { StrategyId = "sma-crossover", Symbol = "BTC", Parameters = new Dictionary<string, double> { ["fast"] = 3, ["slow"] = 8 } });
        var feed = Feed("BTC");
        await engine.StartAsync(feed);
        Assert.True(engine.GetInstance(instance.Id)!.IsWarm); // warmed up from REST klines
        await WaitConnected(1);
        var next = SyntheticMarket.Generate(5, 60_000, _t0.AddMinutes(40), Timeframe.OneMinute, 3);
        foreach (var c in next) _server.Send(FakeBinance.Kline("BTCUSDT", c, closed: true));
        for (int i = 0; i < 200 && engine.GetInstance(instance.Id)!.Candles < 3; i++) await Task.Delay(20);
        await engine.StopAsync();
        Assert.Equal(3, engine.Snapshot.Instances[0].Candles);
        Assert.Equal("binance", engine.Snapshot.Feed!.Name);
        var restored = new LiveEngine(db.Live);
        await restored.InitializeAsync();
        Assert.Equal(engine.Snapshot.Instances[0].Cash, restored.PublishSnapshot().Instances[0].Cash);
        await restored.DisposeAsync();
    }

    private async Task WaitConnected(int connections)
    {
        for (int i = 0; i < 500 && _server.Connections < connections; i++) await Task.Delay(10);
        Assert.True(_server.Connections >= connections, $"expected {connections} connection(s), saw {_server.Connections}");
        await Task.Delay(50);
    }
}
