using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Velocitas.Web.Tests.Exchanges;

/// <summary>Coinbase Exchange wire format: /products, /products/{id}/candles (≤300, newest first, [time, low, high, open, close, volume]), the ws feed.</summary>
internal static class FakeCoinbase
{
    public static FakeExchange Create() => new((app, fake) =>
    {
        app.MapGet("/products", (HttpContext http) => fake.RateLimited(http)
            ? Results.Json(new { message = "Public rate limit exceeded" }, statusCode: 429)
            : Results.Json(fake.Candles.Keys.Select(id => new
            {
                id, base_currency = id.Split('-')[0], quote_currency = id.Split('-')[1], quote_increment = "0.01", base_increment = "0.00000001",
                display_name = id, min_market_funds = "1", status = "online", status_message = "", trading_disabled = false,
            })));
        app.MapGet("/products/{id}/candles", (HttpContext http, string id, int granularity, DateTimeOffset start, DateTimeOffset end) =>
        {
            if (fake.RateLimited(http)) return Results.Json(new { message = "Public rate limit exceeded" }, statusCode: 429);
            if (!http.Request.Headers.UserAgent.Any()) return Results.Json(new { message = "User-Agent header is required." }, statusCode: 400);
            if ((end - start).TotalSeconds / granularity >= 300) return Results.Json(new { message = "granularity too small for the requested time range. Count of aggregations requested exceeds 300" }, statusCode: 400);
            if (!fake.Candles.TryGetValue(id, out var list)) return Results.Json(new { message = "NotFound" }, statusCode: 404);
            if (fake.Malformed()) return Results.Json(new[] { new object[] { "not-a-time", 1 } });
            var rows = list.Where(c => c.Time >= start && c.Time <= end).Reverse()
                .Select(c => new object[] { c.Time.ToUnixTimeSeconds(), c.Low, c.High, c.Open, c.Close, c.Volume });
            return Results.Json(rows);
        });
        app.Map("/", fake.StreamAsync);
    });

    public static string Match(string product, DateTimeOffset time, decimal price, decimal size) =>
        "{\"type\":\"match\",\"trade_id\":1,\"maker_order_id\":\"a\",\"taker_order_id\":\"b\",\"side\":\"buy\",\"size\":\"" + size.ToString(CultureInfo.InvariantCulture) +
        "\",\"price\":\"" + price.ToString(CultureInfo.InvariantCulture) + "\",\"product_id\":\"" + product + "\",\"sequence\":1,\"time\":\"" +
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture) + "\"}";
}
