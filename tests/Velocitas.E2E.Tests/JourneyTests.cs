using Xunit.Abstractions;
using System.Globalization;
using Microsoft.Playwright;

namespace Velocitas.E2E.Tests;

/// <summary>The main journeys in a real browser against the real app.</summary>
[Collection("browser")]
public sealed class JourneyTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AppProcess _app = new();

    public Task InitializeAsync() => _app.StartAsync();

    public async Task DisposeAsync()
    {
        await browser.ClosePagesAsync(); // a page left open keeps drawing its live charts and slows every later test
        // shown only when the test fails: the end of the app's log
        foreach (string line in _app.Log.Split('\n').TakeLast(40)) output.WriteLine("app| " + line.TrimEnd());
        await _app.DisposeAsync();
        _app.DeleteData();
    }

    /// <summary>The input of a MudBlazor field: the marker attribute lands on the input itself or on a wrapper.</summary>
    private static ILocator Input(IPage page, string marker, string scope = "") =>
        page.Locator($"{scope} input{marker}, {scope} {marker} input").First;

    [Fact]
    public async Task Run_a_backtest_and_see_metrics_and_charts()
    {
        var page = await browser.OpenAsync(new Uri(_app.BaseUrl, "/backtest"));
        await page.ClickAsync("[data-testid=run-backtest]");
        await page.WaitForSelectorAsync("[data-testid=metrics]");
        // a full price chart (every candle, volume, the strategy's lines) takes a while on a busy machine
        await page.WaitForSelectorAsync("[data-testid=price-chart][data-chart-ready=true]", new() { Timeout = 90_000 });
        await page.WaitForSelectorAsync("[data-testid=equity-chart][data-chart-ready=true]");

        int trades = int.Parse(await page.TextContentAsync("[data-metric=trades]") ?? "0", CultureInfo.InvariantCulture);
        Assert.True(trades > 0, "the default SMA crossover trades on the BTC demo dataset");
        int candles = int.Parse(await page.GetAttributeAsync("[data-testid=price-chart]", "data-chart-points") ?? "0", CultureInfo.InvariantCulture);
        Assert.InRange(candles, 100, 1200);
        Assert.Contains("Saved as #", await page.TextContentAsync("[data-testid=saved-link]"));
        await BrowserFixture.ScreenshotAsync(page, "backtest");

        // the run is in History
        await page.GotoAsync(new Uri(_app.BaseUrl, "/history").ToString());
        await page.WaitForSelectorAsync("[data-circuit=ready]");
        await page.WaitForSelectorAsync("[data-testid=open-1]");
        await BrowserFixture.ScreenshotAsync(page, "history");
        await page.ClickAsync("[data-testid=open-1]");
        await page.WaitForSelectorAsync("[data-testid=equity-chart][data-chart-ready=true]");
        await BrowserFixture.ScreenshotAsync(page, "history-detail");
    }

    [Fact]
    public async Task Optimise_two_coins_with_walk_forward_inspect_a_row_and_reopen_it_from_history()
    {
        var page = await browser.OpenAsync(new Uri(_app.BaseUrl, "/optimization"));
        await Input(page, "[data-range='sma-crossover.fast']").FillAsync("5:15:5");
        await Input(page, "[data-range='sma-crossover.slow']").FillAsync("20,30,40,50");
        await page.WaitForSelectorAsync("[data-testid=opt-count]:has-text('24 combination(s) to run.')");
        await page.ClickAsync("[data-testid=run-optimization]");
        await page.WaitForSelectorAsync("[data-testid=optimization-results]", new() { Timeout = 60_000 });
        await page.WaitForSelectorAsync("[data-testid=heatmap][data-chart-ready=true]");

        Assert.Equal(24, await page.Locator("[data-testid=combinations-table] tbody tr").CountAsync());
        Assert.Contains("walk-forward window", await page.TextContentAsync("[data-testid=recommendations]"));
        await page.Locator("[data-testid=combinations-table] tbody tr").First.ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=row-equity-chart][data-chart-ready=true]");
        await BrowserFixture.ScreenshotAsync(page, "optimization");

        await page.GotoAsync(new Uri(_app.BaseUrl, "/history?tab=optimizations").ToString());
        await page.WaitForSelectorAsync("[data-circuit=ready]");
        await page.ClickAsync("[data-testid=open-optimization-1]");
        await page.WaitForSelectorAsync("[data-testid=optimization-results]");
        Assert.Contains("#1", await page.TextContentAsync("[data-testid=optimization-title]"));
        Assert.Equal(24, await page.Locator("[data-testid=combinations-table] tbody tr").CountAsync());
    }

    [Fact]
    public async Task Classify_every_coin_and_read_one_coins_regime_history_and_suggestions()
    {
        var page = await browser.OpenAsync(new Uri(_app.BaseUrl, "/trend"));
        await page.WaitForSelectorAsync("[data-testid=trend-detail]", new() { Timeout = 60_000 });
        await page.WaitForSelectorAsync("[data-testid=regime-chart][data-chart-ready=true]");
        Assert.Equal(3, await page.Locator("[data-testid=trend-overview] tbody tr").CountAsync());
        Assert.Equal(8, await page.Locator("[data-testid=evidence] tr").CountAsync());
        Assert.Matches(@"\d", await page.TextContentAsync("[data-testid=suggestions]") ?? "");
        await BrowserFixture.ScreenshotAsync(page, "trend");

        string first = await page.TextContentAsync("[data-testid=trend-title]") ?? "";
        await page.Locator("[data-testid=trend-overview] tbody tr").Filter(new() { HasNotText = first }).First.ClickAsync();
        await page.WaitForFunctionAsync($"() => document.querySelector('[data-testid=trend-title]').textContent !== {System.Text.Json.JsonSerializer.Serialize(first)}");
        await page.WaitForSelectorAsync("[data-testid=regime-chart][data-chart-ready=true]");
    }

    [Fact]
    public async Task Create_an_alert_rule_trade_live_and_see_the_alerts_arrive_and_acknowledge_them()
    {
        var page = await browser.OpenAsync(new Uri(_app.BaseUrl, "/copilot"));
        await page.ClickAsync("[data-testid=new-rule]");
        await page.ClickAsync("[data-testid=rule-kind]");
        await page.ClickAsync(".mud-popover-open .mud-list-item:has-text('Strategy signal')");
        // the server has taken the choice when the kind's own fields are drawn (strategy signals ask for a side)
        await page.WaitForSelectorAsync("[data-testid=rule-editor] [data-param=side]");
        await Input(page, "[data-testid=rule-cooldown]").FillAsync("0");
        await page.ClickAsync("[data-testid=save-rule]");
        // either the rule is listed or the editor says why not: a failure then shows the editor's own message
        await page.WaitForSelectorAsync("[data-testid=rule-1], [data-testid=rule-error]");
        Assert.Equal(0, await page.Locator("[data-testid=rule-error]").CountAsync());
        Assert.Contains("Strategy signal · every coin · buys and sells", await page.TextContentAsync("[data-testid=rule-1]"));

        await page.GotoAsync(new Uri(_app.BaseUrl, "/live").ToString());
        await page.WaitForSelectorAsync("[data-circuit=ready]");
        await Input(page, "[data-param=fast]", "[data-testid=add-instance]").FillAsync("3");
        await Input(page, "[data-param=slow]", "[data-testid=add-instance]").FillAsync("8");
        await page.ClickAsync("[data-testid=add-instance-button]");
        await page.WaitForSelectorAsync("[data-testid=instance-1]");
        await Input(page, "[data-testid=feed-rate]").FillAsync("3000");
        await page.ClickAsync("[data-testid=start-engine]");
        // the bell in the app bar counts new alerts on any page
        await page.WaitForFunctionAsync("() => parseInt(document.querySelector('[data-testid=alert-bell]')?.getAttribute('data-count') ?? '0') >= 2", null, new() { Timeout = 60_000 });
        await page.ClickAsync("[data-testid=stop-engine]");
        await page.WaitForSelectorAsync("[data-testid=engine-state]:has-text('stopped')", new() { Timeout = 60_000 });

        await page.GotoAsync(new Uri(_app.BaseUrl, "/copilot").ToString());
        await page.WaitForSelectorAsync("[data-circuit=ready]");
        await page.WaitForSelectorAsync("[data-testid=alert]");
        Assert.Matches(@"SMA crossover #1 on BTCUSDT will (BUY|SELL) at the next open", await page.Locator("[data-testid=alert]").First.TextContentAsync() ?? "");
        await BrowserFixture.ScreenshotAsync(page, "copilot");
        await page.ClickAsync("[data-testid=ack-all]");
        await page.WaitForSelectorAsync("[data-testid=no-alerts]");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=alert-bell]').getAttribute('data-count') === '0'");
    }

    [Fact]
    public async Task Trade_two_strategies_on_two_coins_live_then_stop_restart_and_see_the_same_trades()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Step(string what) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {what}");
        var page = await browser.OpenAsync(new Uri(_app.BaseUrl, "/live"));
        Step("page open");

        // SMA crossover (3, 8) on BTC
        await Input(page, "[data-param=fast]", "[data-testid=add-instance]").FillAsync("3");
        await Input(page, "[data-param=slow]", "[data-testid=add-instance]").FillAsync("8");
        await page.ClickAsync("[data-testid=add-instance-button]");
        await page.WaitForSelectorAsync("[data-testid=instance-1]");
        // RSI (7, 40/60) on ETH
        await page.ClickAsync("[data-testid=add-strategy]");
        await page.ClickAsync(".mud-popover-open .mud-list-item:has-text('RSI reversion')");
        await Input(page, "[data-testid=add-coin]").FillAsync("ETH");
        await Input(page, "[data-param=period]", "[data-testid=add-instance]").FillAsync("7");
        await Input(page, "[data-param=oversold]", "[data-testid=add-instance]").FillAsync("40");
        await Input(page, "[data-param=overbought]", "[data-testid=add-instance]").FillAsync("60");
        await page.ClickAsync("[data-testid=add-instance-button]");
        await page.WaitForSelectorAsync("[data-testid=instance-2]");

        Step("two instances added");
        await Input(page, "[data-testid=feed-rate]").FillAsync("3000");
        await page.ClickAsync("[data-testid=start-engine]");
        await page.WaitForSelectorAsync("[data-testid=engine-state]:has-text('running')");
        await page.WaitForFunctionAsync("() => parseInt(document.querySelector('[data-testid=instance-1-trades]')?.textContent ?? '0') > 0 && parseInt(document.querySelector('[data-testid=instance-2-trades]')?.textContent ?? '0') > 0", null, new() { Timeout = 90_000 });
        Step("both traded");
        string pnl1 = await page.TextContentAsync("[data-testid=pnl-coin-total-realized]") ?? "";
        await page.WaitForFunctionAsync($"() => document.querySelector('[data-testid=pnl-coin-total-realized]').textContent !== {System.Text.Json.JsonSerializer.Serialize(pnl1)}", null, new() { Timeout = 60_000 });
        await page.WaitForSelectorAsync("[data-testid=live-chart][data-chart-ready=true]");
        // the equity curve is drawn (the page renders four times a second; a chart must survive that) and nothing threw
        await page.WaitForSelectorAsync("[data-testid=live-equity] .apexcharts-series path");
        await page.WaitForFunctionAsync("() => parseInt(document.querySelector('[data-testid=live-equity]').getAttribute('data-chart-points') ?? '0') >= 3");
        Assert.Empty(BrowserFixture.PageErrors(page));
        await BrowserFixture.ScreenshotAsync(page, "live-running");

        Step("P&L changed, chart drawn");
        await page.ClickAsync("[data-testid=stop-engine]");
        Step("stop clicked");
        await page.WaitForSelectorAsync("[data-testid=engine-state]:has-text('stopped')");
        Step("stopped shown");
        var before = await BlotterAsync(page);
        Assert.NotEmpty(before);

        Step("stopped");
        await _app.KillAsync();
        await _app.StartAsync();
        Step("restarted");
        var after = await browser.OpenAsync(new Uri(_app.BaseUrl, "/live"));
        await after.WaitForSelectorAsync("[data-testid=instance-2]");
        Assert.Equal(before, await BlotterAsync(after));
        // the portfolio's equity curve was saved with the trades and is drawn again
        await after.WaitForFunctionAsync("() => parseInt(document.querySelector('[data-testid=live-equity]')?.getAttribute('data-chart-points') ?? '0') >= 3");
        await BrowserFixture.ScreenshotAsync(after, "live-after-restart");
    }

    [Fact]
    public async Task Import_a_month_of_real_Binance_candles_in_the_browser_and_backtest_them()
    {
        string file = Path.GetFullPath(Path.Combine(AppProcess.RepositoryRoot, "..", "shared", "data", "real", "BTCUSDT-1m-2021-05.csv"));
        var page = await browser.OpenAsync(new Uri(_app.BaseUrl, "/data"));
        await page.WaitForSelectorAsync("[data-testid=datasets-table] tbody tr");
        Assert.Equal(3, await page.Locator("[data-testid=datasets-table] tbody tr").CountAsync());

        // 6.8 MB of data.binance.vision klines (no header, millisecond times) through the browser's upload, chosen as a
        // user does: the button opens the file chooser. (Setting the hidden input's files straight away could beat the
        // upload component's script to its input just after the page turned interactive, and the choice was never seen.)
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.ClickAsync("[data-testid=choose-file]"));
        await chooser.SetFilesAsync(file);
        output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  file set");
        try
        {
            await page.WaitForSelectorAsync("[data-testid=import-preview], [data-testid=import-error]", new() { Timeout = 90_000 });
        }
        catch (TimeoutException)
        {
            await BrowserFixture.ScreenshotAsync(page, "data-import-stuck");
            throw new TimeoutException($"No import preview after 90 s; the upload panel shows: {await page.InnerTextAsync("[data-testid=upload-panel]")}");
        }
        output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  preview or error shown");
        Assert.False(await page.IsVisibleAsync("[data-testid=import-error]"), await page.TextContentAsync("[data-testid=upload-panel]") ?? "");
        Assert.Equal("Binance klines (data.binance.vision)", (await page.TextContentAsync("[data-testid=detected-format]"))?.Trim());
        Assert.Contains("44,640", await page.TextContentAsync("[data-testid=row-counts]"));
        await Input(page, "[data-testid=dataset-symbol]").FillAsync("BTCUSDT");
        await BrowserFixture.ScreenshotAsync(page, "data-import-preview");
        await page.ClickAsync("[data-testid=commit-import]");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=datasets-table] tbody tr').length === 4", null, new() { Timeout = 90_000 });
        Assert.Contains("BTCUSDT-1m-2021-05", await page.TextContentAsync("[data-testid=datasets-table]"));

        // and it is there to backtest, every candle of it
        await page.GotoAsync(new Uri(_app.BaseUrl, "/backtest?dataset=4").ToString());
        await page.WaitForSelectorAsync("[data-circuit=ready]");
        await page.ClickAsync("[data-testid=run-backtest]");
        await page.WaitForSelectorAsync("[data-testid=metrics]", new() { Timeout = 60_000 });
        string header = await page.InnerTextAsync("body");
        Assert.Contains("44,640 candles, 2021-05-01 00:00", header);
        await page.WaitForSelectorAsync("[data-testid=price-chart][data-chart-ready=true]");
        await BrowserFixture.ScreenshotAsync(page, "backtest-imported");
    }

    [Fact]
    public async Task Every_page_renders_without_errors()
    {
        foreach (string path in new[] { "/", "/data" })
        {
            var page = await browser.OpenAsync(new Uri(_app.BaseUrl, path));
            var errors = new List<string>();
            page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
            await page.WaitForTimeoutAsync(1000);
            Assert.Empty(errors);
            Assert.False(await page.IsVisibleAsync("#blazor-error-ui"));
            await BrowserFixture.ScreenshotAsync(page, path == "/" ? "overview" : path.Trim('/'));
        }
    }

    private static async Task<List<string>> BlotterAsync(IPage page) =>
        (await page.EvalOnSelectorAllAsync<string[]>("[data-testid=trade-blotter] tr.vel-trade-row", "rows => rows.map(r => r.innerText.trim())")).ToList();
}
