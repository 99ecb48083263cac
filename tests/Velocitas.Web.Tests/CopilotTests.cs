using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Velocitas.Web.Services.Copilot;

namespace Velocitas.Web.Tests;

public class CopilotApiTests() : ApiTestBase(Fast)
{
    private static readonly Dictionary<string, string?> Fast = new() { ["Velocitas:Feeds:Synthetic:TicksPerCandle"] = "3", ["Velocitas:Copilot:WebhookFirstRetryMs"] = "50" };

    private async Task<JsonElement> Until(string url, Func<JsonElement, bool> done, int seconds = 30)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var json = await Json(await Http.GetAsync(url));
            if (done(json)) return json;
            if (watch.Elapsed > TimeSpan.FromSeconds(seconds)) throw new TimeoutException($"{url} never satisfied the condition; last: {json}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Alerts_flow_from_the_engine_to_the_api_and_the_websocket_take_risk_actions_and_survive_a_restart()
    {
        int watcher = (await Json(await Http.PostAsJsonAsync("/api/strategies/register", new { strategy_name = "SMA_Crossover", coin = "BTC", @params = new { fast_period = 3, slow_period = 8 }, watch_only = true }))).GetProperty("strategy_id").GetInt32();
        int trader = (await Json(await Http.PostAsJsonAsync("/api/strategies/register", new { strategy_name = "RSI", coin = "BTC", @params = new { rsi_period = 5, oversold = 45, overbought = 55 } }))).GetProperty("strategy_id").GetInt32();

        var signals = await Http.PostAsJsonAsync("/api/copilot/rules", new { name = "Watcher signals", kind = "strategy-signal", instance_id = watcher, @params = new { side = "either" }, severity = "info", cooldown_seconds = 0 });
        Assert.Equal(HttpStatusCode.Created, signals.StatusCode);
        var pause = await Http.PostAsJsonAsync("/api/copilot/rules", new { name = "Pause the RSI trader", kind = "strategy-signal", instance_id = trader, @params = new { side = "buy" }, severity = "critical", action = "pause", cooldown_seconds = 3600 });
        Assert.Equal(HttpStatusCode.Created, pause.StatusCode);
        Assert.Equal(2, (await Json(await Http.GetAsync("/api/copilot/rules"))).GetArrayLength());

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(new Uri(Http.BaseAddress!.ToString().Replace("http://", "ws://")), "/ws/alerts"), default);
        Assert.Contains("\"hello\"", await ReceiveAsync(socket));

        Assert.Equal(HttpStatusCode.OK, (await Http.PostAsync("/api/engine/start?data_source=synthetic&coins=BTC&tick_rate=3000", null)).StatusCode);
        var active = await Until("/api/copilot/active-alerts", j => j.GetProperty("alerts").EnumerateArray().Count(a => a.GetProperty("rule").GetString() == "Watcher signals") >= 2
            && j.GetProperty("alerts").EnumerateArray().Any(a => a.GetProperty("rule").GetString() == "Pause the RSI trader"));
        var strategies = await Until("/api/strategies", j => j.EnumerateArray().Any(s => s.GetProperty("strategy_id").GetInt32() == trader && s.GetProperty("paused").GetBoolean()));
        await Http.PostAsync("/api/engine/stop", null);
        await App.Services.GetRequiredService<CopilotService>().WhenIdleAsync(); // what the engine sent before it stopped is evaluated

        var watched = active.GetProperty("alerts").EnumerateArray().First(a => a.GetProperty("rule").GetString() == "Watcher signals");
        Assert.Matches(@"^SMA crossover #\d+ on BTCUSDT would (BUY|SELL) at the next open \(close [\d,.]+\), watch-only\.$", watched.GetProperty("message").GetString());
        Assert.Equal("info", watched.GetProperty("severity").GetString());
        Assert.Equal("new", watched.GetProperty("state").GetString());
        var paused = active.GetProperty("alerts").EnumerateArray().First(a => a.GetProperty("rule").GetString() == "Pause the RSI trader");
        Assert.Equal($"paused #{trader}", paused.GetProperty("action_taken").GetString());
        Assert.Equal("critical", paused.GetProperty("severity").GetString());

        string pushed = await ReceiveAsync(socket);
        Assert.Contains("\"type\":\"alert\"", pushed);

        // acknowledge one; the rest stay active
        int before = (await Json(await Http.GetAsync("/api/copilot/status"))).GetProperty("active_alerts").GetInt32();
        Assert.Equal(HttpStatusCode.NoContent, (await Http.PostAsync($"/api/copilot/alerts/{watched.GetProperty("id").GetInt64()}/acknowledge", null)).StatusCode);
        var status = await Json(await Http.GetAsync("/api/copilot/status"));
        Assert.Equal(before - 1, status.GetProperty("active_alerts").GetInt32());
        var off = await Json(await Http.PostAsJsonAsync("/api/copilot/enable-alerts", new { enabled = false }));
        Assert.False(off.GetProperty("enabled").GetBoolean());
        int total = (await Json(await Http.GetAsync("/api/copilot/alerts?limit=5000"))).GetProperty("count").GetInt32();
        double drawdown = status.GetProperty("portfolio_drawdown_pct").GetDouble();

        // restart on the same data folder: rules, alerts, their states and the switch are all still there
        await RestartAsync();
        Assert.Equal(total, (await Json(await Http.GetAsync("/api/copilot/alerts?limit=5000"))).GetProperty("count").GetInt32());
        var after = await Json(await Http.GetAsync("/api/copilot/status"));
        Assert.Equal(before - 1, after.GetProperty("active_alerts").GetInt32());
        Assert.False(after.GetProperty("enabled").GetBoolean());
        Assert.Equal(2, after.GetProperty("rules").GetInt32());
        Assert.Equal(drawdown, after.GetProperty("portfolio_drawdown_pct").GetDouble()); // the peak is kept
        var acked = await Json(await Http.GetAsync("/api/copilot/alerts?state=acknowledged"));
        Assert.Equal(watched.GetProperty("id").GetInt64(), acked.GetProperty("alerts")[0].GetProperty("id").GetInt64());

        // "acknowledge all" acknowledges what the caller saw: an alert newer than up_to stays new
        var fresh = (await Json(await Http.GetAsync("/api/copilot/alerts?state=new&limit=5000"))).GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetInt64()).ToList();
        Assert.True(fresh.Count >= 2, $"{fresh.Count} new alert(s)");
        long newest = fresh.Max();
        long seen = fresh.Where(id => id < newest).Max();
        var ack = await Json(await Http.PostAsync($"/api/copilot/alerts/acknowledge-all?up_to={seen}", null));
        Assert.Equal(fresh.Count - 1, ack.GetProperty("acknowledged").GetInt32());
        var stillNew = (await Json(await Http.GetAsync("/api/copilot/alerts?state=new"))).GetProperty("alerts");
        Assert.Equal(newest, Assert.Single(stillNew.EnumerateArray()).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Bad_rules_and_filters_are_refused_with_the_reason()
    {
        var unknown = await Http.PostAsJsonAsync("/api/copilot/rules", new { name = "x", kind = "moon-phase" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Unknown kind 'moon-phase'. Kinds: price-cross, percent-move, rsi,", await unknown.Content.ReadAsStringAsync());

        var noLevel = await Http.PostAsJsonAsync("/api/copilot/rules", new { name = "x", kind = "price-cross", symbol = "BTC" });
        Assert.Contains("level is required for price-cross.", await noLevel.Content.ReadAsStringAsync());

        var instance = await Http.PostAsJsonAsync("/api/copilot/rules", new { name = "x", kind = "drawdown", instance_id = 99, @params = new { pct = 10 } });
        Assert.Contains("strategy instance #99 does not exist", await instance.Content.ReadAsStringAsync());

        var webhook = await Http.PostAsJsonAsync("/api/copilot/rules", new { name = "x", kind = "stale-feed", webhook_url = "not a url" });
        Assert.Contains("webhook must be an absolute http(s) URL.", await webhook.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetAsync("/api/copilot/active-alerts?severity=loud")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.PostAsJsonAsync("/api/copilot/enable-alerts", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.PostAsync("/api/copilot/alerts/123/acknowledge", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.DeleteAsync("/api/copilot/rules/5")).StatusCode);

        // a rule can be edited partly, and its webhook is only ever shown redacted
        var created = await Json(await Http.PostAsJsonAsync("/api/copilot/rules", new { name = "BTC 70k", kind = "price-cross", symbol = "btc", @params = new { level = 70000, direction = "above" }, webhook_url = "https://hooks.example.com/services/T000/SECRET" }));
        Assert.Equal("BTCUSDT", created.GetProperty("symbol").GetString());
        Assert.Equal("https://hooks.example.com/…", created.GetProperty("webhook").GetString());
        int id = created.GetProperty("id").GetInt32();
        var edited = await Json(await Http.PutAsJsonAsync($"/api/copilot/rules/{id}", new { severity = "critical" }));
        Assert.Equal("critical", edited.GetProperty("severity").GetString());
        Assert.Equal(70000, edited.GetProperty("params").GetProperty("level").GetDouble());
        Assert.Equal("above", edited.GetProperty("params").GetProperty("direction").GetString()); // read back as written

        // the words it gives back are accepted as they are: a rule read can be written again
        var regime = await Json(await Http.PostAsJsonAsync("/api/copilot/rules", new { name = "to range", kind = "regime-change", symbol = "ETH", @params = new { to = "range" } }));
        Assert.Equal("range", regime.GetProperty("params").GetProperty("to").GetString());
        var again = await Http.PostAsync("/api/copilot/rules", new StringContent(
            $$"""{"name": "copy", "kind": "regime-change", "symbol": "ETH", "params": {{regime.GetProperty("params").GetRawText()}}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.DoesNotContain("SECRET", (await Http.GetStringAsync("/api/copilot/rules")));
    }

    private static async Task<string> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var r = await socket.ReceiveAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, r.Count);
    }
}

public class CopilotWebhookTests : IAsyncLifetime
{
    private readonly LogCapture _logs = new();
    private WebApplication _hooks = default!;
    private string _hookBase = "";
    private int _slowCalls, _failCalls, _slowInFlight;
    private readonly TaskCompletionSource _releaseSlow = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private AppFactory _app = default!;
    private HttpClient _http = default!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _hooks = builder.Build();
        _hooks.MapPost("/slow/SECRET-TOKEN", async () =>
        {
            Interlocked.Increment(ref _slowCalls);
            Interlocked.Increment(ref _slowInFlight);
            try
            {
                await _releaseSlow.Task; // hangs until the test is done (the sender gives up after its own timeout)
            }
            finally
            {
                Interlocked.Decrement(ref _slowInFlight);
            }
            return Results.Ok();
        });
        _hooks.MapPost("/fail/SECRET-TOKEN", () =>
        {
            Interlocked.Increment(ref _failCalls);
            return Results.StatusCode(500);
        });
        await _hooks.StartAsync();
        _hookBase = _hooks.Urls.First();
        _app = new AppFactory(settings: new() { ["Velocitas:Feeds:Synthetic:TicksPerCandle"] = "3", ["Velocitas:Copilot:WebhookFirstRetryMs"] = "50" }, logs: _logs);
        _http = _app.Start();
    }

    public async Task DisposeAsync()
    {
        _releaseSlow.TrySetResult();
        await _app.DisposeAsync();
        _app.DeleteData();
        await _hooks.DisposeAsync();
    }

    [Fact]
    public async Task A_slow_or_failing_webhook_never_holds_up_the_copilot_and_its_token_never_reaches_the_logs()
    {
        int id = (await (await _http.PostAsJsonAsync("/api/strategies/register", new { strategy_name = "SMA_Crossover", coin = "BTC", @params = new { fast_period = 3, slow_period = 8 }, watch_only = true }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("strategy_id").GetInt32();
        foreach (var (name, path) in new[] { ("slow hook", "slow"), ("failing hook", "fail") })
        {
            var r = await _http.PostAsJsonAsync("/api/copilot/rules", new { name, kind = "strategy-signal", instance_id = id, cooldown_seconds = 0, webhook_url = $"{_hookBase}/{path}/SECRET-TOKEN" });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        }
        var copilot = _app.Services.GetRequiredService<CopilotService>();

        await _http.PostAsync("/api/engine/start?data_source=synthetic&coins=BTC&tick_rate=20000", null);
        var watch = Stopwatch.StartNew();
        // up to four deliveries run at once, so wait for finished failures rather than for a number of calls
        while ((copilot.Status().Webhooks.Failed < 2 || Volatile.Read(ref _slowInFlight) == 0) && watch.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(50);
        Assert.True(Volatile.Read(ref _slowInFlight) > 0, "the slow hook was called");
        // a webhook hangs (and another fails), yet the copilot keeps up with the engine: a fence through its queue
        // comes back while the hanging call is still open, so the copilot never waits on a webhook (no clock involved)
        await copilot.WhenIdleAsync();
        Assert.True(Volatile.Read(ref _slowInFlight) > 0 && !_releaseSlow.Task.IsCompleted, "the copilot caught up while a webhook call still hung");
        var status = copilot.Status();
        await _http.PostAsync("/api/engine/stop", null);

        Assert.True(_failCalls >= 8, $"{_failCalls} calls to the failing hook");
        Assert.True(status.Webhooks.Failed >= 2, $"{status.Webhooks.Failed} failed deliveries");
        Assert.True(_slowCalls >= 1);
        Assert.True(status.Webhooks.Pending > 0 || status.Webhooks.Sent > 0);
        var alerts = await copilot.AlertsAsync();
        Assert.True(alerts.Count(a => a.Alert.RuleName == "failing hook") * 4 >= _failCalls - 4, "each failed alert is tried 4 times");
        Assert.Contains(_logs.Lines, l => l.Contains("failed for alert") && l.Contains(_hookBase + "/…"));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains("SECRET-TOKEN"));
        Assert.DoesNotContain("SECRET-TOKEN", status.Webhooks.LastError ?? "");
    }
}

public class CopilotBacklogTests() : ApiTestBase(new() { ["Velocitas:Feeds:Synthetic:TicksPerCandle"] = "3", ["Velocitas:Copilot:MaxBacklog"] = "0" })
{
    [Fact]
    public async Task A_copilot_that_falls_behind_skips_market_inputs_and_says_so_while_rule_changes_still_get_through()
    {
        int id = (await Json(await Http.PostAsJsonAsync("/api/strategies/register", new { strategy_name = "SMA_Crossover", coin = "BTC", @params = new { fast_period = 3, slow_period = 8 }, watch_only = true })))
            .GetProperty("strategy_id").GetInt32();
        var rule = await Http.PostAsJsonAsync("/api/copilot/rules", new { name = "signals", kind = "strategy-signal", instance_id = id, cooldown_seconds = 0 });
        Assert.Equal(HttpStatusCode.Created, rule.StatusCode);
        var copilot = App.Services.GetRequiredService<CopilotService>();

        await Http.PostAsync("/api/engine/start?data_source=synthetic&coins=BTC&tick_rate=5000", null);
        var watch = Stopwatch.StartNew();
        JsonElement status;
        do
        {
            await Task.Delay(100);
            status = await Json(await Http.GetAsync("/api/copilot/status"));
        } while (status.GetProperty("skipped_inputs").GetInt64() < 20 && watch.Elapsed < TimeSpan.FromSeconds(30));
        await Http.PostAsync("/api/engine/stop", null);
        await copilot.WhenIdleAsync(); // fences are never skipped

        Assert.True(status.GetProperty("skipped_inputs").GetInt64() >= 20, status.ToString());
        Assert.Equal(0, status.GetProperty("backlog").GetInt32());
        Assert.Empty(await copilot.AlertsAsync()); // every candle and signal was skipped, so nothing could fire
        Assert.Single(copilot.Rules); // the rule change went through
    }
}
