using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Velocitas.Web.Tests;

/// <summary>The original service's optimisation routes, the saved runs and the portfolio backtest, over real HTTP.</summary>
public class OptimizationApiTests : ApiTestBase
{
    private async Task<int> UploadDailyBtcAsync()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(SharedData.Real("Binance_BTCUSDT_d.csv"))), "file", "Binance_BTCUSDT_d.csv" } };
        var r = await Http.PostAsync("/api/optimization/upload-csv", form);
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var body = await Json(r);
        Assert.Equal("BTCUSDT", body.GetProperty("symbol").GetString());
        Assert.Equal(1394, body.GetProperty("rows").GetInt32());
        return body.GetProperty("dataset_id").GetInt32();
    }

    [Fact]
    public async Task Upload_optimise_then_read_best_combos_strategies_for_a_coin_and_recommendations()
    {
        int btc = await UploadDailyBtcAsync();
        var run = await Http.PostAsJsonAsync("/api/optimization/backtest", new
        {
            dataset_ids = new[] { btc, 2 }, // the uploaded BTC and the ETH demo
            strategy_configs = new object[]
            {
                new { strategy_name = "SMA_Crossover", @params = new { fast_period = new { min = 5, max = 15, step = 5 }, slow_period = new[] { 20, 40 } } },
                new { strategy_name = "RSI", @params = new { period = "7,14", oversold = 30, overbought = 70 } },
            },
            objective = "sharpe",
            min_trades = 1,
        });
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var body = await Json(run);
        int runId = body.GetProperty("run_id").GetInt32();
        Assert.Equal("completed", body.GetProperty("status").GetString());
        Assert.Equal(2 * (3 * 2 + 2), body.GetProperty("combinations").GetInt32());
        var results = body.GetProperty("results");
        Assert.Equal(16, results.GetArrayLength());
        Assert.Equal(1, results[0].GetProperty("rank").GetInt32());
        Assert.Equal(JsonSerializer.Serialize(results[0]), JsonSerializer.Serialize(body.GetProperty("best")));
        Assert.NotEmpty(body.GetProperty("recommendations").EnumerateArray());

        // the optimiser's figures are those of an ordinary backtest of the same combination
        var combo = results.EnumerateArray().Single(r => r.GetProperty("coin").GetString() == "BTCUSDT" && r.GetProperty("strategy").GetString() == "sma-crossover"
            && r.GetProperty("params").GetProperty("fast").GetDouble() == 10 && r.GetProperty("params").GetProperty("slow").GetDouble() == 40);
        var single = await Json(await Http.PostAsJsonAsync("/api/backtests", new { datasetId = btc, strategy = "sma-crossover", parameters = new { fast = 10, slow = 40 }, settings = new { initialCash = 10000, feeRate = 0.001, lotStep = 0.0001 }, save = false }));
        Assert.Equal(single.GetProperty("metrics").GetProperty("totalReturnPct").GetDouble(), combo.GetProperty("total_return_pct").GetDouble(), 9);
        Assert.Equal(single.GetProperty("metrics").GetProperty("trades").GetInt32(), combo.GetProperty("trades").GetInt32());

        var best = await Json(await Http.GetAsync("/api/optimization/best-combos"));
        Assert.Equal(runId, best.GetProperty("run_id").GetInt32());
        Assert.Equal(2, best.GetProperty("best_per_coin").GetArrayLength());

        var forCoin = await Json(await Http.GetAsync("/api/optimization/strategies-for-coin?coin=ETH"));
        Assert.Equal("ETHUSDT", forCoin.GetProperty("coin").GetString());
        Assert.Equal(2, forCoin.GetProperty("strategies").GetArrayLength());

        var unknownCoin = await Http.GetAsync("/api/optimization/strategies-for-coin?coin=DOGE");
        Assert.Equal(HttpStatusCode.BadRequest, unknownCoin.StatusCode);
        Assert.Contains("covers", await unknownCoin.Content.ReadAsStringAsync());

        var recs = await Json(await Http.GetAsync($"/api/optimization/recommendations?run_id={runId}"));
        Assert.All(recs.GetProperty("recommendations").EnumerateArray(), r => Assert.Matches(@"\d", r.GetProperty("text").GetString()!));

        var saved = await Json(await Http.GetAsync($"/api/optimizations/{runId}"));
        Assert.Equal(16, saved.GetProperty("combinations").GetArrayLength());
        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"/api/optimizations/{runId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/optimization/best-combos")).StatusCode);
    }

    [Fact]
    public async Task Bad_requests_name_what_is_wrong()
    {
        var outside = await Http.PostAsJsonAsync("/api/optimization/backtest", new { csv_path = "/etc/passwd", strategy_configs = new[] { new { strategy_name = "RSI" } } });
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Contains("csv_path must point inside the data folder", await outside.Content.ReadAsStringAsync());

        var escape = await Http.PostAsJsonAsync("/api/optimization/backtest", new { csv_path = "../../x.csv", strategy_configs = new[] { new { strategy_name = "RSI" } } });
        Assert.Equal(HttpStatusCode.BadRequest, escape.StatusCode);

        var unknown = await Http.PostAsJsonAsync("/api/optimization/backtest", new { dataset_id = 1, strategy_configs = new[] { new { strategy_name = "Ichimoku" } } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Unknown strategy 'Ichimoku'", await unknown.Content.ReadAsStringAsync());

        var badRange = await Http.PostAsJsonAsync("/api/optimization/backtest", new { dataset_id = 1, strategy_configs = new[] { new { strategy_name = "sma-crossover", @params = new { fast = "9:3:1" } } } });
        Assert.Equal(HttpStatusCode.BadRequest, badRange.StatusCode);
        Assert.Contains("fast", await badRange.Content.ReadAsStringAsync());

        var missing = await Http.PostAsJsonAsync("/api/optimization/backtest", new { dataset_id = 99, strategy_configs = new[] { new { strategy_name = "RSI" } } });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Dataset #99 does not exist", await missing.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/optimization/recommendations")).StatusCode);
    }

    [Fact]
    public async Task A_portfolio_backtest_shares_one_cash_pool_and_is_saved_to_history()
    {
        var r = await Http.PostAsJsonAsync("/api/portfolio", new
        {
            legs = new object[]
            {
                new { datasetId = 1, strategy = "sma-crossover", parameters = new { fast = 10, slow = 30 }, weight = 3 },
                new { datasetId = 2, strategy = "rsi", weight = 1 },
            },
            settings = new { initialCash = 40000, feeRate = 0.001, lotStep = 0.0001 },
        });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var body = await Json(r);
        var legs = body.GetProperty("legs");
        Assert.Equal(30000, legs[0].GetProperty("allocation").GetDecimal());
        Assert.Equal(10000, legs[1].GetProperty("allocation").GetDecimal());
        Assert.Equal(1.0, body.GetProperty("correlation")[0][0].GetDouble(), 9);
        double contributions = legs.EnumerateArray().Sum(l => l.GetProperty("contributionPct").GetDouble());
        Assert.Equal(body.GetProperty("metrics").GetProperty("totalReturnPct").GetDouble(), contributions, 6);

        int id = body.GetProperty("id").GetInt32();
        var saved = await Json(await Http.GetAsync($"/api/backtests/{id}"));
        Assert.Equal("portfolio", saved.GetProperty("summary").GetProperty("origin").GetString());
        Assert.Equal("PORTFOLIO", saved.GetProperty("summary").GetProperty("symbol").GetString());

        var bad = await Http.PostAsJsonAsync("/api/portfolio", new { legs = new[] { new { datasetId = 1, strategy = "sma-crossover", parameters = new { fast = 50, slow = 20 }, weight = 1 } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("fast", await bad.Content.ReadAsStringAsync());
    }
}
