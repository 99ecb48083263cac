using System.Net;
using System.Text;
using System.Text.Json;

namespace Velocitas.Web.Tests.Hardening;

/// <summary>
/// Bad requests across every route, as an attacker or a careless client sends them: each is answered with a problem
/// detail (application/problem+json) of the right status that names the field at fault — never a 500, never HTML.
/// </summary>
public sealed class BadRequestCorpusTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private const string Json = "application/json";
    private static readonly string Long = new('x', 300);
    private const string Rsi = "{\"strategy_name\":\"rsi\",\"coin\":\"BTC\"";
    private const string OneRsi = "\"strategy_configs\":[{\"strategy_name\":\"rsi\"}]";

    /// <summary>(method, url, content type, body, status, field named in errors or null).</summary>
    public static TheoryData<string, string, string?, string?, int, string?> Corpus => new()
    {
        // live: register
        { "POST", "/api/strategies/register", Json, "{\"strategy_name\":5,\"coin\":\"BTC\"}", 400, "strategy_name" },
        { "POST", "/api/strategies/register", Json, "{\"strategy_name\":\"rsi\",\"coin\":5}", 400, "coin" },
        { "POST", "/api/strategies/register", Json, Rsi + ",\"initial_cash\":1e308}", 400, "initial_cash" },
        { "POST", "/api/strategies/register", Json, Rsi + ",\"initial_cash\":0}", 400, "initial_cash" },
        { "POST", "/api/strategies/register", Json, Rsi + ",\"initial_cash\":\"lots\"}", 400, "initial_cash" },
        { "POST", "/api/strategies/register", Json, "{\"strategy_name\":\"rsi\"}", 400, "coin" },
        { "POST", "/api/strategies/register", Json, "{\"coin\":\"BTC\"}", 400, "strategy_name" },
        { "POST", "/api/strategies/register", Json, "{\"strategy_name\":\"turtle\",\"coin\":\"BTC\"}", 400, "strategy_name" },
        { "POST", "/api/strategies/register", Json, Rsi + ",\"params\":{\"period\":\"x\"}}", 400, "params.period" },
        { "POST", "/api/strategies/register", Json, Rsi + ",\"params\":{\"period\":1e308}}", 400, "params.period" },
        { "POST", "/api/strategies/register", Json, Rsi + ",\"params\":{\"period\":[14]}}", 400, "params.period" },
        { "POST", "/api/strategies/register", Json, Rsi + ",\"params\":{\"period\":200000}}", 400, "params.period" },
        { "POST", "/api/strategies/register", Json, Rsi + ",\"fee\":2}", 400, "fee" },
        { "POST", "/api/strategies/register", Json, Rsi + $",\"label\":\"{Long}\"}}", 400, "label" },
        { "POST", "/api/strategies/register", Json, $"{{\"strategy_name\":\"{Long}\",\"coin\":\"BTC\"}}", 400, "strategy_name" },
        { "POST", "/api/strategies/register", Json, Rsi + ",\"watch_only\":\"yes\"}", 400, "watch_only" },
        { "POST", "/api/strategies/register", Json, Rsi + ",\"stop_loss_pct\":150}", 400, "stop_loss_pct" },
        { "POST", "/api/strategies/register", Json, "{\"strategy_name\":", 400, "body" },
        { "POST", "/api/strategies/register", Json, "", 400, "body" },
        { "POST", "/api/strategies/register", "text/plain", Rsi + "}", 415, null },
        { "POST", "/api/strategies/register", "application/x-www-form-urlencoded", "strategy_name=rsi&coin=BTC", 415, null },
        // live: unregister, engine, trades
        { "POST", "/api/strategies/unregister", Json, "{\"strategy_id\":1.5}", 400, "strategy_id" },
        { "POST", "/api/strategies/unregister", Json, "{}", 400, "strategy_id" },
        { "POST", "/api/strategies/unregister", Json, "{\"strategy_id\":\"abc\"}", 400, "strategy_id" },
        { "POST", "/api/engine/start?data_source=csv&dataset_ids=1&speed=NaN", null, null, 400, "speed" },
        { "POST", "/api/engine/start?data_source=csv&dataset_ids=1&speed=-5", null, null, 400, "speed" },
        { "POST", "/api/engine/start?tick_rate=abc", null, null, 400, "tick_rate" },
        { "POST", "/api/engine/start?data_source=csv&dataset_ids=x", null, null, 400, "dataset_ids" },
        { "POST", "/api/engine/start?seed=1e9", null, null, 400, "seed" },
        { "POST", "/api/engine/start?data_source=bloomberg", null, null, 400, "data_source" },
        { "POST", "/api/engine/start?tick_rate=5000000", null, null, 400, "data_source" },
        { "GET", "/api/trades?page=99999999999", null, null, 400, "page" },
        { "GET", "/api/trades?page=0", null, null, 400, "page" },
        { "GET", "/api/trades?page_size=5000", null, null, 400, "page_size" },
        { "GET", "/api/trades/1?page=abc", null, null, 400, "page" },
        // optimisation
        { "POST", "/api/optimization/backtest", Json, "{\"dataset_id\":1.5," + OneRsi + "}", 400, "dataset_id" },
        { "POST", "/api/optimization/backtest", Json, "{\"dataset_ids\":[1,\"x\",2.5]," + OneRsi + "}", 400, "dataset_ids[1]" },
        { "POST", "/api/optimization/backtest", Json, "{\"dataset_ids\":[1,2.5]," + OneRsi + "}", 400, "dataset_ids[1]" },
        { "POST", "/api/optimization/backtest", Json, "{\"dataset_id\":1,\"strategy_configs\":[{\"strategy_name\":\"rsi\",\"params\":{\"period\":[\"a\"]}}]}", 400, "strategy_configs[0].params.period" },
        { "POST", "/api/optimization/backtest", Json, "{\"dataset_id\":1,\"strategy_configs\":[{\"strategy_name\":\"rsi\",\"params\":{\"period\":{\"min\":5}}}]}", 400, "strategy_configs[0].params.period" },
        { "POST", "/api/optimization/backtest", Json, "{\"dataset_id\":1,\"strategy_configs\":[{\"strategy_name\":\"rsi\",\"params\":{\"period\":true}}]}", 400, "strategy_configs[0].params.period" },
        { "POST", "/api/optimization/backtest", Json, "{\"dataset_id\":1," + OneRsi + ",\"min_trades\":1e12}", 400, "min_trades" },
        { "POST", "/api/optimization/backtest", Json, "{\"dataset_id\":1}", 400, "strategy_configs" },
        { "POST", "/api/optimization/backtest", Json, "{\"dataset_id\":1,\"strategy_configs\":[]}", 400, "strategy_configs" },
        { "POST", "/api/optimization/backtest", Json, "{" + OneRsi + "}", 400, "dataset_id" },
        { "POST", "/api/optimization/backtest", Json, "{\"dataset_id\":1,\"strategy_configs\":[{\"strategy_name\":\"turtle\"}]}", 400, "strategy_configs[0].strategy_name" },
        { "POST", "/api/optimization/backtest", Json, "{\"csv_path\":\"../../../../etc/passwd\"," + OneRsi + "}", 400, "csv_path" },
        { "POST", "/api/optimization/backtest", Json, "{\"csv_path\":\"a\\u0000b.csv\"," + OneRsi + "}", 400, "csv_path" },
        { "POST", "/api/optimization/backtest", Json, "{\"dataset_id\":1,\"strategy_configs\":[{\"strategy_name\":\"sma-crossover\",\"params\":{\"fast\":30,\"slow\":30}}]}", 400, "strategy_configs" },
        { "POST", "/api/optimization/backtest", Json, "{\"dataset_id\":1," + OneRsi + ",\"objective\":\"luck\"}", 400, "objective" },
        { "POST", "/api/optimization/backtest", Json, "{\"dataset_id\":1," + OneRsi + ",\"oos\":0.95}", 400, "oos" },
        { "POST", "/api/optimization/backtest", Json, "{\"dataset_id\":1," + OneRsi + ",\"walk_forward\":100}", 400, "walk_forward" },
        { "POST", "/api/optimization/backtest", Json, "{\"dataset_ids\":[999]," + OneRsi + "}", 400, "dataset_ids" },
        { "POST", "/api/optimization/backtest", Json, "{\"dataset_id\":1,\"strategy_configs\":[{\"strategy_name\":\"rsi\",\"params\":{\"period\":\"5:x:1\"}}]}", 400, "strategy_configs" },
        { "POST", "/api/optimization/backtest", Json, "{\"dataset_id\":1," + OneRsi + $",\"name\":\"{Long}\"}}", 400, "name" },
        { "GET", "/api/optimization/best-combos?run_id=abc", null, null, 400, "run_id" },
        // trend analysis
        { "POST", "/api/trend-analysis/analyze", Json, "{\"settings\":{\"regression_period\":1e308}}", 400, "settings.regression_period" },
        { "POST", "/api/trend-analysis/analyze", Json, "{\"settings\":{\"regression_period\":100000}}", 400, "settings.regression_period" },
        { "POST", "/api/trend-analysis/analyze", Json, "{\"settings\":{\"confirmation\":0}}", 400, "settings.confirmation" },
        { "POST", "/api/trend-analysis/analyze", Json, "{\"settings\":{\"adx\":10}}", 400, "settings.adx" },
        { "POST", "/api/trend-analysis/analyze", Json, "{\"dataset_ids\":[\"a\"]}", 400, "dataset_ids[0]" },
        { "POST", "/api/trend-analysis/analyze", Json, "{\"dataset_ids\":[-1]}", 400, "dataset_ids[0]" },
        { "POST", "/api/trend-analysis/analyze", Json, "{\"coins\":[5]}", 400, "coins[0]" },
        { "POST", "/api/trend-analysis/analyze", "text/plain", "{}", 415, null },
        { "GET", "/api/trend-analysis/suggestions-for-coin?dataset_id=abc", null, null, 400, "dataset_id" },
        { "GET", "/api/trend-analysis/suggestions-for-coin", null, null, 400, "coin" },
        // copilot
        { "POST", "/api/copilot/rules", Json, "{\"kind\":\"price-cross\",\"cooldown_seconds\":1e308,\"params\":{\"level\":1}}", 400, "cooldown_seconds" },
        { "POST", "/api/copilot/rules", Json, "{\"kind\":\"price-cross\",\"instance_id\":1.5}", 400, "instance_id" },
        { "POST", "/api/copilot/rules", Json, "{\"kind\":\"price-cross\",\"severity\":\"5\"}", 400, "severity" },
        { "POST", "/api/copilot/rules", Json, "{\"kind\":\"price-cross\",\"action\":\"7\"}", 400, "action" },
        { "POST", "/api/copilot/rules", Json, "{\"kind\":\"telepathy\"}", 400, "kind" },
        { "POST", "/api/copilot/rules", Json, $"{{\"kind\":\"price-cross\",\"name\":\"{Long}\"}}", 400, "name" },
        { "POST", "/api/copilot/rules", Json, "{\"kind\":\"price-cross\",\"params\":{\"level\":\"high\"}}", 400, "params.level" },
        { "POST", "/api/copilot/rules", Json, "{\"kind\":\"price-cross\",\"params\":{\"level\":[1]}}", 400, "params.level" },
        { "POST", "/api/copilot/rules", Json, "{\"kind\":\"price-cross\",\"symbol\":\"$$$\"}", 400, "symbol" },
        { "PUT", "/api/copilot/rules/1", Json, "{\"kind\":", 400, "body" },
        { "POST", "/api/copilot/enable-alerts", "text/plain", "{\"enabled\":false}", 415, null },
        { "POST", "/api/copilot/enable-alerts?enabled=maybe", null, null, 400, "enabled" },
        { "POST", "/api/copilot/enable-alerts", Json, "{\"enabled\":\"off\"}", 400, "enabled" },
        { "GET", "/api/copilot/active-alerts?limit=abc", null, null, 400, "limit" },
        { "GET", "/api/copilot/alerts?limit=0", null, null, 400, "limit" },
        { "GET", "/api/copilot/alerts?ruleId=x", null, null, 400, "ruleId" },
        { "GET", "/api/copilot/alerts?severity=5", null, null, 400, "severity" },
        // datasets
        { "PATCH", "/api/datasets/1", Json, "{\"name\":", 400, "body" },
        { "PATCH", "/api/datasets/1", Json, "{\"name\":\"\"}", 400, "name" },
        { "PATCH", "/api/datasets/1", Json, $"{{\"name\":\"{Long}\"}}", 400, "name" },
        { "GET", "/api/datasets/1/candles?from=notadate", null, null, 400, "from" },
        { "POST", "/api/datasets", "multipart/form-data", "abc", 400, "file" },
        { "POST", "/api/datasets", "text/plain", "time,open,high,low,close", 400, "file" },
        { "POST", "/api/datasets", "multipart/form-data; boundary=XYZ", "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\ntime,open,high,low,close\r\n2024-01-01,1,2,0.5,1.5\r\n", 400, "file" },
        { "POST", "/api/datasets", "multipart/form-data; boundary=XYZ", "--XYZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nBTC\r\n--XYZ--\r\n", 400, "file" },
        { "POST", "/api/optimization/upload-csv", "multipart/form-data", "abc", 400, "file" },
        // backtests and portfolio
        { "POST", "/api/backtests", Json, "{\"datasetId\":\"x\",\"strategy\":\"rsi\"}", 400, "datasetId" },
        { "POST", "/api/backtests", Json, "{\"datasetId\":1,\"strategy\":\"rsi\",\"settings\":{\"feeRate\":5}}", 400, "settings.feeRate" },
        { "POST", "/api/backtests", Json, "{\"datasetId\":1,\"strategy\":\"rsi\",\"settings\":{\"initialCash\":1e308}}", 400, "settings.initialCash" },
        { "POST", "/api/backtests", Json, "{\"datasetId\":1}", 400, "strategy" },
        { "POST", "/api/backtests", Json, "{\"datasetId\":1,\"strategy\":\"rsi\",\"parameters\":{\"period\":\"NaN\"}}", 400, "parameters.period" },
        { "POST", "/api/backtests", "application/xml", "<run/>", 415, null },
        { "POST", "/api/portfolio", Json, "{}", 400, "legs" },
        { "POST", "/api/portfolio", Json, "{\"legs\":[{\"datasetId\":1,\"strategy\":\"rsi\",\"weight\":-1}]}", 400, "legs[0].weight" },
        // routes, methods, sizes
        { "GET", "/api/nope", null, null, 404, null },
        { "GET", "/api/backtests/abc", null, null, 404, null },
        { "DELETE", "/api/health", null, null, 405, null },
        { "PUT", "/api/datasets/1", Json, "{}", 405, null },
        { "GET", "/api/datasets?q=" + new string('a', 10_000), null, null, 414, null },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task A_bad_request_is_answered_with_a_problem_detail_naming_the_field(string method, string url, string? contentType, string? body, int status, string? field)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null || contentType is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body ?? ""));
            if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        using var response = await shared.Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();

        Assert.True(status == (int)response.StatusCode, $"{method} {url}: expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), text);
        Assert.True(problem.TryGetProperty("traceId", out _), text);
        Assert.DoesNotContain("   at ", text); // never a stack trace
        if (field is not null)
        {
            var errors = problem.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages), $"{method} {url}: no error for '{field}' in {text}");
            Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        }
    }

    [Fact]
    public void The_corpus_covers_at_least_sixty_bad_requests_across_every_route_group()
    {
        var urls = Corpus.Select(row => (string)row[1]).ToList();
        Assert.True(urls.Count >= 60, $"{urls.Count} cases");
        foreach (string group in new[] { "/api/strategies", "/api/engine", "/api/trades", "/api/optimization", "/api/trend-analysis", "/api/copilot", "/api/datasets", "/api/backtests", "/api/portfolio" })
            Assert.Contains(urls, u => u.StartsWith(group, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Values_that_were_silently_changed_before_are_now_taken_as_written_or_refused()
    {
        // "1000" as text is the number 1000 (it used to become the default 10,000)
        var r = await shared.Http.PostAsync("/api/strategies/register", new StringContent(Rsi + ",\"initial_cash\":\"1000\",\"watch_only\":true}", Encoding.UTF8, Json));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var created = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1000m, created.GetProperty("strategy").GetProperty("initial_cash").GetDecimal());

        // a numeric severity or action is refused, and nothing is stored
        var before = JsonDocument.Parse(await shared.Http.GetStringAsync("/api/copilot/rules")).RootElement.GetArrayLength();
        var rule = await shared.Http.PostAsync("/api/copilot/rules", new StringContent("{\"kind\":\"price-cross\",\"params\":{\"level\":1},\"action\":\"7\"}", Encoding.UTF8, Json));
        Assert.Equal(HttpStatusCode.BadRequest, rule.StatusCode);
        Assert.Equal(before, JsonDocument.Parse(await shared.Http.GetStringAsync("/api/copilot/rules")).RootElement.GetArrayLength());

        // the snake_case and camelCase spellings both work
        var camel = await shared.Http.PostAsync("/api/strategies/register", new StringContent("{\"strategyName\":\"rsi\",\"coin\":\"ETH\",\"initialCash\":2500,\"watchOnly\":true}", Encoding.UTF8, Json));
        Assert.Equal(HttpStatusCode.Created, camel.StatusCode);
        Assert.Equal(2500m, JsonDocument.Parse(await camel.Content.ReadAsStringAsync()).RootElement.GetProperty("strategy").GetProperty("initial_cash").GetDecimal());
    }
}
