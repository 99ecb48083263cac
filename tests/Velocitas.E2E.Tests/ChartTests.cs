using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Velocitas.E2E.Tests;

/// <summary>The price chart behaves like a trading chart: zoom re-aggregates and rescales, trades centre it, log scale, volume and indicator panes, OHLCV tooltip.</summary>
[Collection("browser")]
public sealed class ChartTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
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

    private static async Task<int> IntAttribute(IPage page, string selector, string name) =>
        int.Parse(await page.GetAttributeAsync(selector, name) ?? "0", CultureInfo.InvariantCulture);

    /// <summary>Highest minus lowest price label on the chart's y axis.</summary>
    private static Task<double> YSpan(IPage page) => page.EvaluateAsync<double>("""
        () => {
          const v = [...document.querySelectorAll('[data-testid=price-chart] > div:first-child .apexcharts-yaxis-label')]
            .map(t => parseFloat(t.textContent.replace(/,/g, ''))).filter(Number.isFinite);
          return Math.max(...v) - Math.min(...v);
        }
        """);

    [Theory]
    [InlineData(1440)]
    [InlineData(1280)]
    public async Task Clicking_a_trade_zooms_to_real_candles_with_a_rescaled_axis_and_every_marker_of_the_window(int width)
    {
        var page = await browser.OpenAsync(new Uri(_app.BaseUrl, "/backtest"), width);
        await page.ClickAsync("[data-testid=run-backtest]");
        const string chart = "[data-testid=price-chart]";
        await page.WaitForSelectorAsync($"{chart}[data-chart-ready=true]", new() { Timeout = 90_000 });

        // the whole dataset: merged into at most 1,200 candles; SMA lines over the price; a volume pane
        int total = await IntAttribute(page, chart, "data-candles-total");
        Assert.True(await IntAttribute(page, chart, "data-bucket") > 1, $"{total} candles are merged at full view");
        Assert.InRange(await IntAttribute(page, chart, "data-chart-points"), 100, 1200);
        Assert.Contains("SMA 10", await page.TextContentAsync($"{chart} .apexcharts-legend"));
        Assert.Equal(1, await page.Locator($"{chart} [data-pane=Volume] .apexcharts-canvas").CountAsync());
        double fullSpan = await YSpan(page);
        // at rest the chart does not redraw itself
        string? redraws = await page.GetAttributeAsync(chart, "data-redraws");
        await page.WaitForTimeoutAsync(1500);
        Assert.Equal(redraws, await page.GetAttributeAsync(chart, "data-redraws"));
        await BrowserFixture.ScreenshotAsync(page, $"chart-full-{width}");

        // a trade row centres the chart on it: real (unmerged) candles, the axis fits them, all markers in view drawn
        await page.Locator("[data-testid=trades-table] tbody tr").Nth(2).ClickAsync();
        await page.WaitForSelectorAsync($"{chart}[data-focus]");
        Assert.Equal(1, await IntAttribute(page, chart, "data-bucket"));
        Assert.True(await IntAttribute(page, chart, "data-chart-points") < 400);
        int shown = await IntAttribute(page, chart, "data-markers-shown");
        Assert.True(shown >= 2, "the clicked trade's entry and exit at least");
        Assert.Equal(await IntAttribute(page, chart, "data-markers-total"), shown);
        double zoomedSpan = await YSpan(page);
        Assert.True(zoomedSpan < fullSpan / 2, $"y axis rescaled to the window: {zoomedSpan} against {fullSpan} for everything");

        // crosshair tooltip with OHLCV
        var box = (await page.Locator($"{chart} > div:first-child .apexcharts-inner").BoundingBoxAsync())!;
        // beside the centre, where the focused trade's annotation line lies over the plot
        await page.Mouse.MoveAsync(box.X + (box.Width * 0.25f), box.Y + (box.Height / 2));
        await page.Mouse.MoveAsync(box.X + (box.Width * 0.35f), box.Y + (box.Height * 0.6f), new() { Steps = 8 });
        await page.WaitForSelectorAsync(".vel-ohlcv", new() { Timeout = 60_000 });
        Assert.Matches(@"O [\d,.]+ H [\d,.]+ L [\d,.]+ C [\d,.]+", await page.TextContentAsync(".vel-ohlcv") ?? "");
        Assert.Contains("V ", await page.TextContentAsync(".vel-ohlcv"));

        // log scale from the chart's own toolbar
        await page.ClickAsync($"{chart} .vel-log-toggle");
        await page.WaitForSelectorAsync($"{chart}[data-log=true]");
        await BrowserFixture.ScreenshotAsync(page, $"chart-trade-focus-{width}");
    }

    [Theory]
    [InlineData(1440)]
    [InlineData(1280)]
    public async Task An_rsi_backtest_draws_the_rsi_in_its_own_pane_with_its_levels(int width)
    {
        var page = await browser.OpenAsync(new Uri(_app.BaseUrl, "/backtest?strategy=rsi"), width);
        await page.ClickAsync("[data-testid=run-backtest]");
        await page.WaitForSelectorAsync("[data-testid=price-chart][data-chart-ready=true]", new() { Timeout = 90_000 });
        await page.WaitForSelectorAsync("[data-testid=price-chart] [data-pane=RSI] .apexcharts-series path");
        string pane = await page.TextContentAsync("[data-testid=price-chart] [data-pane=RSI]") ?? "";
        Assert.Contains("30", pane);
        Assert.Contains("70", pane);
        await BrowserFixture.ScreenshotAsync(page, $"chart-rsi-pane-{width}");
    }
}
