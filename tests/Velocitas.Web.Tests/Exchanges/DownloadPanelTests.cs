using Bunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Velocitas.Data.Storage;
using Velocitas.Engine.Market;
using Velocitas.Web.Components.Pages.Data;
using Velocitas.Web.Services.Downloads;
using Velocitas.Web.Tests.Feeds;

namespace Velocitas.Web.Tests.Exchanges;

/// <summary>The Data page's download panel: jobs belong to the app, not to the page (fake Binance, slow pages).</summary>
public class DownloadPanelTests(DownloadPanelTests.Server server) : PageTestBase, IClassFixture<DownloadPanelTests.Server>
{
    private static readonly DateTimeOffset T0 = new(2024, 2, 1, 0, 0, 0, TimeSpan.Zero);

    private DownloadService Downloads => Services.GetRequiredService<DownloadService>();

    public override async Task InitializeAsync()
    {
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Velocitas:DataPath"] = Folder,
            ["Velocitas:Feeds:Binance:RestBaseUrl"] = server.Binance.RestBase.ToString(),
            ["Velocitas:Feeds:Binance:UseArchives"] = "false",
        }).Build());
        await base.InitializeAsync();
    }

    [Fact]
    public async Task Two_downloads_run_at_once_and_their_progress_is_shown_again_after_leaving_the_page()
    {
        var a = await Downloads.StartAsync(new DownloadRequest("binance", "BTCUSDT", "1m", T0, T0.AddMinutes(12_000), "first"));
        var b = await Downloads.StartAsync(new DownloadRequest("binance", "BTCUSDT", "1m", T0.AddMinutes(1_000), T0.AddMinutes(12_000), "second"));
        var first = Render<DownloadPanel>();
        first.WaitForAssertion(() => Assert.All(new[] { a, b }, j => Assert.Contains("running", first.Find($"[data-testid=download-job-{j.Id}]").TextContent)));
        await DisposeComponentsAsync(); // the user leaves the Data page

        var again = Render<DownloadPanel>(); // ... and comes back: both jobs are still there, still advancing
        again.WaitForAssertion(() =>
        {
            foreach (var job in new[] { a, b })
            {
                string progress = again.Find($"[data-testid=download-progress-{job.Id}]").TextContent;
                Assert.Contains(" candles/s", progress);
                Assert.Contains("ETA ", progress);
                Assert.Contains($"of ≈{job.ExpectedCandles:N0} candles", progress);
                Assert.True(job.Candles >= 1_000);
            }
        });

        // found and clicked in one go: the panel re-renders whenever a page arrives
        await again.InvokeAsync(() => again.Find($"[data-testid=cancel-download-{a.Id}]").Click());
        await again.InvokeAsync(() => again.Find($"[data-testid=cancel-download-{b.Id}]").Click());
        await Downloads.WaitAsync(a);
        await Downloads.WaitAsync(b);
        again.WaitForAssertion(() => Assert.Contains("incomplete", again.Find($"[data-testid=download-report-{a.Id}]").TextContent));
        var stored = await Services.GetRequiredService<DatasetStore>().ListAsync();
        Assert.All(new[] { "first", "second" }, name => Assert.True(Assert.Single(stored, d => d.Name == name).Incomplete));
    }

    [Fact]
    public void The_candle_count_is_shown_before_starting()
    {
        var cut = Render<DownloadPanel>();
        Assert.Matches(@"^[\d,]+ candles of 1h from \d{4}-\d\d-\d\d to now \(fewer if the exchange had outages\)\.$", cut.Find("[data-testid=candle-estimate]").TextContent.Trim());
    }

    [Fact]
    public async Task A_finished_download_shows_the_import_report_table_of_an_upload_with_the_outage_as_a_gap_and_a_bad_print_flagged()
    {
        var job = await Downloads.StartAsync(new DownloadRequest("binance", "ETHUSDT", "1m", T0, T0.AddMinutes(300), "eth"));
        await Downloads.WaitAsync(job);
        var cut = Render<DownloadPanel>();

        var table = cut.Find($"[data-testid=download-report-table-{job.Id}]");
        Assert.Equal("280 read, 280 stored, 0 duplicates, 0 rejected, 1 gaps, 1 outlier(s)", table.QuerySelector("[data-testid=row-counts]")!.TextContent.Trim());
        Assert.Equal("Downloaded from the exchange", table.QuerySelector("[data-testid=detected-format]")!.TextContent.Trim());
        Assert.Contains("2024-02-01 00:00 → 2024-02-01 04:59", table.TextContent);
        string panel = System.Text.RegularExpressions.Regex.Replace(cut.Find($"[data-testid=download-job-{job.Id}]").TextContent, @"\s+", " ");
        Assert.True(panel.Contains("gap: 2024-02-01 01:39 → 2024-02-01 02:00 (20 missing)", StringComparison.Ordinal), panel);
        Assert.Contains("outlier: 2024-02-01 03:20 — high", panel);
        Assert.Contains("Downloaded from Binance (ETHUSDT); tick size 0.01, lot size 0.00001.", panel);
        Assert.Contains("1 candle(s) far from their neighbours (first 2024-02-01 03:20); flagged, not changed", panel);
        Assert.Single(job.Report!.Outliers); // stored with the dataset's report like an upload's
    }

    [Fact]
    public async Task Update_on_the_Data_page_redraws_the_selected_datasets_chart_with_the_new_candles()
    {
        var job = await Downloads.StartAsync(new DownloadRequest("binance", "ETHUSDT", "1m", T0, T0.AddMinutes(200), "eth"));
        await Downloads.WaitAsync(job);
        int id = job.DatasetId!.Value;
        var cut = Render<DataPage>();
        IReadOnlyList<Candle> Drawn() => cut.FindComponent<Velocitas.Web.Components.UI.PriceChart>().Instance.Candles;
        cut.WaitForAssertion(() => Assert.Equal(180, Drawn().Count), TimeSpan.FromSeconds(30)); // the newest dataset is selected: 200 minutes less the outage

        await cut.InvokeAsync(() => cut.Find($"[data-testid=update-dataset-{id}]").Click());

        // the fake exchange's ETHUSDT ends at 300 minutes: the 100 after the dataset's last candle are added and drawn
        cut.WaitForAssertion(() => Assert.Equal(280, Drawn().Count), TimeSpan.FromSeconds(30));
        Assert.Equal(T0.AddMinutes(299), Drawn()[^1].Time);
        Assert.Contains("280", cut.Find("[data-testid=datasets-table]").TextContent);
    }

    /// <summary>
    /// The fake Binance, started once for the class: 12,000 one-minute BTCUSDT candles, a second per page of 1,000; 300
    /// ETHUSDT candles with a 20-minute outage and one bad print (a high four times the close).
    /// </summary>
    public sealed class Server : IAsyncLifetime
    {
        internal FakeBinance Binance { get; } = new();

        public async Task InitializeAsync()
        {
            await Binance.StartAsync();
            Binance.SetKlines("BTCUSDT", SyntheticMarket.Generate(5, 40_000, T0, Timeframe.OneMinute, 12_000));
            Binance.SetKlines("ETHUSDT", SyntheticMarket.Generate(6, 3_000, T0, Timeframe.OneMinute, 300)
                .Where(c => c.Time < T0.AddMinutes(100) || c.Time >= T0.AddMinutes(120))
                .Select(c => c.Time == T0.AddMinutes(200) ? c with { High = c.Close * 4 } : c));
            Binance.KlineDelay = TimeSpan.FromSeconds(1);
        }

        public Task DisposeAsync() => Binance.DisposeAsync().AsTask();
    }
}
