using Microsoft.Playwright;

namespace Velocitas.E2E.Tests;

/// <summary>Debian's Chromium driven by Playwright (Playwright cannot download browsers here).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public IPlaywright Playwright { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    public static string ScreenshotFolder
    {
        get
        {
            string dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does.");
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
    }

    /// <summary>A new page (<paramref name="width"/>×1000, 1600 by default) opened at <paramref name="url"/> once the Blazor circuit is interactive.</summary>
    public async Task<IPage> OpenAsync(Uri url, int width = 1600)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 1000 } });
        var errors = Errors.GetOrCreateValue(page);
        page.PageError += (_, e) => { lock (errors) errors.Add(e); };
        page.SetDefaultTimeout(60_000); // a busy machine answers slowly; nothing here measures speed
        await page.GotoAsync(url.ToString());
        await page.WaitForSelectorAsync("[data-circuit=ready]");
        return page;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, List<string>> Errors = new();

    /// <summary>Closes every page (and its context) opened so far: called when a test ends.</summary>
    public async Task ClosePagesAsync()
    {
        foreach (var context in Browser.Contexts.ToList())
        {
            try
            {
                await context.CloseAsync();
            }
            catch (PlaywrightException)
            {
                // already gone with its page
            }
        }
    }

    /// <summary>Uncaught script errors of a page opened with <see cref="OpenAsync"/> (a chart that throws, say).</summary>
    public static IReadOnlyList<string> PageErrors(IPage page)
    {
        var errors = Errors.GetOrCreateValue(page);
        lock (errors) return errors.ToList();
    }

    /// <summary>Saves a full-page screenshot, then checks that the page has thrown no script error so far.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        // a full-page screenshot of a long page on a busy machine can take a while: that is not what a test checks
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true, Timeout = 180_000 });
        Assert.Empty(PageErrors(page));
    }
}

[CollectionDefinition("browser")]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;
