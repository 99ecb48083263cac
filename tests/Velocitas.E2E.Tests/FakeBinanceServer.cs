using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Velocitas.E2E.Tests;

/// <summary>
/// Binance's public REST wire format on 127.0.0.1 for the browser journey: exchangeInfo (BTCUSDT, ETHUSDT) and klines
/// generated on the fly for any range, hourly, with a five-hour outage ten days ago (a gap the report must show).
/// </summary>
internal sealed class FakeBinanceServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    public FakeBinanceServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        _app = builder.Build();
        _app.MapGet("/api/v3/exchangeInfo", () => Results.Json(new
        {
            timezone = "UTC",
            symbols = new[] { "BTCUSDT", "ETHUSDT" }.Select(s => new
            {
                symbol = s, status = "TRADING", baseAsset = s[..3], quoteAsset = "USDT",
                filters = new object[]
                {
                    new { filterType = "PRICE_FILTER", tickSize = "0.01000000" },
                    new { filterType = "LOT_SIZE", minQty = "0.00001000", stepSize = "0.00001000" },
                },
            }),
        }));
        _app.MapGet("/api/v3/klines", (string symbol, string interval, long startTime, long endTime, int limit) =>
        {
            var hour = TimeSpan.FromHours(1);
            var now = DateTimeOffset.UtcNow;
            var outage = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-10);
            var rows = new List<object[]>();
            for (long t = (startTime + 3_599_999) / 3_600_000 * 3_600_000; t <= endTime && rows.Count < limit; t += 3_600_000)
            {
                var open = DateTimeOffset.FromUnixTimeMilliseconds(t);
                if (open > now) break;
                if (open >= outage && open < outage.AddHours(5)) continue;
                double p = 40_000 + (2_000 * Math.Sin(t / 3.6e6 / 24.0));
                string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
                rows.Add([t, F(p), F(p + 50), F(p - 50), F(p + 10), "12.5", t + (long)hour.TotalMilliseconds - 1, "500000", 100, "6", "250000", "0"]);
            }
            return Results.Json(rows);
        });
    }

    public Uri BaseUrl => new(_app.Urls.First());

    public Task StartAsync() => _app.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
