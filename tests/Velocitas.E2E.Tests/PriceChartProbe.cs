using System.Globalization;
using Microsoft.Playwright;
using BoundingBox = Microsoft.Playwright.LocatorBoundingBoxResult;

namespace Velocitas.E2E.Tests;

/// <summary>What a test reads from, and does to, a price chart (<c>PriceChart</c>) found by its data-testid.</summary>
internal static class PriceChartProbe
{
    public static string Selector(string testId) => $"[data-testid={testId}]";

    public static async Task<int> IntAsync(IPage page, string testId, string attribute) =>
        int.Parse(await page.GetAttributeAsync(Selector(testId), attribute) ?? "0", CultureInfo.InvariantCulture);

    /// <summary>Highest minus lowest price label on the chart's price axis.</summary>
    public static Task<double> YSpanAsync(IPage page, string testId) => page.EvaluateAsync<double>("""
        (id) => {
          const v = [...document.querySelectorAll(`[data-testid=${id}] > div:first-child .apexcharts-yaxis-label`)]
            .map(t => parseFloat((t.querySelector('tspan') ?? t).textContent.replace(/,/g, ''))).filter(Number.isFinite);
          return Math.max(...v) - Math.min(...v);
        }
        """, testId);

    /// <summary>
    /// Checks that the price axis is fitted to the candles in view: it covers their lowest low and highest high, with
    /// at most half as much again (4 % margins, and indicator lines over the price may reach a little beyond the candles). Read in one go, so a live chart's next candle cannot come between.
    /// </summary>
    public static async Task AssertAxisFitsWindowAsync(IPage page, string testId)
    {
        string[] read = await page.EvaluateAsync<string[]>("(sel) => { const e = document.querySelector(sel); return [e.getAttribute('data-y-axis'), e.getAttribute('data-y-visible')]; }", Selector(testId));
        var (axis, visible) = (read[0], read[1]);
        double[] a = axis.Split(':').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        double[] v = visible.Split(':').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        Assert.True(a[0] <= v[0] && a[1] >= v[1], $"axis {axis} covers the candles in view {visible}");
        Assert.True(a[1] - a[0] <= 1.5 * (v[1] - v[0]) + 1e-9, $"axis {axis} fitted to the candles in view {visible}");
    }

    /// <summary>
    /// The price plot's box; a chart being redrawn (a live one, each second) has none for a moment. Tries a number of
    /// times, however long each try takes on a busy machine.
    /// </summary>
    private static async Task<BoundingBox> PlotBoxAsync(IPage page, string chart)
    {
        var plot = page.Locator($"{chart} > div:first-child .apexcharts-inner");
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                if (await plot.BoundingBoxAsync(new() { Timeout = 5_000 }) is { } box) return box;
            }
            catch (TimeoutException) when (attempt < 60)
            {
                // between two drawings
            }
            if (attempt >= 60) throw new TimeoutException($"{chart} has no price plot after {attempt} tries");
            await page.WaitForTimeoutAsync(100);
        }
    }

    /// <summary>
    /// Zooms as a trader does: drags a selection over the price plot, from <paramref name="from"/> to <paramref name="to"/>
    /// of its width, and waits for the window to be redrawn. A live chart redrawn mid-drag drops the selection: then (<paramref name="live"/>) drag again.
    /// </summary>
    public static async Task DragZoomAsync(IPage page, string testId, float from, float to, bool live = false)
    {
        string chart = Selector(testId);
        string before = await page.GetAttributeAsync(chart, "data-window") ?? "";
        await page.Locator($"{chart} > div:first-child").ScrollIntoViewIfNeededAsync();
        for (int attempt = 1; ; attempt++)
        {
            var box = await PlotBoxAsync(page, chart);
            await page.Mouse.MoveAsync(box.X + (box.Width * from), box.Y + (box.Height / 2));
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(box.X + (box.Width * to), box.Y + (box.Height / 2), new() { Steps = 12 });
            await page.Mouse.UpAsync();
            try
            {
                await page.WaitForFunctionAsync("([sel, before]) => { const w = document.querySelector(sel)?.getAttribute('data-window'); return w && w !== 'all' && w !== before; }",
                    new object[] { chart, before }, new() { Timeout = live && attempt < 5 ? 10_000 : 60_000 });
                return;
            }
            catch (TimeoutException) when (live && attempt < 5)
            {
                // the selection was lost to a redraw
            }
        }
    }

    /// <summary>
    /// Hovers over the price plot until the OHLCV tooltip shows; returns its text. A live chart redraws with each new
    /// candle and shows the tooltip again under the resting mouse, so it can be missed between the two: the mouse keeps
    /// moving until it is seen (a number of hovers, however long each takes on a busy machine).
    /// </summary>
    public static async Task<string> TooltipAsync(IPage page, string testId)
    {
        string chart = Selector(testId);
        for (int i = 0; ; i++)
        {
            var box = await PlotBoxAsync(page, chart);
            {
                float x = 0.3f + (0.03f * (i % 6));
                await page.Mouse.MoveAsync(box.X + (box.Width * x), box.Y + (box.Height / 2));
                await page.Mouse.MoveAsync(box.X + (box.Width * (x + 0.1f)), box.Y + (box.Height * 0.6f), new() { Steps = 6 });
                // read where it is seen, in one go: the next live candle hides it again
                string? text = await page.EvaluateAsync<string?>("""
                    (sel) => [...document.querySelectorAll(sel + ' .apexcharts-tooltip.apexcharts-active .vel-ohlcv')].map(t => t.textContent)[0] ?? null
                    """, chart);
                if (text is not null) return text;
            }
            if (i >= 40)
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "debug-tooltip.png") });
                string dom = await page.EvaluateAsync<string>("(sel) => [...document.querySelectorAll(sel + ' .apexcharts-tooltip')].map(t => t.className + ' :: ' + t.innerHTML.slice(0, 300)).join(' || ')", chart);
                throw new TimeoutException($"no OHLCV tooltip over {chart} after {i + 1} hovers: {dom}");
            }
            await page.WaitForTimeoutAsync(200);
        }
    }

    /// <summary>Switches the chart to a log price axis with its own toolbar button.</summary>
    public static async Task LogAsync(IPage page, string testId)
    {
        string chart = Selector(testId);
        // a live chart redraws its toolbar with each new candle: the click is dispatched in the page, on the button there now
        await page.WaitForSelectorAsync($"{chart} .vel-log-toggle");
        await page.EvalOnSelectorAsync($"{chart} .vel-log-toggle", "button => button.click()");
        await page.WaitForSelectorAsync($"{chart}[data-log=true]");
        // a log axis still labelled with several prices, not only the powers of ten
        await page.WaitForFunctionAsync("""
            (sel) => [...document.querySelectorAll(sel + ' > div:first-child .apexcharts-yaxis-label')]
              .map(t => (t.querySelector('tspan') ?? t).textContent).filter(x => /\d/.test(x)).length >= 4
            """, chart);
        // fitted to the candles in view on the log scale too (a fixed ±2 % of the price left zoomed candles flat)
        await AssertAxisFitsWindowAsync(page, testId);
    }
}
