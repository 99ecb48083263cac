using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Velocitas.Web.Tests;

public class LiveApiTests() : ApiTestBase(new() { ["Velocitas:Feeds:Synthetic:TicksPerCandle"] = "3" })
{
    private Task<HttpResponseMessage> Register(object body) => Http.PostAsJsonAsync("/api/strategies/register", body);

    [Fact]
    public async Task Register_start_watch_metrics_trades_and_pnl_then_stop_like_the_original_service()
    {
        var r1 = await Register(new { strategy_name = "SMA_Crossover", coin = "BTC", @params = new { fast_period = 3, slow_period = 8 } });
        Assert.Equal(HttpStatusCode.Created, r1.StatusCode);
        var sma = await Json(r1);
        Assert.Equal("registered", sma.GetProperty("status").GetString());
        Assert.Equal("fast=3, slow=8", sma.GetProperty("strategy").GetProperty("params").GetString());
        var r2 = await Register(new { strategyName = "RSI", symbol = "ETH", parameters = new { rsi_period = 7, oversold = 40, overbought = 60 }, initialCash = 5000 });
        Assert.Equal(HttpStatusCode.Created, r2.StatusCode);
        Assert.Equal(5000, (await Json(r2)).GetProperty("strategy").GetProperty("initial_cash").GetDecimal());

        var start = await Http.PostAsync("/api/engine/start?data_source=synthetic&coins=BTC,ETH&tick_rate=20000", null);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Equal("synthetic", (await Json(start)).GetProperty("data_source").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await Http.PostAsync("/api/engine/start?data_source=synthetic", null)).StatusCode);

        JsonElement metrics = default;
        for (int i = 0; i < 100; i++)
        {
            await Task.Delay(100);
            metrics = await Json(await Http.GetAsync("/api/metrics"));
            if (metrics.GetProperty("global_metrics").GetProperty("total_trades").GetInt32() >= 2) break;
        }
        var global = metrics.GetProperty("global_metrics");
        Assert.Equal("running", global.GetProperty("status").GetString());
        Assert.True(global.GetProperty("total_trades").GetInt32() >= 2);
        Assert.Equal(2, metrics.GetProperty("strategies").GetArrayLength());

        var stop = await Http.PostAsync("/api/engine/stop", null);
        Assert.Equal("stopped", (await Json(stop)).GetProperty("status").GetString());

        var pnl = await Json(await Http.GetAsync("/api/pnl"));
        decimal overall = pnl.GetProperty("overall").GetProperty("realized_pnl").GetDecimal();
        Assert.Equal(overall, pnl.GetProperty("by_coin").EnumerateArray().Sum(c => c.GetProperty("realized_pnl").GetDecimal()));
        Assert.Equal(overall, pnl.GetProperty("by_strategy").EnumerateArray().Sum(c => c.GetProperty("realized_pnl").GetDecimal()));

        int smaId = sma.GetProperty("strategy_id").GetInt32();
        var instance = await Json(await Http.GetAsync($"/api/metrics/{smaId}"));
        int smaTrades = instance.GetProperty("total_trades").GetInt32();
        var trades = await Json(await Http.GetAsync($"/api/trades/{smaId}?page=1&page_size=2"));
        Assert.Equal(smaTrades, trades.GetProperty("total").GetInt32());
        Assert.True(trades.GetProperty("trades").GetArrayLength() <= 2);
        var all = await Json(await Http.GetAsync("/api/trades"));
        Assert.True(all.GetProperty("total").GetInt32() >= global.GetProperty("total_trades").GetInt32());
        Assert.Equal(instance.GetProperty("realized_pnl").GetDecimal(),
            (await Json(await Http.GetAsync($"/api/trades/{smaId}?page_size=1000"))).GetProperty("trades").EnumerateArray().Sum(t => t.GetProperty("pnl").GetDecimal()));

        var un = await Http.PostAsJsonAsync("/api/strategies/unregister", new { strategy_id = smaId });
        Assert.Equal("unregistered", (await Json(un)).GetProperty("status").GetString());
        Assert.Equal(1, (await Json(await Http.GetAsync("/api/strategies"))).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"/api/metrics/{smaId}")).StatusCode);
        // a removed instance's trades stay in the history (an instance that never traded is simply gone)
        var removed = await Http.GetAsync($"/api/trades/{smaId}");
        if (smaTrades > 0) Assert.Equal(smaTrades, (await Json(removed)).GetProperty("total").GetInt32());
        else Assert.Equal(HttpStatusCode.NotFound, removed.StatusCode);
    }

    [Fact]
    public async Task Bad_registrations_and_starts_name_the_field_at_fault()
    {
        async Task<(HttpStatusCode, JsonElement)> Problem(Task<HttpResponseMessage> call)
        {
            var r = await call;
            return (r.StatusCode, await Json(r));
        }

        var (s1, p1) = await Problem(Register(new { strategy_name = "Turtle", coin = "BTC" }));
        Assert.Equal(HttpStatusCode.BadRequest, s1);
        Assert.Contains("Unknown strategy 'Turtle'", p1.GetProperty("errors").GetProperty("strategy_name")[0].GetString());

        var (s2, p2) = await Problem(Register(new { strategy_name = "SMA_Crossover", coin = "BTC", @params = new { fast_period = 30, slow_period = 10 } }));
        Assert.Equal(HttpStatusCode.BadRequest, s2);
        Assert.Equal("fast (30) must be less than slow (10).", p2.GetProperty("errors").GetProperty("params.fast")[0].GetString());

        var (s3, p3) = await Problem(Register(new { strategy_name = "RSI", coin = "" }));
        Assert.Equal(HttpStatusCode.BadRequest, s3);
        Assert.True(p3.GetProperty("errors").TryGetProperty("coin", out _));

        var (s4, p4) = await Problem(Http.PostAsync("/api/engine/start?data_source=bloomberg", null));
        Assert.Equal(HttpStatusCode.BadRequest, s4);
        Assert.Contains("Unknown data source 'bloomberg'", p4.GetProperty("errors").GetProperty("data_source")[0].GetString());

        var (s5, p5) = await Problem(Http.PostAsync("/api/engine/start?data_source=csv", null));
        Assert.Equal(HttpStatusCode.BadRequest, s5);
        Assert.Contains("give dataset_ids", p5.GetProperty("errors").GetProperty("data_source")[0].GetString());

        var (s6, p6) = await Problem(Http.PostAsync("/api/engine/start?data_source=synthetic&tick_rate=500000", null));
        Assert.Equal(HttpStatusCode.BadRequest, s6);
        Assert.Contains("between 1 and 100,000", p6.GetProperty("errors").GetProperty("data_source")[0].GetString());

        var (s7, _) = await Problem(Http.PostAsJsonAsync("/api/strategies/unregister", new { strategy_id = 999 }));
        Assert.Equal(HttpStatusCode.NotFound, s7);
        var (s8, p8) = await Problem(Http.GetAsync("/api/trades/999"));
        Assert.Equal(HttpStatusCode.NotFound, s8);
        Assert.Contains("#999 does not exist and has no stored trades", p8.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Csv_replay_of_a_dataset_trades_at_maximum_speed_even_after_a_run_on_todays_clock()
    {
        Assert.Equal(HttpStatusCode.Created, (await Register(new { strategy_name = "macd", coin = "BTC" })).StatusCode);
        // first a while on the synthetic feed, whose clock is today's: the 2024 dataset is then older than the account
        await Http.PostAsync("/api/engine/start?data_source=synthetic&coins=BTC&tick_rate=20000", null);
        for (int i = 0; i < 100 && (await Json(await Http.GetAsync("/api/strategies")))[0].GetProperty("candles").GetInt32() < 5; i++) await Task.Delay(100);
        await Http.PostAsync("/api/engine/stop", null);
        var before = (await Json(await Http.GetAsync("/api/strategies")))[0];
        Assert.Equal("synthetic", before.GetProperty("market").GetString());

        // the replay is another market: the plan says which open position (if any) closes first, at the synthetic market's last price
        var plan = await Json(await Http.GetAsync("/api/engine/start-plan?data_source=csv&dataset_ids=1&speed=max"));
        string replay = plan.GetProperty("markets").GetProperty("BTCUSDT").GetString()!;
        Assert.StartsWith("csv replay of dataset #1 (", replay);
        bool wasLong = before.GetProperty("position").GetDecimal() > 0;
        Assert.Equal(wasLong ? 1 : 0, plan.GetProperty("closes_positions").GetArrayLength());

        var start = await Http.PostAsync("/api/engine/start?data_source=csv&dataset_ids=1&speed=max", null);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        var closed = (await Json(start)).GetProperty("closed_positions");
        Assert.Equal(wasLong ? 1 : 0, closed.GetArrayLength());
        if (wasLong) Assert.Equal("synthetic", closed[0].GetProperty("from_market").GetString());
        JsonElement status = default;
        for (int i = 0; i < 100; i++)
        {
            await Task.Delay(100);
            status = await Json(await Http.GetAsync("/api/engine/status"));
            if (status.GetProperty("feed").GetProperty("status").GetString() == "completed") break;
        }
        Assert.Equal("completed", status.GetProperty("feed").GetProperty("status").GetString());
        await Http.PostAsync("/api/engine/stop", null);
        var m = await Json(await Http.GetAsync("/api/metrics"));
        Assert.True(m.GetProperty("strategies")[0].GetProperty("candles").GetInt32() >= 6000);
        Assert.Equal(replay, m.GetProperty("strategies")[0].GetProperty("market").GetString());
        if (wasLong)
        {
            // the position was closed at its own market's price and time, never at the 2024 replay's
            var trades = await Json(await Http.GetAsync("/api/trades?page_size=1000"));
            var switchTrade = trades.GetProperty("trades").EnumerateArray().Single(t => t.GetProperty("exit_reason").GetString() == "market-changed");
            Assert.True(switchTrade.GetProperty("exit_time").GetDateTimeOffset() >= switchTrade.GetProperty("entry_time").GetDateTimeOffset());
        }
        Assert.True(m.GetProperty("global_metrics").GetProperty("total_trades").GetInt32() > 10);
    }

    [Fact]
    public async Task Websockets_stream_metrics_every_second_and_each_trade()
    {
        await Register(new { strategy_name = "SMA_Crossover", coin = "BTC", @params = new { fast_period = 2, slow_period = 4 } });
        var baseUri = new Uri(Http.BaseAddress!.ToString().Replace("http://", "ws://"));
        using var metrics = new ClientWebSocket();
        await metrics.ConnectAsync(new Uri(baseUri, "/ws/metrics"), CancellationToken.None);
        using var trades = new ClientWebSocket();
        await trades.ConnectAsync(new Uri(baseUri, "/ws/trades"), CancellationToken.None);
        Assert.Equal("hello", (await Receive(trades)).GetProperty("type").GetString());
        await Http.PostAsync("/api/engine/start?data_source=synthetic&coins=BTC&tick_rate=20000", null);

        var first = await Receive(metrics);
        Assert.True(first.TryGetProperty("global_metrics", out _));
        Assert.True(first.TryGetProperty("strategies", out _));
        var trade = await Receive(trades, TimeSpan.FromSeconds(20));
        Assert.Equal("trade", trade.GetProperty("type").GetString());
        Assert.Equal("BTCUSDT", trade.GetProperty("trade").GetProperty("coin").GetString());
        var started = DateTime.UtcNow;
        await Receive(metrics);
        await Receive(metrics);
        Assert.InRange((DateTime.UtcNow - started).TotalSeconds, 0.5, 5);
        await metrics.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        await Http.PostAsync("/api/engine/stop", null);
    }

    private static async Task<JsonElement> Receive(ClientWebSocket socket, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[1 << 16];
        var text = new StringBuilder();
        WebSocketReceiveResult r;
        do
        {
            r = await socket.ReceiveAsync(buffer, cts.Token);
            text.Append(Encoding.UTF8.GetString(buffer, 0, r.Count));
        }
        while (!r.EndOfMessage);
        return JsonDocument.Parse(text.ToString()).RootElement;
    }
}
