using Microsoft.Extensions.DependencyInjection;
using Velocitas.Engine.Live;
using Velocitas.Web.Components.Pages.Live;

namespace Velocitas.Web.Tests;

public class LivePageTests : PageTestBase
{
    private LiveEngine Engine => Services.GetRequiredService<LiveEngine>();

    [Fact]
    public async Task The_page_shows_instances_and_pnl_from_the_engine_snapshot_and_updates_live()
    {
        await Engine.AddInstanceAsync(new InstanceSpec { StrategyId = "sma-crossover", Symbol = "BTC", Parameters = new Dictionary<string, double> { ["fast"] = 2, ["slow"] = 4 } });
        await Engine.AddInstanceAsync(new InstanceSpec { StrategyId = "rsi", Symbol = "ETH" });
        var cut = Render<LivePage>();
        cut.WaitForElement("[data-testid=instance-1]");
        Assert.NotNull(cut.Find("[data-testid=instance-2]"));
        Assert.Equal("stopped", cut.Find("[data-testid=engine-state]").TextContent);

        await Engine.StartAsync(new SyntheticFeed(["BTC", "ETH"], new SyntheticFeedOptions { TicksPerSecond = 20_000, TicksPerCandle = 3 }));
        cut.WaitForAssertion(() => Assert.Equal("running", cut.Find("[data-testid=engine-state]").TextContent));
        cut.WaitForAssertion(() => Assert.True(int.Parse(cut.Find("[data-testid=instance-1-trades]").TextContent) > 0));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=trade-blotter] tr.vel-trade-row")));
        await Engine.StopAsync();

        var s = Engine.PublishSnapshot();
        cut.WaitForAssertion(() => Assert.Equal(Fmt(s.Overall.Realized), cut.Find("[data-testid=pnl-coin-total-realized]").TextContent));
        Assert.Contains("synthetic", cut.Find("[data-testid=feed-status]").TextContent);
        // strategies by the names a trader knows, in the P&L table and the blotter
        var byStrategy = cut.FindAll("[data-testid=pnl-strategy] tbody tr td:first-child").Select(td => td.TextContent).ToList();
        Assert.Equal(["RSI reversion", "SMA crossover"], byStrategy.Take(2));
        Assert.Contains(cut.FindAll("[data-testid=trade-blotter] tr.vel-trade-row td"), td => td.TextContent == "SMA crossover");
    }

    [Fact]
    public async Task A_feed_started_elsewhere_is_shown_in_the_form_as_it_runs()
    {
        await Engine.AddInstanceAsync(new InstanceSpec { StrategyId = "rsi", Symbol = "ETH" });
        await Engine.StartAsync(new SyntheticFeed(["BTC", "ETH"], new SyntheticFeedOptions { TicksPerSecond = 123, TicksPerCandle = 3 }));
        try
        {
            var cut = Render<LivePage>();
            cut.WaitForElement("[data-testid=feed-rate]");
            Assert.Equal("123", Inputs.FindParam(cut.Find("[data-testid=feed-rate]")).GetAttribute("value"));
            Assert.Equal("BTCUSDT, ETHUSDT", Inputs.FindParam(cut.Find("[data-testid=feed-coins]")).GetAttribute("value"));
        }
        finally
        {
            await Engine.StopAsync();
        }
    }

    [Fact]
    public async Task An_instance_note_shows_its_full_text_on_hover()
    {
        await Engine.AddInstanceAsync(new InstanceSpec { StrategyId = "rsi", Symbol = "BTC" });
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var feedStart in new[] { start, start.AddDays(-10) }) // the second feed runs on an earlier clock
        {
            await Engine.StartAsync(new SyntheticFeed(["BTC"], new SyntheticFeedOptions { TicksPerSecond = 0, TicksPerCandle = 3, MaxTicks = 300, Start = feedStart }));
            await Engine.WhenFeedCompletedAsync();
            await Engine.StopAsync();
        }
        var cut = Render<LivePage>();
        var note = cut.WaitForElement("[data-testid=instance-1-note]");
        Assert.Contains("is behind the account's last candle (2025-01-01", note.GetAttribute("title"));
    }

    [Fact]
    public void Adding_an_instance_from_the_form_validates_the_coin_and_parameters()
    {
        var cut = Render<LivePage>();
        cut.WaitForElement("[data-testid=add-instance-button]");
        var coin = Inputs.FindParam(cut.Find("[data-testid=add-coin]"));
        coin.Input("??");
        Assert.Contains("Enter a coin such as BTC", cut.Markup);
        Assert.True(cut.Find("[data-testid=add-instance-button]").HasAttribute("disabled"));

        Inputs.FindParam(cut.Find("[data-testid=add-coin]")).Input("sol");
        Inputs.FindParam(cut.Find("[data-testid=add-instance] [data-param=fast]")).Input("3");
        Inputs.FindParam(cut.Find("[data-testid=add-instance] [data-param=slow]")).Input("9");
        cut.Find("[data-testid=add-instance-button]").Click();

        cut.WaitForElement("[data-testid=instance-1]");
        var instance = Assert.Single(Engine.Snapshot.Instances);
        Assert.Equal(("sma-crossover", "SOLUSDT", "fast=3, slow=9"), (instance.StrategyId, instance.Symbol, instance.Parameters));
    }

    [Fact]
    public async Task Leaving_the_page_releases_its_subscriptions()
    {
        int before = Engine.Subscriptions;
        var cut = Render<LivePage>();
        cut.WaitForElement("[data-testid=status-bar]");
        cut.WaitForAssertion(() => Assert.Equal(before + 2, Engine.Subscriptions)); // snapshots and trades

        await DisposeComponentsAsync();

        Assert.Equal(before, Engine.Subscriptions);
    }

    private static string Fmt(decimal d) => Velocitas.Web.Components.UI.Fmt.Money(d);
}
