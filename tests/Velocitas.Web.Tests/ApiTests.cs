using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Velocitas.Web.Tests;

public class ApiTests : ApiTestBase
{
    [Fact]
    public async Task Health_and_the_strategy_catalogue_with_parameter_metadata()
    {
        var health = await Json(await Http.GetAsync("/api/health"));
        Assert.Equal("healthy", health.GetProperty("status").GetString());

        var strategies = await Json(await Http.GetAsync("/api/available-strategies"));
        // the six built-ins first (user strategies saved by tests running beside this one may follow: the catalogue is process-wide)
        Assert.Equal(Velocitas.Engine.Strategies.StrategyCatalog.BuiltIn.Select(b => b.Id), strategies.EnumerateArray().Take(6).Select(s => s.GetProperty("id").GetString()));
        var sma = strategies[0];
        Assert.Equal("sma-crossover", sma.GetProperty("id").GetString());
        Assert.Equal("SMA_Crossover", sma.GetProperty("legacyName").GetString());
        var fast = sma.GetProperty("parameters")[0];
        Assert.Equal(("fast", 10, 2, 200, 1), (fast.GetProperty("name").GetString(), fast.GetProperty("default").GetDouble(), fast.GetProperty("min").GetDouble(), fast.GetProperty("max").GetDouble(), fast.GetProperty("step").GetDouble()));
    }

    [Fact]
    public async Task Uploading_a_csv_imports_it_and_a_backtest_on_it_is_saved_and_listed()
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(SharedData.Real("Binance_BTCUSDT_d.csv"))), "file", "Binance_BTCUSDT_d.csv" },
            { new StringContent("BTC daily"), "name" },
        };
        var created = await Http.PostAsync("/api/datasets", form);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var imported = await Json(created);
        int datasetId = imported.GetProperty("dataset").GetProperty("id").GetInt32();
        Assert.Equal(1394, imported.GetProperty("report").GetProperty("rowsImported").GetInt32());
        Assert.Equal("BTCUSDT", imported.GetProperty("dataset").GetProperty("symbol").GetString());
        Assert.Empty(Directory.GetFiles(Path.Combine(App.DataFolder, "uploads"))); // the upload is not kept after import

        var run = await Http.PostAsJsonAsync("/api/backtests", new { datasetId, strategy = "SMA_Crossover", parameters = new { fast = 5, slow = 20 }, settings = new { feeRate = 0.001, lotStep = 0.0001 } });
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var body = await Json(run);
        int id = body.GetProperty("id").GetInt32();
        Assert.Equal("sma-crossover", body.GetProperty("strategy").GetString());
        Assert.True(body.GetProperty("metrics").GetProperty("trades").GetInt32() > 0);

        var list = await Json(await Http.GetAsync("/api/backtests?strategy=sma-crossover"));
        Assert.Equal(id, list[0].GetProperty("id").GetInt32());
        var detail = await Json(await Http.GetAsync($"/api/backtests/{id}"));
        Assert.Equal(body.GetProperty("metrics").GetProperty("finalEquity").GetDecimal(), detail.GetProperty("metrics").GetProperty("finalEquity").GetDecimal());

        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"/api/backtests/{id}")).StatusCode);

        // part of the dataset: 2021 only (from inclusive, to exclusive), and a range with no candles is refused
        var part = await Json(await Http.PostAsJsonAsync("/api/backtests", new { datasetId, strategy = "sma-crossover", from = "2021-01-01T00:00:00Z", to = "2021-02-01T00:00:00Z", save = false }));
        Assert.Equal(31, part.GetProperty("candles").GetInt32());
        var empty = await Http.PostAsJsonAsync("/api/backtests", new { datasetId, strategy = "sma-crossover", from = "2030-01-01T00:00:00Z" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        string problem = await empty.Content.ReadAsStringAsync();
        Assert.True(problem.Contains("The chosen dates hold 0 candle(s); a backtest needs at least 2 (it runs from 2017-08-17 00:00 to 2021-06-10 00:00 UTC).\"", StringComparison.Ordinal), problem);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"/api/backtests/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_file_that_is_not_candles_is_refused_with_a_problem_naming_the_line()
    {
        using var form = new MultipartFormDataContent { { new StringContent("Date,Open,High,Low,Close\nyesterday,a,b,c,d\n"), "file", "bad.csv" } };
        var r = await Http.PostAsync("/api/datasets", form);

        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var problem = await Json(r);
        Assert.Contains("bad.csv:2:", problem.GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Equal(3, (await Json(await Http.GetAsync("/api/datasets"))).GetArrayLength()); // nothing was added
    }

    [Fact]
    public async Task Bad_backtest_requests_get_problem_details_naming_the_field()
    {
        var unknown = await Http.PostAsJsonAsync("/api/backtests", new { datasetId = 1, strategy = "turtle" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Unknown strategy 'turtle'", (await Json(unknown)).GetProperty("errors").GetProperty("strategy")[0].GetString());

        var badParams = await Http.PostAsJsonAsync("/api/backtests", new { datasetId = 1, strategy = "sma-crossover", parameters = new { fast = 50, slow = 20 } });
        Assert.Equal(HttpStatusCode.BadRequest, badParams.StatusCode);
        Assert.Equal("fast (50) must be less than slow (20).", (await Json(badParams)).GetProperty("errors").GetProperty("params.fast")[0].GetString());

        var badSettings = await Http.PostAsJsonAsync("/api/backtests", new { datasetId = 1, strategy = "rsi", settings = new { feeRate = 2 } });
        Assert.Equal(HttpStatusCode.BadRequest, badSettings.StatusCode);
        Assert.True((await Json(badSettings)).GetProperty("errors").TryGetProperty("settings.feeRate", out _));

        var noDataset = await Http.PostAsJsonAsync("/api/backtests", new { datasetId = 999, strategy = "rsi" });
        Assert.Equal(HttpStatusCode.BadRequest, noDataset.StatusCode);
        Assert.Contains("Dataset #999 does not exist", (await Json(noDataset)).GetProperty("errors").GetProperty("datasetId")[0].GetString());
    }

    [Fact]
    public async Task OpenAPI_document_and_reference_are_served()
    {
        var doc = await Json(await Http.GetAsync("/openapi/v1.json"));
        var paths = doc.GetProperty("paths");
        foreach (string path in new[] { "/api/health", "/api/available-strategies", "/api/datasets", "/api/backtests", "/api/backtests/{id}" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from the OpenAPI document");
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/api/reference")).StatusCode);
    }

    [Fact]
    public async Task Pages_are_served()
    {
        foreach (string page in new[] { "/", "/backtest", "/history", "/data" })
        {
            var r = await Http.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Contains("Velocitas", await r.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/no-such-page")).StatusCode);
    }
}

public class UploadLimitTests
{
    [Fact]
    public async Task An_upload_over_the_configured_limit_is_refused_and_nothing_is_kept()
    {
        await using var app = new AppFactory(settings: new() { ["Velocitas:MaxUploadMegabytes"] = "1" });
        var http = app.Start();
        try
        {
            var big = new byte[(1024 * 1024) + 10];
            Array.Fill(big, (byte)'1');
            using var form = new MultipartFormDataContent { { new ByteArrayContent(big), "file", "big.csv" } };
            var r = await http.PostAsync("/api/datasets", form);

            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
            var uploads = Path.Combine(app.DataFolder, "uploads");
            Assert.True(!Directory.Exists(uploads) || Directory.GetFiles(uploads).Length == 0);
        }
        finally
        {
            await app.DisposeAsync();
            app.DeleteData();
        }
    }
}

public class RestartTests
{
    [Fact]
    public async Task Datasets_and_saved_runs_survive_a_restart_of_the_app()
    {
        string folder = Directory.CreateTempSubdirectory("velocitas-restart-").FullName;
        int runId;
        await using (var first = new AppFactory(folder))
        {
            var http = first.Start();
            using var form = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(SharedData.Reference("GOOG.csv"))), "file", "GOOG.csv" } };
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/api/datasets", form)).StatusCode);
            var run = await (await http.PostAsJsonAsync("/api/backtests", new { datasetId = 4, strategy = "rsi" })).Content.ReadFromJsonAsync<JsonElement>();
            runId = run.GetProperty("id").GetInt32();
        }

        var second = new AppFactory(folder);
        try
        {
            var http = second.Start();
            var datasets = await http.GetFromJsonAsync<JsonElement>("/api/datasets");
            Assert.Equal(4, datasets.GetArrayLength());
            Assert.Equal("GOOG", datasets[0].GetProperty("symbol").GetString());
            var run = await http.GetFromJsonAsync<JsonElement>($"/api/backtests/{runId}");
            Assert.Equal("rsi", run.GetProperty("summary").GetProperty("strategyId").GetString());
        }
        finally
        {
            await second.DisposeAsync();
            second.DeleteData();
        }
    }
}
