using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Velocitas.E2E.Tests;

/// <summary>
/// What a trader checks on real data, at 1440 and 1280 pixels: the bogus first candle of the real hourly BTC file is
/// flagged at import (and a second file imported right after previews too), the optimisation form suggests sensible
/// RSI levels, the Trend page reads the hourly regime beside the daily one, the Lab marks what its editor shows.
/// </summary>
[Collection("browser")]
public sealed class TraderChecksTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AppProcess _app = new();

    public Task InitializeAsync() => _app.StartAsync();

    public async Task DisposeAsync()
    {
        await browser.ClosePagesAsync(); // a page left open keeps drawing its charts and slows every later test
        foreach (string line in _app.Log.Split('\n').TakeLast(40)) output.WriteLine("app| " + line.TrimEnd());
        await _app.DisposeAsync();
        _app.DeleteData();
    }

    private static string RealFile(string name) => Path.GetFullPath(Path.Combine(AppProcess.RepositoryRoot, "..", "shared", "data", "real", name));

    private static ILocator Input(IPage page, string marker) => page.Locator($"input{marker}, {marker} input").First;

    /// <summary>
    /// Picks a file as a trader does: the Choose button opens the file dialog, the file is chosen there. (Setting the
    /// hidden input's files directly can come before the page has wired a freshly drawn input, and is then lost.)
    /// </summary>
    private static async Task ChooseFileAsync(IPage page, string file)
    {
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.ClickAsync("[data-testid=choose-file]"));
        await chooser.SetFilesAsync(file);
    }

    /// <summary>A full-page screenshot taken from the top (the app bar stays where the window was scrolled to).</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await BrowserFixture.ScreenshotAsync(page, name);
    }

    private static async Task<int> UploadAsync(HttpClient http, string file, string symbol)
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(RealFile(file))), "file", file },
            { new StringContent(symbol), "symbol" },
        };
        var response = await http.PostAsync("/api/datasets", form);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("dataset").GetProperty("id").GetInt32();
    }

    [Theory]
    [InlineData(1440)]
    [InlineData(1280)]
    public async Task The_real_hourly_file_shows_its_bogus_first_candle_and_a_second_file_imported_right_after_previews_too(int width)
    {
        var page = await browser.OpenAsync(new Uri(_app.BaseUrl, "/data"), width);
        await page.WaitForSelectorAsync("[data-testid=datasets-table] tbody tr");
        Assert.Equal(3, await page.Locator("[data-testid=datasets-table] tbody tr").CountAsync());

        // CryptoDataDownload hourly BTC, newest first, two eras of timestamps: its first (oldest) candle opens at 16,199.91 against a 4,261 low
        await ChooseFileAsync(page, RealFile("Binance_BTCUSDT_1h.csv"));
        await page.WaitForSelectorAsync("[data-testid=import-preview]", new() { Timeout = 120_000 });
        string outliers = await page.TextContentAsync("[data-testid=import-outliers]") ?? "";
        Assert.Contains("2017-08-17 04:00", outliers);
        Assert.Matches(@"open 16199\.91 is \d{3} % away from the median close", outliers);
        Assert.Matches(@"[1-9][\d,]* outlier\(s\)", await page.TextContentAsync("[data-testid=row-counts]") ?? "");
        await ScreenshotAsync(page, $"trader-import-outliers-{width}");
        await page.ClickAsync("[data-testid=commit-import]");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=datasets-table] tbody tr').length === 4", null, new() { Timeout = 120_000 });

        // right after, the daily file of the same coin: its preview shows as the first one did
        await ChooseFileAsync(page, RealFile("Binance_BTCUSDT_d.csv"));
        await page.WaitForSelectorAsync("[data-testid=import-preview]", new() { Timeout = 120_000 });
        Assert.Contains("Binance_BTCUSDT_d.csv", await page.TextContentAsync("[data-testid=import-preview]"));
        Assert.Matches(@"1,39\d read", await page.TextContentAsync("[data-testid=row-counts]") ?? "");
        await ScreenshotAsync(page, $"trader-import-second-{width}");
        await page.ClickAsync("[data-testid=commit-import]");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=datasets-table] tbody tr').length === 5", null, new() { Timeout = 120_000 });
        string table = await page.TextContentAsync("[data-testid=datasets-table]") ?? "";
        Assert.Contains("Binance_BTCUSDT_1h", table);
        Assert.Contains("Binance_BTCUSDT_d", table);
        // with the real files' longer names and sources the table still fits, its row actions in view
        Assert.Empty(await page.EvaluateAsync<string[]>(LayoutTests.LayoutProbe, width == 1440));
        await ScreenshotAsync(page, $"trader-import-done-{width}");
    }

    [Theory]
    [InlineData(1440)]
    [InlineData(1280)]
    public async Task Optimizing_RSI_starts_from_levels_around_its_defaults(int width)
    {
        var page = await browser.OpenAsync(new Uri(_app.BaseUrl, "/optimization?strategy=rsi"), width);
        await page.WaitForSelectorAsync("[data-range='rsi.oversold']");
        // oversold never swept up to 86, overbought never down into the oversold zone
        Assert.Equal("20:40:5", await Input(page, "[data-range='rsi.oversold']").InputValueAsync());
        Assert.Equal("60:80:5", await Input(page, "[data-range='rsi.overbought']").InputValueAsync());
        Assert.Equal(0, await page.Locator("[data-range^='sma-crossover.']").CountAsync());
        Assert.Matches(@"^\d[\d,]* combination\(s\) to run\.", (await page.TextContentAsync("[data-testid=opt-count]") ?? "").Trim());
        await ScreenshotAsync(page, $"trader-rsi-ranges-{width}");
    }

    [Theory]
    [InlineData(1440)]
    [InlineData(1280)]
    public async Task The_hourly_regime_is_read_beside_the_daily_one_of_the_same_moment(int width)
    {
        using var http = new HttpClient { BaseAddress = _app.BaseUrl, Timeout = TimeSpan.FromMinutes(5) };
        int hourly = await UploadAsync(http, "Binance_BTCUSDT_1h.csv", "BTCUSDT");
        await UploadAsync(http, "Binance_BTCUSDT_d.csv", "BTCUSDT");

        // every dataset analysed: the demo BTC (2024, synthetic) has no daily of its own time, the real hourly one has
        var page = await browser.OpenAsync(new Uri(_app.BaseUrl, "/trend"), width);
        await page.WaitForSelectorAsync("[data-testid=trend-detail]", new() { Timeout = 120_000 });
        var rows = page.Locator("[data-testid=trend-overview] tbody tr");
        Assert.Equal(5, await rows.CountAsync());
        var hourlyRow = rows.Filter(new() { HasText = "Binance_BTCUSDT_1h" });
        Assert.Matches(@"^1d: (uptrend|downtrend|range|volatile) \d+ %", (await hourlyRow.Locator("[data-testid=higher-timeframe]").TextContentAsync() ?? "").Trim());
        Assert.Equal(0, await rows.Filter(new() { HasText = "BTC demo" }).Locator("[data-testid=higher-timeframe]").CountAsync());

        await hourlyRow.ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=trend-detail]:has-text('Binance_BTCUSDT_1h')");
        string note = System.Text.RegularExpressions.Regex.Replace(await page.InnerTextAsync("[data-testid=higher-timeframe-note]"), @"\s+", " ").Trim();
        output.WriteLine(note);
        // the last day closed when the last hour (2021-06-10 00:00) closed
        Assert.Matches(@"^On the longer 1d timeframe \(Binance_BTCUSDT_d, as of its candle closed at 2021-06-10 00:00 UTC\) BTCUSDT is in (an uptrend|a downtrend|a range|a volatile market) \(\d+ % confidence\)\. ", note);
        Assert.Matches(@"(Both timeframes agree\.|runs against it)", note);
        // each suggestion's Backtest button is whole, inside its row
        Assert.Empty(await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('[data-testid=suggestions] [data-testid=suggestion-backtest]')]
              .filter(b => b.getBoundingClientRect().right > b.closest('.mud-alert').getBoundingClientRect().right - 4 || b.offsetWidth < b.scrollWidth)
              .map(b => b.closest('.mud-alert').textContent.slice(0, 60))
            """));
        await ScreenshotAsync(page, $"trader-trend-higher-timeframe-{width}");

        // one dataset alone: nothing to set beside it
        await page.GotoAsync(new Uri(_app.BaseUrl, $"/trend?dataset={hourly.ToString(CultureInfo.InvariantCulture)}").ToString());
        await page.WaitForSelectorAsync("[data-circuit=ready]");
        await page.WaitForSelectorAsync("[data-testid=trend-detail]:has-text('Binance_BTCUSDT_1h')", new() { Timeout = 120_000 });
        Assert.Equal(1, await page.Locator("[data-testid=trend-overview] tbody tr").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=higher-timeframe-note]").CountAsync());
    }

    [Theory]
    [InlineData(1440)]
    [InlineData(1280)]
    public async Task The_lab_list_marks_the_template_its_editor_shows(int width)
    {
        const string selected = "mud-selected-item";
        var page = await browser.OpenAsync(new Uri(_app.BaseUrl, "/lab"), width);
        await page.WaitForSelectorAsync("[data-testid=lab-compiled]", new() { Timeout = 90_000 });
        Assert.Contains(selected, await page.GetAttributeAsync("[data-testid=lab-template-sma-crossover]", "class") ?? "");
        Assert.Equal(1, await page.Locator($"[data-testid=lab-list] .{selected}").CountAsync());

        await page.ClickAsync("[data-testid=lab-template-rsi]");
        await page.WaitForSelectorAsync("[data-testid=lab-title]:has-text('RSI')");
        await page.WaitForSelectorAsync($"[data-testid=lab-template-rsi].{selected}");
        Assert.Equal(1, await page.Locator($"[data-testid=lab-list] .{selected}").CountAsync());
        // seen as selected: a tinted background, not the plain one of the other rows (waited for: the list fades the
        // background in, so right after the class changes it can still be the plain one)
        const string backgroundsScript = "() => ['rsi', 'macd'].map(id => getComputedStyle(document.querySelector(`[data-testid=lab-template-${id}]`)).backgroundColor)";
        await page.WaitForFunctionAsync($"() => {{ const [rsi, macd] = ({backgroundsScript})(); return rsi !== macd; }}", null, new() { Timeout = 10_000 });
        string[] backgrounds = await page.EvaluateAsync<string[]>(backgroundsScript);
        Assert.NotEqual(backgrounds[1], backgrounds[0]);
        // beside the list the form keeps whole labels (the three exits: SL %, TP %, Trail %)
        Assert.Empty(await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('[data-testid=lab-run] label')].filter(l => l.offsetWidth > 0 && l.scrollWidth > l.clientWidth + 1).map(l => l.textContent)
            """));
        await ScreenshotAsync(page, $"trader-lab-selected-{width}");
    }
}
