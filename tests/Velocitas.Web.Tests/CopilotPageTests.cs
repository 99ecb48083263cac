using Microsoft.Extensions.DependencyInjection;
using Velocitas.Data.Storage;
using Velocitas.Engine.Copilot;
using Velocitas.Web.Components.Pages.Copilot;
using Velocitas.Web.Services.Copilot;

namespace Velocitas.Web.Tests;

public class CopilotPageTests : PageTestBase
{
    [Fact]
    public void A_rule_is_created_from_the_form_and_listed_with_its_summary()
    {
        var cut = Render<CopilotPage>();
        cut.WaitForElement("[data-testid=new-rule]").Click();
        cut.WaitForElement("[data-testid=rule-editor]");

        cut.Find("[data-testid=save-rule]").Click();
        Assert.Equal("Fill in: Level.", cut.WaitForElement("[data-testid=rule-error]").TextContent);

        cut.Find("[data-param=level]").AsInput().Change("70000");
        cut.Find("[data-testid=save-rule]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=rule-1]")));
        Assert.Contains("Price crosses a level · every coin · level 70,000 · either way · quiet 5 min", cut.Find("[data-testid=rule-1]").TextContent);
        var rule = Assert.Single(Services.GetRequiredService<CopilotService>().Rules);
        Assert.Equal(70000, rule.Get("level"));
        Assert.Empty(cut.FindAll("[data-testid=rule-editor]"));
    }

    [Fact]
    public async Task Stored_alerts_are_listed_newest_first_and_can_be_acknowledged()
    {
        var store = Services.GetRequiredService<AlertStore>();
        var t = DateTimeOffset.UtcNow;
        await store.AddAsync([
            (new Alert(t.AddMinutes(-2), 1, "BTC 70k", AlertKind.PriceCross, AlertSeverity.Warning, "BTCUSDT", null, null, "BTCUSDT crossed above 70,000.00 (from 69,990.00 to 70,010.00).", 70010, 70000), null),
            (new Alert(t.AddMinutes(-1), 2, "Loss streak", AlertKind.LossStreak, AlertSeverity.Critical, "ETHUSDT", 3, "rsi", "RSI reversion #3 on ETHUSDT lost 3 trades in a row (-120.00 in total, last -1.20%).", 3, 3), "paused #3"),
        ]);

        var cut = Render<CopilotPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=alert]").Count));
        var first = cut.FindAll("[data-testid=alert]")[0];
        Assert.Contains("Loss streak", first.TextContent);
        Assert.Contains("Risk action: paused #3", first.TextContent);
        Assert.Contains("2 new alerts", cut.Find("[data-testid=new-count]").TextContent);

        cut.Find($"[data-testid=ack-{first.GetAttribute("data-alert-id")}]").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=alert]")));
        Assert.Equal(1, await store.CountNewAsync());

        cut.Find("[data-testid=ack-all]").Click();
        cut.WaitForElement("[data-testid=no-alerts]");
        Assert.Equal(0, await store.CountNewAsync());
    }
}
