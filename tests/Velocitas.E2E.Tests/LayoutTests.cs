using System.Net.Http.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Velocitas.E2E.Tests;

/// <summary>
/// Every page at 1440 and 1280 pixels wide with real content (saved backtests, a walk-forward optimisation, live
/// instances that have traded): nothing is cut off, row actions stay visible, the sidebar reaches the bottom.
/// </summary>
[Collection("browser")]
public sealed class LayoutTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
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

    private static ILocator Input(IPage page, string marker) => page.Locator($"input{marker}, {marker} input").First;

    [Fact]
    public async Task Every_page_fits_at_1440_and_keeps_its_row_actions_visible_at_1280()
    {
        using var http = new HttpClient { BaseAddress = _app.BaseUrl };
        // saved backtests, one with every risk exit so the trade table shows its longest exit reasons
        (await http.PostAsJsonAsync("/api/backtests", new { datasetId = 1, strategy = "sma-crossover" })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("/api/backtests", new { datasetId = 2, strategy = "rsi", settings = new { initialCash = 10000, feeRate = 0.001, slippageBps = 2, lotStep = 0.0001, stopLossPct = 3, takeProfitPct = 6, trailingStopPct = 4 } })).EnsureSuccessStatusCode();
        // live instances trading on a fast synthetic feed
        (await http.PostAsJsonAsync("/api/strategies/register", new { strategy_name = "sma-crossover", coin = "BTC", @params = new { fast = 3, slow = 8 } })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("/api/strategies/register", new { strategy_name = "rsi", coin = "ETH", @params = new { period = 7, oversold = 40, overbought = 60 }, stop_loss_pct = 2 })).EnsureSuccessStatusCode();
        (await http.PostAsync("/api/engine/start?source=synthetic&coins=BTC,ETH&tick_rate=3000", null)).EnsureSuccessStatusCode();

        // a walk-forward optimisation through the page (saved as #1)
        var page = await browser.OpenAsync(new Uri(_app.BaseUrl, "/optimization"), 1440);
        await Input(page, "[data-range='sma-crossover.fast']").FillAsync("5:15:5");
        await Input(page, "[data-range='sma-crossover.slow']").FillAsync("20,30,40,50");
        await page.WaitForSelectorAsync("[data-testid=opt-count]:has-text('24 combination(s) to run.')");
        await page.ClickAsync("[data-testid=run-optimization]");
        await page.WaitForSelectorAsync("[data-testid=optimization-results]", new() { Timeout = 90_000 });
        await page.CloseAsync();

        // the live instances have traded
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until && (await http.GetStringAsync("/api/trades")).Length < 50) await Task.Delay(250);

        var problems = new List<string>();
        foreach (int width in new[] { 1440, 1280 })
        {
            foreach (string path in new[] { "/", "/live", "/backtest", "/optimization/1", "/trend", "/copilot", "/portfolio", "/history", "/history/2", "/history/compare?ids=1,2", "/data" })
            {
                var p = await browser.OpenAsync(new Uri(_app.BaseUrl, path), width);
                if (path == "/backtest")
                {
                    await p.ClickAsync("[data-testid=run-backtest]");
                    await p.WaitForSelectorAsync("[data-testid=trades-table] tbody tr");
                    // exit reasons and holding times, monthly returns
                    Assert.Contains("signal", await p.TextContentAsync("[data-testid=trade-stats]"));
                    Assert.Matches(@"Held on average \d", await p.TextContentAsync("[data-testid=trade-durations]") ?? "");
                    Assert.True(await p.Locator("[data-testid=period-returns] tbody tr").CountAsync() >= 1);
                }
                if (path.StartsWith("/history/compare", StringComparison.Ordinal))
                {
                    // only figures with a better direction are highlighted; each column says how the run was set up
                    Assert.Equal(0, await p.Locator("[data-testid=compare-table] tr:has(td:text-is('Trades')) td[data-best=true]").CountAsync());
                    Assert.Equal(1, await p.Locator("[data-testid=compare-table] tr:has(td:text-is('Sharpe ↑')) td[data-best=true]").CountAsync());
                    Assert.Contains("SL 3 %", await p.TextContentAsync("[data-testid=compare-table] thead"));
                }
                if (path == "/trend")
                {
                    await p.WaitForSelectorAsync("[data-testid=trend-detail]", new() { Timeout = 60_000 });
                    // the confidence says what it is calibrated to mean, and how it held on this coin
                    Assert.Matches(@"^\d+ % likely to hold \d+ candles$", (await p.TextContentAsync("[data-testid=trend-confidence]") ?? "").Trim());
                    Assert.Contains("still", await p.TextContentAsync("[data-testid=label-trust]"));
                }
                if (path == "/live") await p.WaitForSelectorAsync("[data-testid=instance-2]");
                if (path.StartsWith("/optimization/", StringComparison.Ordinal))
                {
                    await p.WaitForSelectorAsync("[data-testid=optimization-results]");
                    // one verdict per strategy with its numbers, a trade-count caveat beside every best row, a heatmap
                    // legend and its in-sample / test choice, the chart of a row titled with the rank shown
                    Assert.Matches(@"\d", await p.TextContentAsync("[data-testid=recommendations]") ?? "");
                    Assert.True(await p.Locator("[data-testid=evidence-caveat]").CountAsync() >= 1);
                    Assert.All(await p.Locator("[data-testid=evidence-caveat]").AllTextContentsAsync(), c => Assert.False(string.IsNullOrWhiteSpace(c)));
                    await p.WaitForSelectorAsync("[data-testid=heatmap-legend]");
                    Assert.Equal(1, await p.Locator("[data-testid=heatmap-sample]").CountAsync());
                    string rank = (await p.Locator("[data-testid=combinations-table] tbody tr").First.Locator("td").First.TextContentAsync() ?? "").Trim();
                    await p.Locator("[data-testid=combinations-table] tbody tr").First.ClickAsync();
                    await p.WaitForSelectorAsync("[data-testid=row-equity-title]");
                    Assert.StartsWith(int.TryParse(rank, out int r) ? $"Rank {r}:" : "Unranked:", (await p.TextContentAsync("[data-testid=row-equity-title]") ?? "").Trim());
                }
                await p.WaitForTimeoutAsync(800);
                string name = $"layout-{width}-{(path == "/" ? "overview" : path.Trim('/').Replace('/', '-').Replace('?', '-').Replace('=', '-').Replace(',', '-'))}";
                await BrowserFixture.ScreenshotAsync(p, name);
                foreach (string problem in await p.EvaluateAsync<string[]>(LayoutProbe, width == 1440))
                    problems.Add($"{width} px {path}: {problem}");
                await p.CloseAsync();
            }
        }
        await http.PostAsync("/api/engine/stop", null);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData(1440)]
    [InlineData(1280)]
    public async Task Backtest_form_keeps_refused_values_and_shows_the_engines_message_beside_the_field(int width)
    {
        var page = await browser.OpenAsync(new Uri(_app.BaseUrl, "/backtest"), width);
        await Input(page, "[data-param=fast]").FillAsync("500");
        await page.WaitForSelectorAsync(".vel-field-error:has-text('fast must be between 2 and 200 (was 500).')");
        Assert.Equal("500", await Input(page, "[data-param=fast]").InputValueAsync());
        await Input(page, "[data-param=fast]").FillAsync("30");
        await page.WaitForSelectorAsync(".vel-field-error:has-text('fast (30) must be less than slow (30).')");
        Assert.True(await page.IsDisabledAsync("[data-testid=run-backtest]"));
        Assert.Contains("fast (30) must be less than slow (30).", await page.TextContentAsync("[data-testid=run-blockers]"));
        await Input(page, "[data-exec=stop-loss]").FillAsync("150");
        await page.WaitForSelectorAsync(".vel-field-error:has-text('Stop-loss must be a percentage above 0 and below 100 (was 150).')");
        Assert.Equal("150", await Input(page, "[data-exec=stop-loss]").InputValueAsync());
        await BrowserFixture.ScreenshotAsync(page, $"backtest-form-errors-{width}");
    }

    /// <summary>
    /// Reports what is cut off: the page scrolling sideways, a table wider than its card (only when strict, i.e. at
    /// 1440 px, except a trade list, which must always fit), a button outside the window, a row action outside its
    /// table's visible part, a sidebar shorter than the page.
    /// </summary>
    internal const string LayoutProbe = """
        (strict) => {
          const out = [];
          const doc = document.documentElement;
          const vw = doc.clientWidth;
          if (doc.scrollWidth > vw + 1) out.push(`the page scrolls sideways (${doc.scrollWidth} > ${vw})`);
          const label = el => (el.getAttribute('data-testid') || el.getAttribute('aria-label') || el.getAttribute('title') || el.textContent || el.tagName).trim().slice(0, 40);
          for (const t of document.querySelectorAll('table')) {
            if (t.closest('.apexcharts-canvas')) continue;
            let box = t.parentElement;
            while (box && box !== document.body && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
            if (!box || box === document.body) continue;
            // a trade list fits at any width: its last column (the exit reason) was cut off at 1280 px
            if ((strict || t.closest('[data-testid=trades-table]')) && box.scrollWidth > box.clientWidth + 1)
              out.push(`table ${label(t.closest('[data-testid]') || t)} needs sideways scrolling (${box.scrollWidth} > ${box.clientWidth})`);
            const right = box.getBoundingClientRect().right;
            for (const b of t.querySelectorAll('tbody button')) {
              const r = b.getBoundingClientRect();
              if (r.width > 0 && r.right > Math.min(right, vw) + 1) out.push(`row action ${label(b)} is cut off (right ${Math.round(r.right)} > ${Math.round(Math.min(right, vw))})`);
            }
          }
          for (const b of document.querySelectorAll('.vel-page button')) {
            const r = b.getBoundingClientRect();
            if (r.width > 0 && r.right > vw + 1) out.push(`button ${label(b)} is outside the window`);
          }
          const drawer = document.querySelector('.mud-drawer--open');
          if (drawer) {
            const layout = document.querySelector('.mud-layout');
            // the band painted behind the drawer spans the layout, which must span the page
            const band = getComputedStyle(layout, '::before').content !== 'none' ? layout.getBoundingClientRect().bottom + window.scrollY : 0;
            const reach = Math.max(band, drawer.getBoundingClientRect().bottom + window.scrollY);
            if (reach + 1 < doc.scrollHeight) out.push(`the sidebar's background ends at ${Math.round(reach)} of ${doc.scrollHeight} px`);
            // below the window only the band is seen: its border line must continue the drawer's, not sit beside it
            const before = getComputedStyle(layout, '::before');
            if (before.content !== 'none') {
              const bandRight = layout.getBoundingClientRect().left + parseFloat(before.width) + (before.boxSizing === 'border-box' ? 0 : parseFloat(before.borderRightWidth));
              const drawerRight = drawer.getBoundingClientRect().right;
              if (Math.abs(bandRight - drawerRight) > 0.5) out.push(`the sidebar's border line below the window is at ${bandRight} px, the drawer's at ${drawerRight} px`);
            }
          }
          return out;
        }
        """;
}
