using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Velocitas.E2E.Tests;

/// <summary>A new user with no files: download a month of hourly candles from (a fake) Binance on the Data page, then update it.</summary>
[Collection("browser")]
public sealed class DownloadJourneyTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly FakeBinanceServer _binance = new();
    private readonly AppProcess _app = new();

    public async Task InitializeAsync()
    {
        await _binance.StartAsync();
        _app.Environment["Velocitas__Feeds__Binance__RestBaseUrl"] = _binance.BaseUrl.ToString();
        _app.Environment["Velocitas__Feeds__Binance__ArchiveBaseUrl"] = _binance.BaseUrl.ToString();
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await browser.ClosePagesAsync(); // a page left open keeps drawing its live charts and slows every later test
        foreach (string line in _app.Log.Split('\n').TakeLast(40)) output.WriteLine("app| " + line.TrimEnd());
        await _app.DisposeAsync();
        _app.DeleteData();
        await _binance.DisposeAsync();
    }

    [Fact]
    public async Task Download_a_month_of_hourly_candles_see_progress_and_the_gap_then_update_the_dataset()
    {
        var page = await browser.OpenAsync(new Uri(_app.BaseUrl, "/data"));
        await page.WaitForSelectorAsync("[data-testid=datasets-table] tbody tr");
        Assert.Contains("candles of 1h from", await page.TextContentAsync("[data-testid=candle-estimate]"));

        var symbol = page.Locator("[data-testid=download-symbol] input, input[data-testid=download-symbol]").First;
        await symbol.ClickAsync();
        await symbol.FillAsync("BTC");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "BTCUSDT" }).First.ClickAsync();
        await page.ClickAsync("[data-testid=start-download]");

        await page.WaitForSelectorAsync("[data-testid^=download-report-]", new() { Timeout = 60_000 });
        string report = await page.InnerTextAsync("[data-testid=download-panel]");
        Assert.Contains("completed", report);
        Assert.Contains("1 gap(s)", report);
        Assert.Contains("(5 missing)", report);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=datasets-table] tbody tr').length === 4", null, new() { Timeout = 30_000 });
        Assert.Contains("binance · BTCUSDT", await page.TextContentAsync("[data-testid=datasets-table]"));
        await BrowserFixture.ScreenshotAsync(page, "data-download");

        await page.ClickAsync("[data-testid=update-dataset-4]");
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid^=download-job-]')].some(e => e.innerText.includes('update BTCUSDT') && e.innerText.includes('completed'))", null, new() { Timeout = 60_000 });
        await BrowserFixture.ScreenshotAsync(page, "data-download-updated");

        // the downloaded dataset can update itself (off by default)
        await page.ClickAsync("[data-testid=datasets-table] tbody tr:has-text('binance · BTCUSDT') td:nth-child(2)");
        await page.ClickAsync("[data-testid=auto-update-4]");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Every hour" }).First.ClickAsync();
        await page.WaitForSelectorAsync(".mud-snackbar:has-text('will be updated from binance every hour')");
        await BrowserFixture.ScreenshotAsync(page, "data-auto-update");
    }

    [Fact]
    public async Task On_the_Binance_feed_a_new_instance_takes_the_markets_lot_and_tick_sizes()
    {
        var page = await browser.OpenAsync(new Uri(_app.BaseUrl, "/live"));
        await page.ClickAsync("[data-testid=feed-source]");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Binance (live" }).First.ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=add-market]:has-text('BTCUSDT on Binance: lot 0.00001 · tick 0.01 (used as the lot step)')");

        var coin = page.Locator("[data-testid=add-coin] input, input[data-testid=add-coin]").First;
        await coin.FillAsync("doge");
        await page.WaitForSelectorAsync("[data-testid=add-market]:has-text('Binance does not list DOGE')");
        await coin.FillAsync("eth");
        await page.WaitForSelectorAsync("[data-testid=add-market]:has-text('ETHUSDT on Binance: lot 0.00001')");
        await page.ClickAsync("[data-testid=add-instance-button]");
        await page.WaitForSelectorAsync("[data-testid$=-market]:has-text('binance ETHUSDT · lot 0.00001 · tick 0.01')");
        await BrowserFixture.ScreenshotAsync(page, "live-exchange-rules");
    }
}
