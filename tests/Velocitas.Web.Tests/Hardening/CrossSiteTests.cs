using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Velocitas.Web.Tests.Hardening;

/// <summary>
/// The app listens on localhost, so any web page the user has open can reach it: requests and WebSockets that come
/// from another site's page are refused; the app's own pages, configured origins and scripts (no Origin) pass.
/// </summary>
public sealed class CrossSiteTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private const string Evil = "http://evil.example";

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content = null, string? origin = Evil, string? host = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        if (origin is not null) request.Headers.TryAddWithoutValidation("Origin", origin);
        if (host is not null) request.Headers.Host = host;
        return shared.Http.SendAsync(request);
    }

    private string OwnOrigin => shared.Http.BaseAddress!.GetLeftPart(UriPartial.Authority);

    private static async Task AssertRefusedAsync(HttpResponseMessage r)
    {
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Cross-site request refused", problem.GetProperty("title").GetString());
        Assert.Contains(Evil, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_foreign_page_cannot_switch_alerts_off_even_with_a_text_plain_body()
    {
        await AssertRefusedAsync(await SendAsync(HttpMethod.Post, "/api/copilot/enable-alerts", new StringContent("{\"enabled\":false}", Encoding.UTF8, "text/plain")));
        var status = JsonDocument.Parse(await shared.Http.GetStringAsync("/api/copilot/status")).RootElement;
        Assert.True(status.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task A_foreign_form_post_cannot_pause_start_or_stop_anything()
    {
        var form = new FormUrlEncodedContent([KeyValuePair.Create("x", "1")]);
        await AssertRefusedAsync(await SendAsync(HttpMethod.Post, "/api/strategies/2/pause", form));
        await AssertRefusedAsync(await SendAsync(HttpMethod.Post, "/api/engine/start"));
        await AssertRefusedAsync(await SendAsync(HttpMethod.Post, "/api/engine/stop"));
        await AssertRefusedAsync(await SendAsync(HttpMethod.Delete, "/api/datasets/1"));
        var status = JsonDocument.Parse(await shared.Http.GetStringAsync("/api/engine/status")).RootElement;
        Assert.NotEqual("running", status.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await shared.Http.GetAsync("/api/datasets/1")).StatusCode);
    }

    [Fact]
    public async Task A_foreign_page_cannot_upload_a_dataset()
    {
        var form = new MultipartFormDataContent { { new StringContent("time,open,high,low,close\n2024-01-01,1,2,0.5,1.5\n"), "file", "x.csv" } };
        await AssertRefusedAsync(await SendAsync(HttpMethod.Post, "/api/datasets", form));
        Assert.Empty(Directory.Exists(Path.Combine(shared.App.DataFolder, "uploads")) ? Directory.GetFiles(Path.Combine(shared.App.DataFolder, "uploads")) : []);
    }

    [Fact]
    public async Task The_apps_own_origin_and_scripts_without_an_origin_are_served()
    {
        var own = await SendAsync(HttpMethod.Post, "/api/copilot/enable-alerts", new StringContent("{\"enabled\":true}", Encoding.UTF8, "application/json"), origin: OwnOrigin);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var script = await SendAsync(HttpMethod.Post, "/api/copilot/enable-alerts?enabled=true", origin: null);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        // reading is not state-changing: a GET with a foreign origin is answered (the browser keeps the answer from that page: no CORS headers)
        var read = await SendAsync(HttpMethod.Get, "/api/health");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.False(read.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Json_routes_refuse_other_content_types_so_a_form_cannot_forge_json()
    {
        var r = await SendAsync(HttpMethod.Post, "/api/copilot/rules", new StringContent("{\"kind\":\"price-cross\",\"params\":{\"level\":1}}", Encoding.UTF8, "text/plain"), origin: null);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Another_host_name_is_refused_so_dns_rebinding_gets_nowhere()
    {
        var r = await SendAsync(HttpMethod.Get, "/api/health", origin: null, host: "attacker.com:5000");
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var rebound = await SendAsync(HttpMethod.Post, "/api/engine/stop", origin: "http://attacker.com:5000", host: "attacker.com:5000");
        Assert.Equal(HttpStatusCode.BadRequest, rebound.StatusCode);
    }

    [Theory]
    [InlineData("/ws/metrics")]
    [InlineData("/ws/trades")]
    [InlineData("/ws/alerts")]
    public async Task A_websocket_from_a_foreign_origin_is_refused_and_from_the_app_itself_accepted(string path)
    {
        var uri = new Uri(shared.Http.BaseAddress!, path);
        var ws = new UriBuilder(uri) { Scheme = "ws" }.Uri;

        using var foreign = new ClientWebSocket();
        foreign.Options.SetRequestHeader("Origin", Evil);
        foreign.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => foreign.ConnectAsync(ws, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.HttpStatusCode);

        using var own = new ClientWebSocket();
        own.Options.SetRequestHeader("Origin", OwnOrigin);
        await own.ConnectAsync(ws, CancellationToken.None);
        Assert.Equal(WebSocketState.Open, own.State);
        await own.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }
}

/// <summary>Origins the user configured are trusted like the app's own.</summary>
public sealed class AllowedOriginTests() : ApiTestBase(new() { ["Velocitas:AllowedOrigins"] = "http://localhost:3000; https://dash.example" })
{
    [Fact]
    public async Task A_configured_origin_may_drive_the_app_and_others_may_not()
    {
        foreach (var (origin, expected) in new[] { ("http://localhost:3000", HttpStatusCode.OK), ("https://dash.example", HttpStatusCode.OK), ("https://dash.example.evil", HttpStatusCode.Forbidden), ("null", HttpStatusCode.Forbidden) })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/copilot/enable-alerts?enabled=true");
            request.Headers.TryAddWithoutValidation("Origin", origin);
            Assert.Equal(expected, (await Http.SendAsync(request)).StatusCode);
        }
    }
}

/// <summary>With an API key configured, the REST API and WebSockets require it.</summary>
public sealed class ApiKeyTests() : ApiTestBase(new() { ["Velocitas:ApiKey"] = "k3y-for-tests" })
{
    [Fact]
    public async Task The_api_and_websockets_require_the_key_and_the_health_check_does_not()
    {
        var missing = await Http.GetAsync("/api/datasets");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("k3y-for-tests", await missing.Content.ReadAsStringAsync());

        var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/datasets");
        wrong.Headers.Add("X-Api-Key", "guess");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Http.SendAsync(wrong)).StatusCode);

        var right = new HttpRequestMessage(HttpMethod.Get, "/api/datasets");
        right.Headers.Add("X-Api-Key", "k3y-for-tests");
        Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync(right)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/api/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/")).StatusCode); // the UI itself is not the API

        var ws = new UriBuilder(new Uri(Http.BaseAddress!, "/ws/metrics")) { Scheme = "ws" }.Uri;
        using var without = new ClientWebSocket();
        without.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => without.ConnectAsync(ws, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, without.HttpStatusCode);
        using var with = new ClientWebSocket();
        with.Options.SetRequestHeader("X-Api-Key", "k3y-for-tests");
        await with.ConnectAsync(ws, CancellationToken.None);
        Assert.Equal(WebSocketState.Open, with.State);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://*:5000", false)]
    [InlineData("http://192.168.1.20:5000", false)]
    [InlineData("http://[::]:5000", false)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    public void Listening_beyond_loopback_is_recognised(string url, bool loopback) =>
        Assert.Equal(loopback, Velocitas.Web.Api.Hardening.ListenAddresses.IsLoopback(url));

    [Fact]
    public void An_app_that_listens_beyond_loopback_without_a_key_refuses_to_start_and_says_why()
    {
        var config = new Microsoft.Extensions.Configuration.ConfigurationManager();
        config["urls"] = "http://0.0.0.0:5000";
        var ex = Assert.Throws<InvalidOperationException>(void () => Velocitas.Web.Api.Hardening.ListenAddresses.RequireApiKeyBeyondLoopback(config, new Velocitas.Web.Extensions.VelocitasOptions()));
        Assert.Contains("Velocitas:ApiKey", ex.Message);
        Velocitas.Web.Api.Hardening.ListenAddresses.RequireApiKeyBeyondLoopback(config, new Velocitas.Web.Extensions.VelocitasOptions { ApiKey = "secret" });
    }
}
