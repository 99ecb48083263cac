using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Velocitas.Engine.Market;

namespace Velocitas.Web.Tests.Exchanges;

/// <summary>The live engine on an exchange other than Binance, through the REST API: coins checked against the exchange's markets, status with the exchange.</summary>
public class LiveExchangeApiTests : ApiTestBase
{
    private readonly Dictionary<string, string?> _settings;
    private readonly FakeExchange _bybit = FakeBybit.Create();

    public LiveExchangeApiTests() : this(new Dictionary<string, string?>())
    {
    }

    private LiveExchangeApiTests(Dictionary<string, string?> settings) : base(settings) => _settings = settings;

    public override async Task InitializeAsync()
    {
        await _bybit.StartAsync();
        _settings["Velocitas:Feeds:Bybit:RestBaseUrl"] = _bybit.RestBase.ToString();
        _settings["Velocitas:Feeds:Bybit:StreamBaseUrl"] = _bybit.StreamBase.ToString();
        var now = DateTimeOffset.UtcNow;
        var t0 = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(-60);
        _bybit.Candles["BTCUSDT"] = SyntheticMarket.Generate(3, 60_000, t0, Timeframe.OneMinute, 55).ToList();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _bybit.DisposeAsync();
    }

    [Fact]
    public async Task A_coin_the_exchange_does_not_list_is_refused_and_a_running_feed_reports_its_exchange()
    {
        var refused = await Http.PostAsync("/api/engine/start?data_source=bybit&coins=DOGE", null);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Bybit does not list DOGE (DOGEUSDT).", (await Json(refused)).GetProperty("detail").GetString());

        var register = await Http.PostAsJsonAsync("/api/strategies/register", new { strategy_name = "SMA_Crossover", coin = "BTC", @params = new { fast_period = 3, slow_period = 8 } });
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        _bybit.RateLimitNext = 1; // the warm-up's first klines request is refused with a 429 (Retry-After: 1)
        var start = await Http.PostAsync("/api/engine/start?data_source=bybit&interval=1m", null);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        var feed = await FeedWhen(f => f.GetProperty("status").GetString() == "connected");

        Assert.Equal("bybit", feed.GetProperty("name").GetString());
        Assert.Equal("bybit", feed.GetProperty("exchange").GetString());
        Assert.Equal((0, 1L), (feed.GetProperty("reconnects").GetInt32(), feed.GetProperty("rate_limit_waits").GetInt64()));
        Assert.Equal("00:00:01", feed.GetProperty("rate_limit_waited").GetString());
        Assert.Equal("Bybit answered 429 (too many requests); retrying after 1 s.", feed.GetProperty("last_rate_limit").GetString());
        Assert.Equal(["BTCUSDT"], feed.GetProperty("symbols").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains(_bybit.Requests, r => r.StartsWith("/v5/market/kline", StringComparison.Ordinal)); // warmed up from Bybit's history

        _bybit.Kill(); // the connection drops: the feed reconnects and says so
        feed = await FeedWhen(f => f.GetProperty("reconnects").GetInt32() >= 1 && f.GetProperty("status").GetString() == "connected");
        Assert.True(_bybit.Connections >= 2, $"{_bybit.Connections} connection(s)");
        await Http.PostAsync("/api/engine/stop", null);
    }

    [Fact]
    public async Task An_instance_on_an_exchange_takes_its_lot_and_tick_sizes_and_fills_in_whole_lots()
    {
        _bybit.LotSize = "0.001";
        var now = DateTimeOffset.UtcNow;
        var t0 = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(-40);
        // 30 falling candles: the fast SMA stays below the slow one until the first live candle jumps
        _bybit.Candles["BTCUSDT"] = Enumerable.Range(0, 30).Select(k => Flat(t0.AddMinutes(k), 60_000m - (100m * k))).ToList();

        var register = await Http.PostAsJsonAsync("/api/strategies/register", new { strategy_name = "SMA_Crossover", coin = "btc", exchange = "bybit", @params = new { fast_period = 2, slow_period = 4 } });
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        var instance = (await Json(register)).GetProperty("strategy");
        int id = instance.GetProperty("strategy_id").GetInt32();
        Assert.Equal("BTCUSDT", instance.GetProperty("coin").GetString());
        Assert.Equal(0.001m, instance.GetProperty("lot_step").GetDecimal());
        var market = instance.GetProperty("market_rules");
        Assert.Equal(("bybit", "BTCUSDT", 0.01m, 0.001m), (market.GetProperty("exchange").GetString(), market.GetProperty("symbol").GetString(), market.GetProperty("tick_size").GetDecimal(), market.GetProperty("lot_size").GetDecimal()));

        var finer = await Http.PostAsJsonAsync("/api/strategies/register", new { strategy_name = "SMA_Crossover", coin = "BTC", exchange = "bybit", lot_step = 0.0001 });
        Assert.Equal(HttpStatusCode.BadRequest, finer.StatusCode);
        Assert.Equal("Bybit trades BTCUSDT in lots of 0.001; a lot step of 0.0001 is not a multiple of it (leave it at the default to take 0.001).",
            (await Json(finer)).GetProperty("errors").GetProperty("lot_step")[0].GetString());
        var unlisted = await Http.PostAsJsonAsync("/api/strategies/register", new { strategy_name = "SMA_Crossover", coin = "DOGE", exchange = "bybit" });
        Assert.Equal("Bybit does not list DOGE (DOGEUSDT).", (await Json(unlisted)).GetProperty("errors").GetProperty("coin")[0].GetString());

        Assert.Equal(HttpStatusCode.OK, (await Http.PostAsync("/api/engine/start?data_source=bybit&interval=1m", null)).StatusCode);
        for (int i = 0; i < 500 && !_bybit.ClientMessages.Any(m => m.Contains("subscribe")); i++) await Task.Delay(20);
        // on the running Bybit feed an instance takes Bybit's rules without asking; another exchange is refused
        var implicitOne = await Json(await Http.PostAsJsonAsync("/api/strategies/register", new { strategy_name = "SMA_Crossover", coin = "BTCUSDT", watch_only = true }));
        Assert.Equal("bybit", implicitOne.GetProperty("strategy").GetProperty("market_rules").GetProperty("exchange").GetString());
        var other = await Http.PostAsJsonAsync("/api/strategies/register", new { strategy_name = "SMA_Crossover", coin = "BTC", exchange = "coinbase" });
        Assert.StartsWith("The engine runs on the Bybit feed", (await Json(other)).GetProperty("errors").GetProperty("exchange")[0].GetString());

        _bybit.Send(FakeBybit.Kline("BTCUSDT", Flat(t0.AddMinutes(30), 70_000m), confirm: true)); // fast crosses above slow: buy at the next open
        _bybit.Send(FakeBybit.Kline("BTCUSDT", Flat(t0.AddMinutes(31), 70_000m), confirm: false));
        JsonElement bought = default;
        for (int i = 0; i < 500; i++)
        {
            bought = await Json(await Http.GetAsync($"/api/metrics/{id}"));
            if (bought.GetProperty("position").GetDecimal() > 0) break;
            await Task.Delay(20);
        }

        // all-in: floor(10,000 / (70,000 × 1.001) / 0.001) lots of 0.001 (the default lot step would buy 0.1427)
        decimal position = bought.GetProperty("position").GetDecimal();
        Assert.Equal(0.142m, position);
        Assert.Equal(0m, position % 0.001m);
        Assert.Equal(70_000m, bought.GetProperty("avg_entry_price").GetDecimal());
        await Http.PostAsync("/api/engine/stop", null);

        await RestartAsync(); // the market rules are stored with the instance
        var reloaded = await Json(await Http.GetAsync($"/api/metrics/{id}"));
        Assert.Equal(0.001m, reloaded.GetProperty("lot_step").GetDecimal());
        Assert.Equal("BTCUSDT", reloaded.GetProperty("market_rules").GetProperty("symbol").GetString());
    }

    /// <summary>GET /api/engine/status until its feed matches <paramref name="condition"/>; returns that feed.</summary>
    private async Task<JsonElement> FeedWhen(Func<JsonElement, bool> condition)
    {
        JsonElement feed = default;
        for (int i = 0; i < 500; i++)
        {
            feed = (await Json(await Http.GetAsync("/api/engine/status"))).GetProperty("feed");
            if (feed.ValueKind == JsonValueKind.Object && condition(feed)) return feed;
            await Task.Delay(20);
        }
        throw new TimeoutException($"the feed never matched; last status: {feed}");
    }

    private static Candle Flat(DateTimeOffset time, decimal price) => new(time, price, price, price, price, 1);
}
