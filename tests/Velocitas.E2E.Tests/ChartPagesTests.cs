using System.Net.Http.Json;
using Xunit.Abstractions;

namespace Velocitas.E2E.Tests;

/// <summary>
/// The Live chart, the Data preview and the Trend chart behave like the backtest chart, at 1440 and 1280 pixels: a zoom
/// re-aggregates the candles of the window and rescales the price axis, a log button, an OHLCV tooltip; Live draws
/// its instances' indicators (SMAs over the price, RSI and MACD in panes with their levels).
/// </summary>
[Collection("browser")]
public sealed class ChartPagesTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AppProcess _app = new();

    public Task InitializeAsync() => _app.StartAsync();

    public async Task DisposeAsync()
    {
        await browser.ClosePagesAsync(); // a page left open keeps drawing its live charts and slows every later test
        foreach (string line in _app.Log.Split('\n').TakeLast(40)) output.WriteLine("app| " + line.TrimEnd());
        await _app.DisposeAsync();
        _app.DeleteData();
    }

    [Theory]
    [InlineData(1440)]
    [InlineData(1280)]
    public async Task Live_chart_draws_every_instances_indicators_and_zooms_like_a_trading_chart(int width)
    {
        using var http = new HttpClient { BaseAddress = _app.BaseUrl };
        (await http.PostAsJsonAsync("/api/strategies/register", new { strategy_name = "sma-crossover", coin = "BTC", @params = new { fast = 3, slow = 8 } })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("/api/strategies/register", new { strategy_name = "rsi", coin = "BTC", @params = new { period = 7, oversold = 35, overbought = 65 } })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("/api/strategies/register", new { strategy_name = "macd", coin = "BTC" })).EnsureSuccessStatusCode();
        (await http.PostAsync("/api/engine/start?source=synthetic&coins=BTC&tick_rate=3000", null)).EnsureSuccessStatusCode();
        const string id = "live-chart";
        string chart = PriceChartProbe.Selector(id);
        try
        {
            {
                // one width per app: a fresh feed each time
                var page = await browser.OpenAsync(new Uri(_app.BaseUrl, "/live"), width);
                await page.WaitForSelectorAsync($"{chart}[data-chart-ready=true]");
                // enough candles for a zoom to mean something; every one of them reaches the browser (no server-side merging)
                await page.WaitForFunctionAsync("(sel) => parseInt(document.querySelector(sel)?.getAttribute('data-candles-total') ?? '0') >= 80", chart, new() { Timeout = 120_000 });
                Assert.Equal(1, await PriceChartProbe.IntAsync(page, id, "data-bucket"));

                // the SMAs over the price, RSI with its own levels and MACD in panes of their own
                await page.WaitForSelectorAsync($"{chart} [data-pane=RSI] .apexcharts-series path");
                await page.WaitForSelectorAsync($"{chart} [data-pane=MACD] .apexcharts-series path");
                string legend = await page.TextContentAsync($"{chart} > div:first-child .apexcharts-legend") ?? "";
                Assert.Contains("SMA 3", legend);
                Assert.Contains("SMA 8", legend);
                string rsi = await page.TextContentAsync($"{chart} [data-pane=RSI]") ?? "";
                Assert.Contains("35", rsi);
                Assert.Contains("65", rsi);
                // an oscillator's pane reads 0 to 100, whatever the values in view
                double[] rsiAxis = await page.EvaluateAsync<double[]>("""
                    (sel) => { const v = [...document.querySelectorAll(sel + ' [data-pane=RSI] .apexcharts-yaxis-label')].map(t => parseFloat(t.textContent)).filter(Number.isFinite); return [Math.min(...v), Math.max(...v)]; }
                    """, chart);
                Assert.InRange(rsiAxis[0], -0.01, 0.01);
                Assert.InRange(rsiAxis[1], 99.99, 100.01);
                Assert.Contains("Signal", await page.TextContentAsync($"{chart} [data-pane=MACD]"));
                Assert.Equal(1, await page.Locator($"{chart} [data-pane=Volume]").CountAsync());

                int all = await PriceChartProbe.IntAsync(page, id, "data-chart-points");
                await PriceChartProbe.AssertAxisFitsWindowAsync(page, id);
                int creates = await PriceChartProbe.IntAsync(page, id, "data-creates");
                // zoom to the newest quarter: fewer candles, a price axis fitted to them; the window keeps its width and
                // moves along as new candles arrive, updated in place (never drawn afresh)
                await PriceChartProbe.DragZoomAsync(page, id, 0.7f, 0.99f, live: true);
                int zoomed = await PriceChartProbe.IntAsync(page, id, "data-chart-points");
                // what was selected (about 29 % of the plot), not almost everything: a redraw mid-drag cut the selection short
                Assert.True(zoomed >= all / 8 && zoomed <= all / 2, $"{zoomed} candles in the window against {all}");
                var (from, to) = await WindowAsync(page, chart);
                await page.WaitForFunctionAsync("([sel, to]) => parseFloat(document.querySelector(sel).getAttribute('data-window').split('-')[1]) > to", new object[] { chart, to }, new() { Timeout = 90_000 });
                var (from2, to2) = await WindowAsync(page, chart);
                Assert.InRange(Math.Abs((to - from) - (to2 - from2)), 0, 2);
                Assert.Equal(creates, await PriceChartProbe.IntAsync(page, id, "data-creates"));
                await PriceChartProbe.AssertAxisFitsWindowAsync(page, id);

                Assert.Matches(@"O [\d,.]+ H [\d,.]+ L [\d,.]+ C [\d,.]+", await PriceChartProbe.TooltipAsync(page, id));
                await BrowserFixture.ScreenshotAsync(page, $"live-chart-{width}");
                await PriceChartProbe.LogAsync(page, id);
                await BrowserFixture.ScreenshotAsync(page, $"live-chart-log-{width}");
                await page.CloseAsync();
            }
        }
        finally
        {
            await http.PostAsync("/api/engine/stop", null);
        }
    }

    private static async Task<(double From, double To)> WindowAsync(Microsoft.Playwright.IPage page, string chart)
    {
        string[] w = (await page.GetAttributeAsync(chart, "data-window") ?? "").Split('-');
        return (double.Parse(w[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(w[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Data_preview_zoom_refines_merged_candles_and_rescales_the_price_axis()
    {
        const string id = "dataset-chart";
        string chart = PriceChartProbe.Selector(id);
        foreach (int width in new[] { 1440, 1280 })
        {
            var page = await browser.OpenAsync(new Uri(_app.BaseUrl, "/data"), width);
            await page.WaitForSelectorAsync($"{chart}[data-chart-ready=true]");
            // 6,000 hourly demo candles: merged at full view
            Assert.Equal(6000, await PriceChartProbe.IntAsync(page, id, "data-candles-total"));
            Assert.True(await PriceChartProbe.IntAsync(page, id, "data-bucket") > 1);
            double fullSpan = await PriceChartProbe.YSpanAsync(page, id);

            // a zoom to about a tenth shows the real hourly candles with an axis fitted to them
            await PriceChartProbe.DragZoomAsync(page, id, 0.45f, 0.55f);
            Assert.Equal(1, await PriceChartProbe.IntAsync(page, id, "data-bucket"));
            Assert.InRange(await PriceChartProbe.IntAsync(page, id, "data-chart-points"), 100, 1200);
            double zoomedSpan = await PriceChartProbe.YSpanAsync(page, id);
            Assert.True(zoomedSpan < fullSpan / 2, $"price axis fitted to the window: {zoomedSpan} against {fullSpan}");
            await PriceChartProbe.AssertAxisFitsWindowAsync(page, id);
            Assert.Contains("candles in view", await page.TextContentAsync($"{chart} .vel-chart-note"));

            string tooltip = await PriceChartProbe.TooltipAsync(page, id);
            Assert.Matches(@"O [\d,.]+ H [\d,.]+ L [\d,.]+ C [\d,.]+", tooltip);
            Assert.Contains("V ", tooltip);
            await PriceChartProbe.LogAsync(page, id);
            await BrowserFixture.ScreenshotAsync(page, $"data-chart-zoom-{width}");
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Trend_chart_zoom_refines_merged_candles_keeps_the_regime_shading_and_rescales()
    {
        const string id = "regime-chart";
        string chart = PriceChartProbe.Selector(id);
        foreach (int width in new[] { 1440, 1280 })
        {
            var page = await browser.OpenAsync(new Uri(_app.BaseUrl, "/trend"), width);
            await page.WaitForSelectorAsync($"{chart}[data-chart-ready=true]", new() { Timeout = 90_000 });
            // the whole history: merged candles under the regime bands
            await page.ClickAsync("[data-testid=trend-detail] button:has-text('All')");
            await page.WaitForFunctionAsync("(sel) => parseInt(document.querySelector(sel)?.getAttribute('data-candles-total') ?? '0') === 6000", chart);
            await page.WaitForFunctionAsync("(sel) => parseInt(document.querySelector(sel)?.getAttribute('data-bucket') ?? '1') > 1", chart);
            double fullSpan = await PriceChartProbe.YSpanAsync(page, id);

            await PriceChartProbe.DragZoomAsync(page, id, 0.45f, 0.55f);
            Assert.Equal(1, await PriceChartProbe.IntAsync(page, id, "data-bucket"));
            double zoomedSpan = await PriceChartProbe.YSpanAsync(page, id);
            Assert.True(zoomedSpan < fullSpan / 2, $"price axis fitted to the window: {zoomedSpan} against {fullSpan}");
            await PriceChartProbe.AssertAxisFitsWindowAsync(page, id);
            Assert.True(await page.Locator($"{chart} .apexcharts-xaxis-annotations rect").CountAsync() > 0, "regime bands drawn in the window");

            Assert.Matches(@"O [\d,.]+ H [\d,.]+ L [\d,.]+ C [\d,.]+", await PriceChartProbe.TooltipAsync(page, id));
            await PriceChartProbe.LogAsync(page, id);
            await BrowserFixture.ScreenshotAsync(page, $"trend-chart-zoom-{width}");
            await page.CloseAsync();
        }
    }
}
