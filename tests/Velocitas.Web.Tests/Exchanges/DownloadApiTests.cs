using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Velocitas.Engine.Market;
using Velocitas.Web.Tests.Feeds;

namespace Velocitas.Web.Tests.Exchanges;

/// <summary>Download jobs through the REST API of the real app (Kestrel, SQLite file) against the fake Binance.</summary>
public class DownloadApiTests : ApiTestBase
{
    private readonly Dictionary<string, string?> _settings;
    private readonly FakeBinance _server = new();
    private readonly DateTimeOffset _t0 = new(2024, 2, 1, 0, 0, 0, TimeSpan.Zero);

    public DownloadApiTests() : this(new Dictionary<string, string?>())
    {
    }

    private DownloadApiTests(Dictionary<string, string?> settings) : base(settings) => _settings = settings;

    public override async Task InitializeAsync()
    {
        await _server.StartAsync();
        _settings["Velocitas:Feeds:Binance:RestBaseUrl"] = _server.RestBase.ToString();
        _settings["Velocitas:Feeds:Binance:UseArchives"] = "false";
        // 12,000 one-minute candles with a 20-minute outage
        _server.SetKlines("BTCUSDT", SyntheticMarket.Generate(5, 40_000, _t0, Timeframe.OneMinute, 12_000)
            .Where(c => c.Time < _t0.AddMinutes(100) || c.Time >= _t0.AddMinutes(120)));
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _server.DisposeAsync();
    }

    private async Task<JsonElement> WaitDone(int id)
    {
        for (int i = 0; i < 600; i++)
        {
            var job = await Json(await Http.GetAsync($"/api/downloads/{id}"));
            if (job.GetProperty("state").GetString() != "running") return job;
            await Task.Delay(50);
        }
        throw new TimeoutException($"job {id} still running");
    }

    [Fact]
    public async Task A_download_job_reports_progress_and_stores_a_dataset_with_the_outage_as_a_gap()
    {
        var start = await Http.PostAsJsonAsync("/api/downloads", new { exchange = "binance", symbol = "btc", interval = "1m", from = _t0, to = _t0.AddMinutes(3_000) });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var job = await Json(start);
        Assert.Equal(3_000, job.GetProperty("expectedCandles").GetInt64());
        Assert.Equal("BTCUSDT", job.GetProperty("exchangeSymbol").GetString());

        var done = await WaitDone(job.GetProperty("id").GetInt32());
        Assert.Equal("completed", done.GetProperty("state").GetString());
        Assert.Equal(100, done.GetProperty("percent").GetDouble());
        Assert.Equal(2_980, done.GetProperty("candles").GetInt64());
        var gap = Assert.Single(done.GetProperty("report").GetProperty("gaps").EnumerateArray());
        Assert.Equal(20, gap.GetProperty("missing").GetInt64());
        int datasetId = done.GetProperty("datasetId").GetInt32();

        var dataset = await Json(await Http.GetAsync($"/api/datasets/{datasetId}"));
        Assert.Equal("binance", dataset.GetProperty("dataset").GetProperty("exchange").GetString());
        Assert.Equal(2_980, dataset.GetProperty("dataset").GetProperty("rows").GetInt32());
        Assert.False(dataset.GetProperty("dataset").GetProperty("incomplete").GetBoolean());
    }

    [Fact]
    public async Task Update_through_REST_appends_only_the_missing_candles_and_reports_them()
    {
        var download = await WaitDone((await Json(await Http.PostAsJsonAsync("/api/downloads", new { exchange = "binance", symbol = "BTCUSDT", interval = "1m", from = _t0, to = _t0.AddMinutes(3_000) }))).GetProperty("id").GetInt32());
        int datasetId = download.GetProperty("datasetId").GetInt32();

        var start = await Http.PostAsync($"/api/datasets/{datasetId}/update", null);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var job = await Json(start);
        Assert.Equal(("update", datasetId), (job.GetProperty("kind").GetString(), job.GetProperty("datasetId").GetInt32()));
        Assert.Equal(_t0.AddMinutes(3_000), job.GetProperty("from").GetDateTimeOffset()); // from the candle after the last one
        var done = await WaitDone(job.GetProperty("id").GetInt32());

        Assert.Equal("completed", done.GetProperty("state").GetString());
        Assert.Equal(9_000, done.GetProperty("report").GetProperty("rowsImported").GetInt32()); // the fake exchange's candles end at 12,000
        var dataset = (await Json(await Http.GetAsync($"/api/datasets/{datasetId}"))).GetProperty("dataset");
        Assert.Equal(2_980 + 9_000, dataset.GetProperty("rows").GetInt32());
        Assert.Equal(_t0.AddMinutes(11_999), dataset.GetProperty("last").GetDateTimeOffset());
    }

    [Fact]
    public async Task Cancel_keeps_what_arrived_as_a_dataset_marked_incomplete()
    {
        _server.KlineDelay = TimeSpan.FromMilliseconds(300);
        var job = await Json(await Http.PostAsJsonAsync("/api/downloads", new { exchange = "binance", symbol = "BTCUSDT", interval = "1m", from = _t0, to = _t0.AddMinutes(12_000) }));
        int id = job.GetProperty("id").GetInt32();
        for (int i = 0; i < 200 && (await Json(await Http.GetAsync($"/api/downloads/{id}"))).GetProperty("candles").GetInt64() < 2_000; i++) await Task.Delay(50);

        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync($"/api/downloads/{id}/cancel", null)).StatusCode);
        var done = await WaitDone(id);

        Assert.Equal("cancelled", done.GetProperty("state").GetString());
        long candles = done.GetProperty("candles").GetInt64();
        Assert.InRange(candles, 1_980, 11_000);
        var dataset = await Json(await Http.GetAsync($"/api/datasets/{done.GetProperty("datasetId").GetInt32()}"));
        Assert.True(dataset.GetProperty("dataset").GetProperty("incomplete").GetBoolean());
        Assert.Equal(candles, dataset.GetProperty("dataset").GetProperty("rows").GetInt64());
        Assert.Equal(HttpStatusCode.Conflict, (await Http.PostAsync($"/api/downloads/{id}/cancel", null)).StatusCode);

        // an update fetches the rest up to now: the dataset is whole again
        _server.KlineDelay = TimeSpan.Zero;
        int datasetId = done.GetProperty("datasetId").GetInt32();
        var update = await WaitDone((await Json(await Http.PostAsync($"/api/datasets/{datasetId}/update", null))).GetProperty("id").GetInt32());
        Assert.Equal("completed", update.GetProperty("state").GetString());
        var whole = (await Json(await Http.GetAsync($"/api/datasets/{datasetId}"))).GetProperty("dataset");
        Assert.False(whole.GetProperty("incomplete").GetBoolean());
        Assert.Equal(12_000 - 20, whole.GetProperty("rows").GetInt32());
    }

    [Fact]
    public async Task A_page_that_is_not_JSON_fails_the_job_naming_it_and_keeps_what_arrived_as_incomplete()
    {
        _server.KlineDelay = TimeSpan.FromMilliseconds(200);
        var job = await Json(await Http.PostAsJsonAsync("/api/downloads", new { exchange = "binance", symbol = "BTCUSDT", interval = "1m", from = _t0, to = _t0.AddMinutes(12_000) }));
        int id = job.GetProperty("id").GetInt32();
        for (int i = 0; i < 200 && (await Json(await Http.GetAsync($"/api/downloads/{id}"))).GetProperty("candles").GetInt64() < 1_000; i++) await Task.Delay(50);
        _server.GarbageNext = 1; // the next page comes back as a proxy's error page

        var done = await WaitDone(id);

        Assert.Equal("failed", done.GetProperty("state").GetString());
        Assert.StartsWith("Binance: Binance sent something that is not JSON for", done.GetProperty("error").GetString());
        long candles = done.GetProperty("candles").GetInt64();
        // whole pages only: Binance fills each page of 1,000 past the 20-minute outage
        Assert.Equal(0, candles % 1_000);
        Assert.InRange(candles, 1_000, 11_000);
        var dataset = (await Json(await Http.GetAsync($"/api/datasets/{done.GetProperty("datasetId").GetInt32()}"))).GetProperty("dataset");
        Assert.True(dataset.GetProperty("incomplete").GetBoolean());
        Assert.Equal(candles, dataset.GetProperty("rows").GetInt64());
    }

    [Fact]
    public async Task Two_downloads_run_at_once_and_a_shutdown_stores_what_arrived_as_incomplete_datasets()
    {
        _server.KlineDelay = TimeSpan.FromMilliseconds(300);
        var a = await Json(await Http.PostAsJsonAsync("/api/downloads", new { exchange = "binance", symbol = "BTCUSDT", interval = "1m", from = _t0, to = _t0.AddMinutes(12_000), name = "first" }));
        var b = await Json(await Http.PostAsJsonAsync("/api/downloads", new { exchange = "binance", symbol = "BTCUSDT", interval = "1m", from = _t0.AddMinutes(3_000), to = _t0.AddMinutes(12_000), name = "second" }));
        for (int i = 0; i < 200; i++)
        {
            var jobs = await Json(await Http.GetAsync("/api/downloads"));
            if (jobs.EnumerateArray().All(j => j.GetProperty("state").GetString() == "running" && j.GetProperty("candles").GetInt64() >= 1_000)) break;
            await Task.Delay(50);
        }

        await RestartAsync(); // the host stops: both jobs are cancelled and store what they have

        var datasets = (await Json(await Http.GetAsync("/api/datasets"))).EnumerateArray().ToList();
        foreach (string name in new[] { "first", "second" })
        {
            var d = Assert.Single(datasets, d => d.GetProperty("name").GetString() == name);
            Assert.True(d.GetProperty("incomplete").GetBoolean());
            Assert.InRange(d.GetProperty("rows").GetInt32(), 1_000, 11_000);
        }
        Assert.NotEqual(a.GetProperty("id").GetInt32(), b.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Bad_requests_name_the_field_and_uploaded_datasets_cannot_be_updated()
    {
        var missing = await Http.PostAsJsonAsync("/api/downloads", new { exchange = "binance", interval = "1m", from = _t0 });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await Json(missing)).GetProperty("errors").TryGetProperty("symbol", out _));

        var unknown = await Json(await Http.PostAsJsonAsync("/api/downloads", new { exchange = "binance", symbol = "NOPE", interval = "1m", from = _t0 }));
        Assert.Equal("Binance does not list NOPE (NOPEUSDT).", unknown.GetProperty("errors").GetProperty("symbol")[0].GetString());

        var interval = await Json(await Http.PostAsJsonAsync("/api/downloads", new { exchange = "coinbase", symbol = "BTC", interval = "3m", from = _t0 }));
        Assert.StartsWith("Coinbase Exchange has no 3m candles; use 1m, 5m, 15m, 1h, 6h, 1d.", interval.GetProperty("errors").GetProperty("interval")[0].GetString());

        var demo = (await Json(await Http.GetAsync("/api/datasets")))[0].GetProperty("id").GetInt32();
        var update = await Http.PostAsync($"/api/datasets/{demo}/update", null);
        Assert.Equal(HttpStatusCode.BadRequest, update.StatusCode);
        Assert.Contains("was not downloaded from an exchange", (await Json(update)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Http.PostAsync("/api/datasets/9999/update", null)).StatusCode);
    }
}
