using Microsoft.Extensions.Options;

namespace Velocitas.Web.Tests.Hardening;

/// <summary>Wrong settings stop the app at start, each named with its key, its value and what is expected.</summary>
public class SettingsValidationTests
{
    [Fact]
    public void A_wrong_setting_stops_the_start_and_names_the_key_and_what_is_expected()
    {
        using var app = new AppFactory(settings: new()
        {
            ["Velocitas:Live:Workers"] = "0",
            ["Velocitas:Feeds:Binance:StreamBaseUrl"] = "https://not-a-websocket.example",
            ["Velocitas:Feeds:Synthetic:Interval"] = "fortnightly",
        });
        var ex = Assert.ThrowsAny<OptionsValidationException>(() => app.Start());
        string message = string.Join(" | ", ex.Failures);
        Assert.Contains("Velocitas:Live:Workers must be between 1 and 64 (was 0).", message);
        Assert.Contains("Velocitas:Feeds:Binance:StreamBaseUrl must be an absolute ws or wss URL (was 'https://not-a-websocket.example').", message);
        Assert.Contains("Velocitas:Feeds:Synthetic:Interval: 'fortnightly' is not an interval such as 1m, 5m, 1h.", message);
        Directory.Delete(app.DataFolder, recursive: true);
    }

    [Fact]
    public void The_upload_limit_must_be_positive()
    {
        using var app = new AppFactory(settings: new() { ["Velocitas:MaxUploadMegabytes"] = "0" });
        var ex = Assert.ThrowsAny<Exception>(() => app.Start());
        Assert.Contains("Velocitas:MaxUploadMegabytes must be positive (was 0).", ex.ToString());
        Directory.Delete(app.DataFolder, recursive: true);
    }
}
