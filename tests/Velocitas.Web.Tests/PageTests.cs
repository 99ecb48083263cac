using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Velocitas.Data.Storage;
using Velocitas.Engine.Backtesting;
using Velocitas.Web.Components.Pages;
using Velocitas.Web.Components.Pages.Backtest;
using Velocitas.Web.Components.Pages.Data;
using Velocitas.Web.Components.Pages.History;

namespace Velocitas.Web.Tests;

public class BacktestPageTests : PageTestBase
{
    [Fact]
    public async Task Running_a_backtest_shows_its_metrics_trades_and_saves_it()
    {
        var cut = Render<BacktestPage>();
        cut.WaitForElement("[data-testid=run-backtest]");
        Assert.Contains("SMA crossover", cut.Markup);
        Assert.Equal(2, cut.FindAll("[data-testid=parameter-form] input").Count);

        cut.Find("[data-testid=run-backtest]").Click();
        cut.WaitForElement("[data-testid=metrics]", TimeSpan.FromSeconds(20));

        var saved = await Services.GetRequiredService<BacktestStore>().ListAsync();
        var run = Assert.Single(saved);
        Assert.Equal("sma-crossover", run.StrategyId);
        Assert.Equal("ui", run.Origin);
        Assert.Equal(run.Trades.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find("[data-metric=trades]").TextContent);
        Assert.Contains($"Saved as #{run.Id}", cut.Find("[data-testid=saved-link]").TextContent);
        Assert.NotEmpty(cut.FindAll("[data-testid=trades-table] tbody tr"));
        Assert.NotNull(cut.Find("[data-testid=price-chart]"));
    }

    [Fact]
    public void Invalid_parameters_disable_run_and_say_why()
    {
        var cut = Render<BacktestPage>();
        cut.WaitForElement("[data-testid=run-backtest]");

        Inputs.FindParam(cut.Find("[data-param=fast]")).Input("100");

        Assert.Contains("fast (100) must be less than slow (30).", cut.Markup);
        Assert.True(cut.Find("[data-testid=run-backtest]").HasAttribute("disabled"));
    }

    [Fact]
    public void Query_string_preselects_dataset_and_strategy()
    {
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/backtest?dataset=2&strategy=rsi");
        var cut = Render<BacktestPage>();
        cut.WaitForElement("[data-testid=run-backtest]");
        Assert.Equal(3, cut.FindAll("[data-testid=parameter-form] input").Count);
        Assert.Contains("ETH demo", cut.Markup);
    }
}

public class HistoryPageTests : PageTestBase
{
    private async Task<int[]> SeedAsync()
    {
        var datasets = Services.GetRequiredService<DatasetStore>();
        var store = Services.GetRequiredService<BacktestStore>();
        var ids = new List<int>();
        foreach (var d in await datasets.ListAsync())
        {
            var candles = await datasets.LoadCandlesAsync(d.Id);
            ids.Add(await store.SaveAsync(Backtester.Run(candles, d.Symbol == "BTCUSDT" ? "rsi" : "donchian"), d.Name, d.Id, d.Symbol, "test"));
        }
        return ids.ToArray();
    }

    [Fact]
    public async Task History_lists_saved_runs_with_their_figures()
    {
        var ids = await SeedAsync();
        var cut = Render<HistoryPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=history-table] tbody tr").Count));
        foreach (int id in ids) Assert.NotNull(cut.Find($"[data-testid=open-{id}]"));
        Assert.Contains("BTCUSDT", cut.Markup);
        Assert.True(cut.Find("[data-testid=compare]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Detail_page_shows_metrics_trades_and_charts_of_a_saved_run()
    {
        var ids = await SeedAsync();
        var cut = Render<BacktestDetailPage>(p => p.Add(x => x.Id, ids[0]));
        cut.WaitForElement("[data-testid=metrics]");
        Assert.Contains($"Backtest #{ids[0]}", cut.Markup);
        Assert.NotNull(cut.Find("[data-testid=equity-chart]"));
        cut.WaitForElement("[data-testid=price-chart]");
    }

    [Fact]
    public void Detail_page_of_a_missing_run_says_so()
    {
        var cut = Render<BacktestDetailPage>(p => p.Add(x => x.Id, 777));
        cut.WaitForAssertion(() => Assert.Contains("Backtest #777 does not exist", cut.Markup));
    }

    [Fact]
    public async Task Compare_puts_runs_side_by_side_and_marks_the_best_value()
    {
        var ids = await SeedAsync();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/history/compare?ids={ids[0]},{ids[1]},9999");
        var cut = Render<ComparePage>();
        cut.WaitForElement("[data-testid=compare-table]");
        var header = cut.Find("[data-testid=compare-table] thead").TextContent;
        Assert.Contains($"#{ids[0]}", header);
        Assert.Contains($"#{ids[1]}", header);
        Assert.Contains("Not found (deleted?): #9999", cut.Markup);
        Assert.Equal(16, cut.FindAll("[data-testid=compare-table] tbody tr").Count);
        Assert.NotEmpty(cut.FindAll("[data-testid=compare-table] tbody td.vel-pos"));
    }
}

public class DataPageTests : PageTestBase
{
    [Fact]
    public void Data_page_lists_datasets_and_previews_the_first_as_a_chart()
    {
        var cut = Render<DataPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=datasets-table] tbody tr").Count));
        cut.WaitForElement("[data-testid=dataset-chart]");
        Assert.Contains("6,000", cut.Markup);
    }

    [Fact]
    public void Uploading_shows_a_preview_before_importing_and_import_adds_the_dataset()
    {
        var cut = Render<DataPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=datasets-table] tbody tr").Count));

        var content = File.ReadAllBytes(SharedData.Real("Binance_BTCUSDT_d.csv"));
        cut.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(InputFileContent.CreateFromBinary(content, "Binance_BTCUSDT_d.csv"));

        cut.WaitForElement("[data-testid=import-preview]", TimeSpan.FromSeconds(20));
        Assert.Equal("CryptoDataDownload export", cut.Find("[data-testid=detected-format]").TextContent);
        Assert.Contains("1,396 read", cut.Find("[data-testid=row-counts]").TextContent);
        Assert.Contains("1,394 to import", cut.Find("[data-testid=row-counts]").TextContent);
        Assert.Contains("unix,date,symbol", cut.Find("[data-testid=raw-head]").TextContent);
        Assert.Contains("partial", cut.Find("[data-testid=rejected-rows]").TextContent);
        Assert.Equal(3, cut.FindAll("[data-testid=datasets-table] tbody tr").Count); // nothing stored yet

        cut.Find("[data-testid=commit-import]").Click();
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=datasets-table] tbody tr").Count), TimeSpan.FromSeconds(20));
        Assert.Contains("Binance_BTCUSDT_d", cut.Markup);
    }

    [Fact]
    public void A_broken_upload_shows_the_error_and_stores_nothing()
    {
        var cut = Render<DataPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=datasets-table] tbody tr").Count));

        cut.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(InputFileContent.CreateFromText("Date,Open,High,Low,Close\n", "empty.csv"));

        cut.WaitForElement("[data-testid=import-error]");
        Assert.Contains("empty.csv:1: the file has a header but no data rows. Nothing was stored.", cut.Find("[data-testid=import-error]").TextContent);
        Assert.Empty(Directory.GetFiles(Path.Combine(Folder, "uploads")));
    }
}

public class HomePageTests : PageTestBase
{
    [Fact]
    public async Task Overview_counts_datasets_and_links_the_modes()
    {
        var copilot = Services.GetRequiredService<Velocitas.Web.Services.Copilot.CopilotService>();
        await copilot.AddRuleAsync(new Velocitas.Engine.Copilot.AlertRule { Name = "feed", Kind = Velocitas.Engine.Copilot.AlertKind.StaleFeed, Parameters = new Dictionary<string, double> { ["seconds"] = 30 } });
        var cut = Render<Home>();
        cut.WaitForAssertion(() => Assert.Contains("18,000 candles stored", cut.Markup));
        Assert.Contains("Run your first backtest", cut.Markup);
        Assert.Contains("0 new alerts", cut.Find("[data-testid=overview-copilot]").TextContent);
        Assert.Contains("1 of 1 rules on · alerts on", cut.Find("[data-testid=overview-copilot]").TextContent);
        Assert.Contains("none yet", cut.Find("[data-testid=overview-optimizations]").TextContent);
    }
}
