using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Velocitas.Engine.Strategies;

namespace Velocitas.Web.Tests;

public class UserStrategyApiTests() : ApiTestBase(new() { ["Velocitas:Feeds:Synthetic:TicksPerCandle"] = "3" })
{
    private static string SmaSource(int fast) => StrategyTemplates.Source("sma-crossover").Replace("= 10;", $"= {fast};");

    [Fact]
    public async Task Compile_errors_answer_400_with_line_column_and_message()
    {
        var broken = SmaSource(5).Replace("_fast = Sma(Fast);", "_fast = Sma(Fats);");
        var response = await Http.PostAsJsonAsync("/api/user-strategies", new { name = "Broken", source = broken });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await Json(response)).EnumerateArray());
        Assert.Equal(19, error.GetProperty("line").GetInt32());
        Assert.Equal(21, error.GetProperty("column").GetInt32());
        Assert.Equal("The name 'Fats' does not exist in the current context", error.GetProperty("message").GetString());

        var escape = await Http.PostAsJsonAsync("/api/user-strategies", new { name = "Sneaky", source = broken.Replace("_fast = Sma(Fats);", "System.IO.File.Delete(\"x\"); _fast = Sma(Fast);") });
        var refusals = (await Json(escape)).EnumerateArray().Select(e => $"{e.GetProperty("line").GetInt32()}:{e.GetProperty("column").GetInt32()}: {e.GetProperty("message").GetString()}").ToList();
        Assert.Equal(["19:9: System.IO.File is not available to strategies."], refusals);
        Assert.Empty((await Json(await Http.GetAsync("/api/user-strategies"))).EnumerateArray());
    }

    [Fact]
    public async Task Saved_versions_run_live_beside_the_built_ins_and_an_instance_keeps_its_exact_version_across_a_restart()
    {
        var created = await Http.PostAsJsonAsync("/api/user-strategies", new { name = "My SMA", source = SmaSource(3) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var v1 = await Json(created);
        Assert.Equal("my-sma@1", v1.GetProperty("versionId").GetString());

        var available = await Json(await Http.GetAsync("/api/available-strategies"));
        var listed = available.EnumerateArray().Single(s => s.GetProperty("id").GetString() == "my-sma@1");
        Assert.Equal("My SMA v1", listed.GetProperty("name").GetString());
        Assert.Equal(3, listed.GetProperty("parameters")[0].GetProperty("default").GetDouble());

        var registered = await Http.PostAsJsonAsync("/api/strategies/register", new { strategy_name = "my-sma", coin = "BTC", @params = new { slow = 8 } });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var instance = await Json(registered);
        Assert.Equal("my-sma@1", instance.GetProperty("strategy").GetProperty("strategy").GetString());
        int instanceId = instance.GetProperty("strategy_id").GetInt32();

        // a new version becomes the one offered; the running instance keeps version 1
        var v2 = await Http.PutAsJsonAsync("/api/user-strategies/my-sma", new { source = SmaSource(4) });
        Assert.Equal(HttpStatusCode.OK, v2.StatusCode);
        Assert.Equal("my-sma@2", (await Json(v2)).GetProperty("versionId").GetString());
        var ids = (await Json(await Http.GetAsync("/api/available-strategies"))).EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Contains("my-sma@2", ids);
        Assert.DoesNotContain("my-sma@1", ids);

        var refused = await Http.DeleteAsync("/api/user-strategies/my-sma");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains($"live instance(s) #{instanceId} (my-sma@1 on BTCUSDT) run it", (await Json(refused)).GetProperty("detail").GetString());

        await Http.PostAsync("/api/engine/start?data_source=synthetic&coins=BTC&tick_rate=20000", null);
        for (int i = 0; i < 100 && (await Json(await Http.GetAsync($"/api/metrics/{instanceId}"))).GetProperty("total_trades").GetInt32() < 1; i++) await Task.Delay(100);
        await Http.PostAsync("/api/engine/stop", null);
        int trades = (await Json(await Http.GetAsync($"/api/metrics/{instanceId}"))).GetProperty("total_trades").GetInt32();
        Assert.True(trades >= 1);

        await RestartAsync();
        var restored = (await Json(await Http.GetAsync("/api/strategies"))).EnumerateArray().Single(i => i.GetProperty("strategy_id").GetInt32() == instanceId);
        Assert.Equal("my-sma@1", restored.GetProperty("strategy").GetString());
        Assert.Equal(trades, (await Json(await Http.GetAsync($"/api/metrics/{instanceId}"))).GetProperty("total_trades").GetInt32());
        var detail = await Json(await Http.GetAsync("/api/user-strategies/my-sma"));
        Assert.Equal(2, detail.GetProperty("latest").GetProperty("version").GetInt32());
        Assert.Equal(2, detail.GetProperty("versions").GetArrayLength());

        Assert.Equal(HttpStatusCode.OK, (await Http.PostAsJsonAsync("/api/strategies/unregister", new { strategy_id = instanceId })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync("/api/user-strategies/my-sma")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/user-strategies/my-sma")).StatusCode);
    }

    [Fact]
    public async Task Versions_are_read_downloaded_renamed_checked_and_deleted_with_a_clear_answer_for_every_mistake()
    {
        Assert.Equal(HttpStatusCode.Created, (await Http.PostAsJsonAsync("/api/user-strategies", new { name = "Crud Sma", source = SmaSource(5) })).StatusCode);

        // a new version that does not compile is refused on its line and saves nothing
        var broken = await Http.PutAsJsonAsync("/api/user-strategies/crud-sma", new { source = SmaSource(6).Replace("_slow = Sma(Slow);", "_slow = Sma(Slow)") });
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        var error = Assert.Single((await Json(broken)).EnumerateArray());
        Assert.Equal((20, 26, "; expected"), (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetInt32(), error.GetProperty("message").GetString()));
        Assert.Equal(1, (await Json(await Http.GetAsync("/api/user-strategies/crud-sma"))).GetProperty("latest").GetProperty("version").GetInt32());
        Assert.Equal("crud-sma@2", (await Json(await Http.PutAsJsonAsync("/api/user-strategies/crud-sma", new { source = SmaSource(6) }))).GetProperty("versionId").GetString());

        // every version stays readable; the download is the latest source as a .cs file named after its class
        Assert.Equal(SmaSource(5), (await Json(await Http.GetAsync("/api/user-strategies/crud-sma/versions/1"))).GetProperty("source").GetString());
        var missingVersion = await Http.GetAsync("/api/user-strategies/crud-sma/versions/3");
        Assert.Equal(HttpStatusCode.NotFound, missingVersion.StatusCode);
        Assert.Equal("There is no version 3 of user strategy 'crud-sma'.", (await Json(missingVersion)).GetProperty("detail").GetString());
        var file = await Http.GetAsync("/api/user-strategies/crud-sma/download");
        Assert.Equal("SmaCrossoverStrategy.cs", file.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal(SmaSource(6), await file.Content.ReadAsStringAsync());

        // renamed: same key and versions, the new name everywhere it is offered
        var renamed = await Http.PatchAsJsonAsync("/api/user-strategies/crud-sma", new { name = "Renamed Sma" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var name = await Json(renamed);
        Assert.Equal(("crud-sma", "Renamed Sma", 2), (name.GetProperty("key").GetString(), name.GetProperty("name").GetString(), name.GetProperty("version").GetInt32()));
        var offered = (await Json(await Http.GetAsync("/api/available-strategies"))).EnumerateArray().Single(x => x.GetProperty("id").GetString() == "crud-sma@2");
        Assert.Equal("Renamed Sma v2", offered.GetProperty("name").GetString());
        var unnamed = await Http.PatchAsJsonAsync("/api/user-strategies/crud-sma", new { name = " " });
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        Assert.Contains("name is required", (await Json(unnamed)).GetProperty("errors").GetProperty("name")[0].GetString());

        // the Lab's compile-as-you-type: diagnostics and the detected parameters, nothing saved
        var checkResponse = await Http.PostAsJsonAsync("/api/user-strategies/check", new { source = SmaSource(7) });
        Assert.Equal(HttpStatusCode.OK, checkResponse.StatusCode); // it unloads what it compiled before answering
        var check = await Json(checkResponse);
        Assert.True(check.GetProperty("ok").GetBoolean());
        Assert.Equal(["fast", "slow"], check.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        var refused = await Json(await Http.PostAsJsonAsync("/api/user-strategies/check", new { source = SmaSource(7).Replace("Buy();", "System.Environment.Exit(1);") }));
        Assert.False(refused.GetProperty("ok").GetBoolean());
        var d = refused.GetProperty("diagnostics").EnumerateArray().First(x => x.GetProperty("severity").GetString() == "error");
        Assert.Equal(("VEL100", "System.Environment is not available to strategies."), (d.GetProperty("code").GetString(), d.GetProperty("message").GetString()));
        Assert.Equal(2, (await Json(await Http.GetAsync("/api/user-strategies/crud-sma"))).GetProperty("versions").GetArrayLength());

        // deleted: gone, and every route says so
        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync("/api/user-strategies/crud-sma")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/user-strategies/crud-sma/download")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.PutAsJsonAsync("/api/user-strategies/crud-sma", new { source = SmaSource(8) })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.PatchAsJsonAsync("/api/user-strategies/crud-sma", new { name = "Again" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.DeleteAsync("/api/user-strategies/crud-sma")).StatusCode);
        Assert.DoesNotContain((await Json(await Http.GetAsync("/api/available-strategies"))).EnumerateArray(), x => x.GetProperty("id").GetString()!.StartsWith("crud-sma@", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_live_instance_of_a_strategy_whose_code_fails_as_it_starts_is_refused_with_the_line()
    {
        const string source = """
            using Velocitas.Strategies;

            public sealed class NoStart : Strategy
            {
                private readonly List<double> _none = [];

                protected override void OnStart()
                {
                    Log("starting");
                    Log(_none[1].ToString());
                }

                protected override void OnCandle(Candle candle) { }
            }
            """;
        Assert.Equal(HttpStatusCode.Created, (await Http.PostAsJsonAsync("/api/user-strategies", new { name = "No Start", source })).StatusCode);

        var refused = await Http.PostAsJsonAsync("/api/strategies/register", new { strategy_name = "no-start", coin = "BTC" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("No Start v1's code failed as it started, so no instance was added: line 10: ArgumentOutOfRangeException: Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index') (OnStart)",
            (await Json(refused)).GetProperty("errors").GetProperty("strategy_name")[0].GetString());
        Assert.Empty((await Json(await Http.GetAsync("/api/strategies"))).EnumerateArray());
        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync("/api/user-strategies/no-start")).StatusCode);
    }

    [Fact]
    public async Task A_strategy_whose_code_fails_mid_run_is_answered_with_its_line_by_the_backtest_optimisation_and_portfolio_routes()
    {
        const string source = """
            using Velocitas.Strategies;

            public sealed class Fifty : Strategy
            {
                [Parameter(10, 100)] public int At { get; set; } = 50;

                protected override void OnCandle(Candle candle)
                {
                    if (Candles.Count == At) throw new InvalidOperationException("no candle " + At);
                }
            }
            """;
        Assert.Equal(HttpStatusCode.Created, (await Http.PostAsJsonAsync("/api/user-strategies", new { name = "Fifty", source })).StatusCode);
        int dataset = (await Json(await Http.GetAsync("/api/datasets"))).EnumerateArray().First().GetProperty("id").GetInt32();

        var backtest = await Http.PostAsJsonAsync("/api/backtests", new { datasetId = dataset, strategy = "fifty@1" });
        Assert.Equal(HttpStatusCode.BadRequest, backtest.StatusCode);
        Assert.StartsWith("The strategy's code failed: line 9: InvalidOperationException: no candle 50 (OnCandle at ",
            (await Json(backtest)).GetProperty("errors").GetProperty("strategy")[0].GetString());

        var optimisation = await Http.PostAsJsonAsync("/api/optimization/backtest", new { dataset_ids = new[] { dataset }, strategy_configs = new[] { new { strategy_name = "fifty", @params = new { at = "20,40" } } } });
        Assert.Equal(HttpStatusCode.BadRequest, optimisation.StatusCode);
        Assert.StartsWith("The strategy's code failed: line 9: InvalidOperationException: no candle ",
            (await Json(optimisation)).GetProperty("errors").GetProperty("strategy_configs")[0].GetString());
        var portfolio = await Http.PostAsJsonAsync("/api/portfolio", new { legs = new[] { new { datasetId = dataset, strategy = "fifty@1" } } });
        Assert.Equal(HttpStatusCode.BadRequest, portfolio.StatusCode);
        Assert.StartsWith("The strategy's code failed: line 9: InvalidOperationException: no candle 50 ",
            (await Json(portfolio)).GetProperty("errors").GetProperty("legs")[0].GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync("/api/user-strategies/fifty")).StatusCode);
    }
}
