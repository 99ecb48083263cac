using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Velocitas.Engine.Market;

namespace Velocitas.Web.Tests.Exchanges;

/// <summary>Bybit v5 wire format: /v5/market/instruments-info, /v5/market/kline (newest first, strings), /v5/public/spot.</summary>
internal static class FakeBybit
{
    public static FakeExchange Create() => new((app, fake) =>
    {
        app.MapGet("/v5/market/instruments-info", (HttpContext http) => fake.RateLimited(http)
            ? Results.Json(new { retCode = 10006, retMsg = "Too many visits!" }, statusCode: 429)
            : Results.Json(new
            {
                retCode = 0, retMsg = "OK",
                result = new
                {
                    category = "spot",
                    list = fake.Candles.Keys.Select(s => new
                    {
                        symbol = s, baseCoin = s[..^4], quoteCoin = "USDT", status = "Trading",
                        lotSizeFilter = new { basePrecision = fake.LotSize, quotePrecision = "0.00000001", minOrderQty = "0.000048", maxOrderQty = "71.7", minOrderAmt = "1", maxOrderAmt = "2000000" },
                        priceFilter = new { tickSize = "0.01" },
                    }),
                },
            }));
        app.MapGet("/v5/market/kline", (HttpContext http, string category, string symbol, string interval, long start, long end, int limit) =>
        {
            if (fake.RateLimited(http)) return Results.Json(new { retCode = 10006, retMsg = "Too many visits!" }, statusCode: 429);
            if (fake.BodyRateLimited(http)) return Results.Json(new { retCode = 10006, retMsg = "Too many visits!", result = new { }, retExtInfo = new { }, time = 1 });
            if (category != "spot" || interval != "1") return Results.Json(new { retCode = 10001, retMsg = "params error" });
            if (!fake.Candles.TryGetValue(symbol, out var list)) return Results.Json(new { retCode = 10001, retMsg = "Not supported symbols" });
            if (fake.Malformed()) return Results.Json(new { retCode = 0, retMsg = "OK", result = new { symbol, category, list = new[] { new[] { "not-a-time", "1" } } }, retExtInfo = new { }, time = 1 });
            var rows = list.Where(c => c.Time.ToUnixTimeMilliseconds() >= start && c.Time.ToUnixTimeMilliseconds() <= end)
                .TakeLast(limit).Reverse()
                .Select(c => new[] { c.Time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), FakeExchange.D(c.Open), FakeExchange.D(c.High), FakeExchange.D(c.Low), FakeExchange.D(c.Close), c.Volume.ToString(CultureInfo.InvariantCulture), "1000" });
            return Results.Json(new { retCode = 0, retMsg = "OK", result = new { symbol, category, list = rows }, retExtInfo = new { }, time = 1 });
        });
        app.Map("/v5/public/spot", fake.StreamAsync);
    });

    public static string Kline(string symbol, Candle c, bool confirm) =>
        "{\"topic\":\"kline.1." + symbol + "\",\"data\":[{\"start\":" + c.Time.ToUnixTimeMilliseconds() + ",\"end\":" + (c.Time.ToUnixTimeMilliseconds() + 59_999) +
        ",\"interval\":\"1\",\"open\":\"" + FakeExchange.D(c.Open) + "\",\"close\":\"" + FakeExchange.D(c.Close) + "\",\"high\":\"" + FakeExchange.D(c.High) +
        "\",\"low\":\"" + FakeExchange.D(c.Low) + "\",\"volume\":\"" + c.Volume.ToString(CultureInfo.InvariantCulture) + "\",\"turnover\":\"1\",\"confirm\":" +
        (confirm ? "true" : "false") + ",\"timestamp\":" + c.Time.ToUnixTimeMilliseconds() + "}],\"ts\":1,\"type\":\"snapshot\"}";
}
