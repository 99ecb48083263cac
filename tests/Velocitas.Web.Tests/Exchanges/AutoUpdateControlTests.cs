using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Velocitas.Data.Import;
using Velocitas.Data.Storage;
using Velocitas.Engine.Market;
using Velocitas.Web.Components.Pages.Data;

namespace Velocitas.Web.Tests.Exchanges;

/// <summary>The Data page's automatic-update setting of a downloaded dataset (off by default).</summary>
public class AutoUpdateControlTests : PageTestBase
{
    private DatasetStore Datasets => Services.GetRequiredService<DatasetStore>();

    private async Task<DatasetSummary> DownloadedAsync(int? minutes = null)
    {
        var candles = SyntheticMarket.Generate(1, 100, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), Timeframe.OneHour, 10).ToArray();
        var entity = await Datasets.SaveAsync("downloaded", "BTCUSDT", Timeframe.OneHour, candles, "exchange", null, CsvFormat.ExchangeDownload.ToName(), "{}", null,
            CancellationToken.None, new DownloadOrigin("binance", "BTCUSDT", false));
        if (minutes is not null) await Datasets.SetAutoUpdateAsync(entity.Id, minutes);
        return (await Datasets.GetAsync(entity.Id))!;
    }

    /// <summary>The text the select shows.</summary>
    private static string? Shown(IRenderedComponent<AutoUpdateControl> cut) => cut.Find("input").GetAttribute("value");

    [Fact]
    public async Task Off_by_default_and_a_choice_is_stored()
    {
        var dataset = await DownloadedAsync();
        Assert.True(dataset.CanUpdate);
        var cut = Render<AutoUpdateControl>(p => p.Add(x => x.Dataset, dataset));
        var select = cut.FindComponent<MudBlazor.MudSelect<int>>();
        Assert.Equal("Off", Shown(cut));

        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(60));
        Assert.Equal(60, (await Datasets.GetAsync(dataset.Id))!.AutoUpdateMinutes);
        cut.WaitForAssertion(() => Assert.Equal("Every hour", Shown(cut)));

        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(0));
        Assert.Null((await Datasets.GetAsync(dataset.Id))!.AutoUpdateMinutes);
    }

    [Fact]
    public async Task An_interval_set_through_the_API_is_shown()
    {
        var dataset = await DownloadedAsync(5);
        var cut = Render<AutoUpdateControl>(p => p.Add(x => x.Dataset, dataset));
        Assert.Equal("Every 5 minutes", Shown(cut));
    }
}
