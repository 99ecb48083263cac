using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Velocitas.Data.Storage;
using Velocitas.Web.Components.Pages.History;
using Velocitas.Web.Components.Pages.Optimization;
using Velocitas.Web.Services;

namespace Velocitas.Web.Tests;

public class OptimizationPageTests : PageTestBase
{
    [Fact]
    public async Task Optimising_shows_recommendations_rankings_heatmap_and_walk_forward_then_saves_the_run()
    {
        var cut = Render<OptimizationPage>();
        cut.WaitForElement("[data-testid=run-optimization]");
        cut.WaitForAssertion(() => Assert.Contains("combination(s) to run", cut.Find("[data-testid=opt-count]").TextContent));
        // defaults: SMA crossover on the first two demo coins, walk-forward with 3 windows
        cut.Find("[data-range='sma-crossover.fast']").AsInput().Input("5,10");
        cut.Find("[data-range='sma-crossover.slow']").AsInput().Input("20,30,40");
        // the count follows the form after its re-render (on a busy machine it was once read from the render before)
        cut.WaitForAssertion(() => Assert.Equal("12 combination(s) to run.", cut.Find("[data-testid=opt-count]").TextContent));

        cut.Find("[data-testid=run-optimization]").Click();
        cut.WaitForElement("[data-testid=optimization-results]", TimeSpan.FromSeconds(60));

        var saved = Assert.Single(await Services.GetRequiredService<OptimizationStore>().ListAsync());
        Assert.Equal(12, saved.Combinations);
        Assert.Contains($"#{saved.Id}", cut.Find("[data-testid=optimization-title]").TextContent);
        Assert.NotEmpty(cut.FindAll("[data-testid=recommendations] .mud-alert"));
        Assert.Equal(2 * (3 + 1), cut.FindAll("[data-testid=walk-forward] tbody tr").Count); // 3 windows + a total per coin
        Assert.Equal(12, cut.FindAll("[data-testid=combinations-table] tbody tr").Count);
        // walk-forward: one verdict per coin and strategy; the per-row test figure is named for what it is
        Assert.Equal(2, cut.FindAll("[data-testid=recommendations] .mud-alert").Count);
        Assert.Contains("Test return", cut.Find("[data-testid=combinations-table]").TextContent);
        Assert.Contains("Test = fixed-params test: These parameters, unchanged, run on each of the 3 walk-forward test segments and chained.", cut.Markup);
        Assert.Contains("not a walk-forward validation", cut.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(cut.FindAll("[data-testid=evidence-caveat]"));
        Assert.NotNull(cut.Find("[data-testid=heatmap]"));
        Assert.Equal(8, cut.FindAll("[data-testid=heatmap-legend] .vel-legend").Count); // 7 colour bands and "not run"
        Assert.NotNull(cut.Find("[data-testid=show-setup]")); // the setup folds away to give the results the width

        // clicking a row draws its equity curve
        cut.FindAll("[data-testid=combinations-table] tbody tr")[0].Click();
        cut.WaitForElement("[data-testid=row-equity-chart]", TimeSpan.FromSeconds(20));
        Assert.StartsWith("Rank 1:", cut.Find("[data-testid=row-equity-title]").TextContent.Trim());
    }

    [Fact]
    public void A_bad_range_says_what_is_wrong_and_disables_optimise()
    {
        var cut = Render<OptimizationPage>();
        cut.WaitForElement("[data-testid=run-optimization]");

        cut.Find("[data-range='sma-crossover.fast']").AsInput().Input("9:3:1");

        cut.WaitForAssertion(() => Assert.Equal("Fix the ranges above.", cut.Find("[data-testid=opt-count]").TextContent));
        Assert.True(cut.Find("[data-testid=run-optimization]").HasAttribute("disabled"));
        Assert.Contains("fast: max (3) is below min (9).", cut.Markup);
    }

    [Fact]
    public async Task A_saved_run_reopens_from_history()
    {
        var run = await Services.GetRequiredService<OptimizationService>().RunAsync(new OptimizationSetup
        {
            Name = "RSI sweep",
            DatasetIds = [1],
            Strategies = new Dictionary<string, Dictionary<string, string>> { ["rsi"] = new() { ["period"] = "7,14,21", ["oversold"] = "25,30", ["overbought"] = "70" } },
            OutOfSampleFraction = 0.3,
            MinTrades = 1,
        });

        Services.GetRequiredService<NavigationManager>().NavigateTo("/history?tab=optimizations");
        var history = Render<HistoryPage>();
        history.WaitForAssertion(() => Assert.NotNull(history.Find($"[data-testid=open-optimization-{run.Summary.Id}]")));
        Assert.Contains("RSI sweep", history.Find("[data-testid=optimizations-table]").TextContent);

        var page = Render<OptimizationRunPage>(p => p.Add(x => x.Id, run.Summary.Id));
        page.WaitForElement("[data-testid=optimization-results]");
        Assert.Contains("RSI sweep", page.Find("[data-testid=optimization-title]").TextContent);
        Assert.Equal(6, page.FindAll("[data-testid=combinations-table] tbody tr").Count);
        Assert.Contains("held out", page.Markup);

        var missing = Render<OptimizationRunPage>(p => p.Add(x => x.Id, 999));
        missing.WaitForAssertion(() => Assert.Contains("Optimization #999 does not exist", missing.Markup));
    }
}

public class PortfolioPageTests : PageTestBase
{
    [Fact]
    public async Task Running_a_portfolio_shows_contributions_and_correlation_and_saves_it()
    {
        var cut = Render<PortfolioPage>();
        cut.WaitForElement("[data-testid=run-portfolio]");

        cut.Find("[data-testid=run-portfolio]").Click();
        cut.WaitForElement("[data-testid=contributions]", TimeSpan.FromSeconds(60));

        Assert.Equal(3, cut.FindAll("[data-testid=contributions] tbody tr").Count);
        var saved = Assert.Single(await Services.GetRequiredService<BacktestStore>().ListAsync());
        Assert.Equal("portfolio", saved.Origin);
        Assert.Contains($"Saved as #{saved.Id}", cut.Find("[data-testid=portfolio-saved]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=portfolio-chart]"));
    }
}
