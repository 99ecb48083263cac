using System.Net;
using System.Net.Http.Json;
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
        var start = await Http.PostAsync("/api/engine/start?data_source=bybit&interval=1m", null);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        for (int i = 0; i < 300 && _bybit.Connections == 0; i++) await Task.Delay(20);

        var status = await Json(await Http.GetAsync("/api/engine/status"));
        var feed = status.GetProperty("feed");
        Assert.Equal("bybit", feed.GetProperty("name").GetString());
        Assert.Equal("bybit", feed.GetProperty("exchange").GetString());
        Assert.Equal(0, feed.GetProperty("rate_limit_waits").GetInt64());
        Assert.Equal(["BTCUSDT"], feed.GetProperty("symbols").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains(_bybit.Requests, r => r.StartsWith("/v5/market/kline", StringComparison.Ordinal)); // warmed up from Bybit's history
        await Http.PostAsync("/api/engine/stop", null);
    }
}
