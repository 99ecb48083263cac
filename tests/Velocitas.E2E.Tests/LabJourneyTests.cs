using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Velocitas.E2E.Tests;

/// <summary>The Strategy Lab in a real browser: write, compile, backtest, save, optimise and trade live a strategy of one's own.</summary>
[Collection("browser")]
public sealed class LabJourneyTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AppProcess _app = new();

    public Task InitializeAsync() => _app.StartAsync();

    public async Task DisposeAsync()
    {
        await browser.ClosePagesAsync();
        foreach (string line in _app.Log.Split('\n').TakeLast(40)) output.WriteLine("app| " + line.TrimEnd());
        await _app.DisposeAsync();
        _app.DeleteData();
    }

    private static ILocator Input(IPage page, string marker, string scope = "") =>
        page.Locator($"{scope} input{marker}, {scope} {marker} input").First;

    /// <summary>Puts the cursor at the end of the editor line holding <paramref name="text"/> and types <paramref name="typed"/>.</summary>
    private static async Task TypeAfterAsync(IPage page, string text, string typed)
    {
        await page.Locator("[data-testid=code-editor] .view-line", new() { HasText = text }).First.ClickAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.TypeAsync(typed);
    }

    [Fact]
    public async Task Duplicate_a_template_break_and_fix_it_backtest_save_optimise_and_trade_it_live()
    {
        var page = await browser.OpenAsync(new Uri(_app.BaseUrl, "/lab"));
        await page.WaitForSelectorAsync("[data-testid=code-editor][data-editor-ready=true]");
        await page.WaitForSelectorAsync("[data-testid=lab-compiled]");
        Assert.Equal("true", await page.GetAttributeAsync("[data-testid=code-editor]", "data-read-only"));
        Assert.Contains("SMA crossover", await page.TextContentAsync("[data-testid=lab-title]"));
        await BrowserFixture.ScreenshotAsync(page, "lab-template");

        // duplicate the SMA template: an editable copy
        await page.ClickAsync("[data-testid=lab-duplicate]");
        await page.WaitForSelectorAsync("[data-testid=code-editor][data-read-only=false]");
        await Input(page, "[data-testid=lab-name]").FillAsync("My SMA");

        // an error: a statement without its semicolon is marked in the editor and listed with line:column
        await TypeAfterAsync(page, "_slow = Sma(Slow);", " Log(\"slow \" + Slow)");
        await page.WaitForSelectorAsync("[data-testid=lab-diagnostic]");
        Assert.Contains("; expected", await page.TextContentAsync("[data-testid=lab-diagnostic-message]"));
        Assert.Matches(@"^\d+:\d+$", (await page.TextContentAsync("[data-testid=lab-diagnostic-position]"))!.Trim());
        await page.WaitForSelectorAsync("[data-testid=code-editor] .squiggly-error");
        Assert.True(await page.IsDisabledAsync("[data-testid=lab-save]"));
        await BrowserFixture.ScreenshotAsync(page, "lab-error");

        // fixed: compiles again, the parameters detected are the form
        await TypeAfterAsync(page, "Log(\"slow \" + Slow)", ";");
        await page.WaitForSelectorAsync("[data-testid=lab-compiled]");
        Assert.Equal(0, await page.Locator("[data-testid=code-editor] .squiggly-error").CountAsync());
        await Input(page, "[data-param=fast]", "[data-testid=lab-run]").FillAsync("5");
        await Input(page, "[data-param=slow]", "[data-testid=lab-run]").FillAsync("20");

        // a backtest of the unsaved code, right below the editor, with its log
        await page.ClickAsync("[data-testid=lab-run-backtest]");
        await page.WaitForSelectorAsync("[data-testid=lab-results] [data-testid=metrics]", new() { Timeout = 90_000 });
        await page.WaitForSelectorAsync("[data-testid=lab-results] [data-testid=price-chart][data-chart-ready=true]", new() { Timeout = 90_000 });
        await page.WaitForSelectorAsync("[data-testid=lab-not-saved]");
        Assert.Equal("start slow 20", (await page.TextContentAsync("[data-testid=strategy-log-line]"))!.Trim());
        int trades = int.Parse(await page.TextContentAsync("[data-testid=lab-results] [data-metric=trades]") ?? "0", CultureInfo.InvariantCulture);
        Assert.True(trades > 0, "SMA 5/20 trades on the BTC demo dataset");
        await BrowserFixture.ScreenshotAsync(page, "lab-backtest");

        // save: version 1, listed; a saved version's backtest goes to History under its version
        await page.ClickAsync("[data-testid=lab-save]");
        await page.WaitForSelectorAsync("[data-testid=lab-version]:has-text('v1 (saved)')");
        await page.WaitForSelectorAsync("[data-testid=lab-strategy-my-sma]");
        await page.ClickAsync("[data-testid=lab-run-backtest]");
        await page.WaitForSelectorAsync("[data-testid=lab-saved-link]", new() { Timeout = 90_000 });

        // optimise it
        await page.ClickAsync("[data-testid=lab-optimize]");
        await page.WaitForSelectorAsync("[data-testid=optimization-setup]");
        await Input(page, "[data-range='my-sma@1.fast']").FillAsync("5:10:5");
        await Input(page, "[data-range='my-sma@1.slow']").FillAsync("20,30");
        await page.WaitForSelectorAsync("[data-testid=opt-count]:has-text('8 combination(s) to run.')");
        await page.ClickAsync("[data-testid=run-optimization]");
        await page.WaitForSelectorAsync("[data-testid=optimization-results]", new() { Timeout = 90_000 });
        Assert.Equal(8, await page.Locator("[data-testid=combinations-table] tbody tr").CountAsync());
        Assert.Contains("My SMA v1", await page.TextContentAsync("[data-testid=combinations-table]"));
        await BrowserFixture.ScreenshotAsync(page, "lab-optimization");

        // add it as a live instance: the Live page shows the version it runs
        await page.GotoAsync(new Uri(_app.BaseUrl, "/live?strategy=my-sma@1").ToString());
        await page.WaitForSelectorAsync("[data-circuit=ready]");
        await Input(page, "[data-param=fast]", "[data-testid=add-instance]").FillAsync("3");
        await Input(page, "[data-param=slow]", "[data-testid=add-instance]").FillAsync("8");
        await page.ClickAsync("[data-testid=add-instance-button]");
        await page.WaitForSelectorAsync("[data-testid=instance-1]");
        Assert.Contains("My SMA v1", await page.TextContentAsync("[data-testid=instance-1]"));
        await BrowserFixture.ScreenshotAsync(page, "lab-live");

        // History lists the saved run as the version it ran
        await page.GotoAsync(new Uri(_app.BaseUrl, "/history").ToString());
        await page.WaitForSelectorAsync("[data-circuit=ready]");
        await page.WaitForSelectorAsync("[data-testid=open-1]");
        Assert.Contains("My SMA v1", await page.Locator("tr", new() { Has = page.Locator("[data-testid=open-1]") }).TextContentAsync());
        Assert.Empty(BrowserFixture.PageErrors(page));
    }
}
