using Bunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Velocitas.Engine.Live;
using Velocitas.Web.Components.Pages.Live;

namespace Velocitas.Web.Tests.Exchanges;

/// <summary>The add-instance form and the instance rows with an exchange picked as the feed (fake Bybit, lot 0.001).</summary>
public class LiveMarketFormTests(LiveMarketFormTests.Server server) : PageTestBase, IClassFixture<LiveMarketFormTests.Server>
{
    private readonly FakeExchange _bybit = server.Bybit;

    private LiveEngine Engine => Services.GetRequiredService<LiveEngine>();

    public override async Task InitializeAsync()
    {
        _bybit.LotSize = "0.001";
        _bybit.Candles["BTCUSDT"] = [];
        _bybit.Candles["ETHUSDT"] = [];
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Velocitas:DataPath"] = Folder,
            ["Velocitas:Feeds:Bybit:RestBaseUrl"] = _bybit.RestBase.ToString(),
            ["Velocitas:Feeds:Bybit:StreamBaseUrl"] = _bybit.StreamBase.ToString(),
        }).Build());
        await base.InitializeAsync();
    }

    /// <summary>The fake Bybit, started once for the class.</summary>
    public sealed class Server : IAsyncLifetime
    {
        internal FakeExchange Bybit { get; } = FakeBybit.Create();

        public Task InitializeAsync() => Bybit.StartAsync();

        public Task DisposeAsync() => Bybit.DisposeAsync().AsTask();
    }

    [Fact]
    public async Task On_an_exchange_the_form_shows_the_market_rules_refuses_an_unlisted_coin_and_the_row_shows_them()
    {
        var cut = Render<AddInstanceForm>(p => p.Add(x => x.FeedSource, "bybit"));
        cut.WaitForAssertion(() => Assert.Equal("BTCUSDT on Bybit: lot 0.001 · tick 0.01 (used as the lot step)", cut.Find("[data-testid=add-market]").TextContent.Trim()));

        Inputs.FindParam(cut.Find("[data-testid=add-coin]")).Input("doge");
        cut.WaitForAssertion(() => Assert.Equal("Bybit does not list DOGE (DOGEUSDT).", cut.Find("[data-testid=add-market]").TextContent.Trim()));
        await cut.InvokeAsync(() => cut.Find("[data-testid=add-instance-button]").Click());
        cut.WaitForAssertion(() => Assert.Contains("Bybit does not list DOGE (DOGEUSDT).", cut.Find("[data-testid=add-instance] .mud-alert").TextContent));
        Assert.Empty(Engine.Snapshot.Instances);

        Inputs.FindParam(cut.Find("[data-testid=add-coin]")).Input("eth");
        cut.WaitForAssertion(() => Assert.StartsWith("ETHUSDT on Bybit: lot 0.001", cut.Find("[data-testid=add-market]").TextContent.Trim()));
        await cut.InvokeAsync(() => cut.Find("[data-testid=add-instance-button]").Click());
        cut.WaitForAssertion(() => Assert.Single(Engine.Snapshot.Instances));
        var instance = Engine.Snapshot.Instances[0];
        Assert.Equal(("ETHUSDT", 0.001m, new MarketRules("bybit", "ETHUSDT", 0.01m, 0.001m)), (instance.Symbol, instance.LotStep, instance.MarketRules));

        var table = Render<InstancesTable>(p => p.Add(x => x.Instances, Engine.Snapshot.Instances));
        Assert.Equal("bybit ETHUSDT · lot 0.001 · tick 0.01", table.Find($"[data-testid=instance-{instance.Id}-market]").TextContent.Trim());
    }

    [Fact]
    public async Task Without_an_exchange_the_form_keeps_the_default_lot_step()
    {
        var cut = Render<AddInstanceForm>(p => p.Add(x => x.FeedSource, "synthetic"));
        Assert.Empty(cut.FindAll("[data-testid=add-market]"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=add-instance-button]").Click());
        cut.WaitForAssertion(() => Assert.Single(Engine.Snapshot.Instances));
        Assert.Equal((0.0001m, (MarketRules?)null), (Engine.Snapshot.Instances[0].LotStep, Engine.Snapshot.Instances[0].MarketRules));
        var table = Render<InstancesTable>(p => p.Add(x => x.Instances, Engine.Snapshot.Instances));
        Assert.Equal("lot 0.0001", table.Find($"[data-testid=instance-{Engine.Snapshot.Instances[0].Id}-market]").TextContent.Trim());
    }

    [Fact]
    public void The_feed_picker_offers_every_exchange_and_tells_the_form_which_one_is_picked()
    {
        string? picked = null;
        Render<MudBlazor.MudPopoverProvider>();
        var cut = Render<FeedControls>(p => p.Add(x => x.SourceChanged, s => picked = s));
        Assert.Equal("synthetic", picked);
        cut.Find("[data-testid=feed-source] .mud-input-control, .mud-select .mud-input-control").MouseDown();
        var items = cut.FindComponents<MudBlazor.MudSelectItem<string>>().Select(i => i.Instance.Value).ToList();
        Assert.Equal(["synthetic", "csv", "binance", "bybit", "coinbase", "coingecko"], items);
        Assert.All(Velocitas.Web.Services.ExchangeCatalog.Names, name => Assert.Contains(name, items));

        cut.InvokeAsync(() => cut.FindComponent<MudBlazor.MudSelect<string>>().Instance.ValueChanged.InvokeAsync("coinbase"));
        Assert.Equal("coinbase", picked);
    }

    [Fact]
    public void On_an_exchange_feed_the_status_bar_always_shows_reconnects_and_rate_limit_waits()
    {
        var snapshot = EngineSnapshot.Empty(DateTimeOffset.UnixEpoch) with
        {
            State = EngineState.Running,
            Feed = new FeedSnapshot("coinbase", FeedStatus.Connected, "1 symbol(s), 1m candles", ["BTCUSD"], "1m", null, 0, 10, "coinbase"),
        };
        var cut = Render<LiveStatusBar>(p => p.Add(x => x.Snapshot, snapshot));

        Assert.Contains("coinbase · connected", cut.Find("[data-testid=feed-status]").TextContent);
        Assert.Contains("0", cut.Find("[data-testid=reconnects]").TextContent);
        Assert.Contains("0 (0 s)", cut.Find("[data-testid=rate-limit-waits]").TextContent);
        Assert.Equal("none so far", cut.Find("[data-testid=rate-limit-waits]").GetAttribute("title"));

        var synthetic = snapshot with { Feed = new FeedSnapshot("synthetic", FeedStatus.Connected, null, ["BTCUSDT"], "1m", null, 0, 10) };
        Assert.Empty(Render<LiveStatusBar>(p => p.Add(x => x.Snapshot, synthetic)).FindAll("[data-testid=rate-limit-waits]"));
    }
}
