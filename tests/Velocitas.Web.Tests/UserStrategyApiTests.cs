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
}
