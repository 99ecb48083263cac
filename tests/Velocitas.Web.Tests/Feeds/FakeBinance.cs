using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Velocitas.Engine.Market;

namespace Velocitas.Web.Tests.Feeds;

/// <summary>
/// A local Kestrel server speaking Binance's public wire format: GET /api/v3/klines, GET /api/v3/exchangeInfo and the
/// combined WebSocket stream /stream?streams=... whose messages the test scripts (including disconnects and garbage).
/// </summary>
internal sealed class FakeBinance : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, List<Candle>> _klines = new();
    private Channel<string?> _messages = Channel.CreateUnbounded<string?>();

    public FakeBinance()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        _app = builder.Build();
        _app.UseWebSockets();
        _app.MapGet("/api/v3/klines", Klines);
        _app.MapGet("/api/v3/exchangeInfo", ExchangeInfo);
        _app.Map("/stream", StreamAsync);
        _app.MapGet("/data/spot/{kind}/klines/{symbol}/{interval}/{file}", Archive);
    }

    public int ArchiveRequests;
    public int? UsedWeight;

    /// <summary>data.binance.vision: a zip holding one header-less CSV; open/close times in microseconds from 2025 on.</summary>
    private IResult Archive(string kind, string symbol, string interval, string file)
    {
        Interlocked.Increment(ref ArchiveRequests);
        if (!_klines.TryGetValue(symbol, out var list)) return Results.NotFound();
        string stamp = file[(symbol.Length + interval.Length + 2)..^4];
        var start = DateTimeOffset.ParseExact(kind == "monthly" ? stamp + "-01" : stamp, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var end = kind == "monthly" ? start.AddMonths(1) : start.AddDays(1);
        var rows = list.Where(c => c.Time >= start && c.Time < end).ToList();
        if (rows.Count == 0) return Results.NotFound();
        var csv = new StringBuilder();
        foreach (var c in rows)
        {
            long t = c.Time.ToUnixTimeMilliseconds(), close = t + 59_999;
            if (c.Time.Year >= 2025) { t *= 1000; close = close * 1000 + 999; }
            csv.Append(CultureInfo.InvariantCulture, $"{t},{D(c.Open)},{D(c.High)},{D(c.Low)},{D(c.Close)},{c.Volume.ToString("0.00000000", CultureInfo.InvariantCulture)},{close},1000.0,42,0.5,500.0,0\n");
        }
        var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = archive.CreateEntry(file[..^4] + ".csv");
            using var w = new StreamWriter(entry.Open());
            w.Write(csv.ToString());
        }
        return Results.File(zip.ToArray(), "application/zip");
    }

    public Uri RestBase => new(_app.Urls.First());
    public Uri StreamBase => new(_app.Urls.First().Replace("http://", "ws://"));
    public int Connections;
    public int KlineRequests;
    public int RateLimitNext;
    /// <summary>Kline requests still to answer 418 (an IP ban for a while) with Retry-After: 2.</summary>
    public int BanNext;
    /// <summary>Kline requests still to answer 200 with a body that is not JSON (a proxy's error page).</summary>
    public int GarbageNext;
    public string? LastStreams;

    public async Task StartAsync() => await _app.StartAsync();

    public void SetKlines(string symbol, IEnumerable<Candle> candles) => _klines[symbol] = candles.ToList();

    /// <summary>Queues a raw text message for the current connection.</summary>
    public void Send(string json) => _messages.Writer.TryWrite(json);

    /// <summary>Makes the current connection drop abruptly (no close frame).</summary>
    public void Kill() => _messages.Writer.TryWrite(null);

    public static string Kline(string symbol, Candle c, bool closed)
    {
        long t = c.Time.ToUnixTimeMilliseconds();
        string k = $"\"t\":{t},\"T\":{t + 59_999},\"s\":\"{symbol}\",\"i\":\"1m\",\"f\":1,\"L\":2,\"o\":\"{D(c.Open)}\",\"c\":\"{D(c.Close)}\",\"h\":\"{D(c.High)}\",\"l\":\"{D(c.Low)}\",\"v\":\"{c.Volume.ToString(CultureInfo.InvariantCulture)}\",\"n\":10,\"x\":{(closed ? "true" : "false")},\"q\":\"1.0\",\"V\":\"0.5\",\"Q\":\"0.5\",\"B\":\"0\"";
        return "{\"stream\":\"" + symbol.ToLowerInvariant() + "@kline_1m\",\"data\":{\"e\":\"kline\",\"E\":" + (t + 1000) + ",\"s\":\"" + symbol + "\",\"k\":{" + k + "}}}";
    }

    public static string Trade(string symbol, DateTimeOffset time, decimal price)
    {
        long t = time.ToUnixTimeMilliseconds();
        return "{\"stream\":\"" + symbol.ToLowerInvariant() + "@trade\",\"data\":{\"e\":\"trade\",\"E\":" + t + ",\"s\":\"" + symbol + "\",\"t\":12345,\"p\":\"" + D(price) + "\",\"q\":\"0.01000000\",\"T\":" + t + ",\"m\":true,\"M\":true}}";
    }

    private static string D(decimal d) => d.ToString("0.00000000", CultureInfo.InvariantCulture);

    /// <summary>How long each klines answer takes (to cancel a download half-way).</summary>
    public TimeSpan KlineDelay;

    private async Task<IResult> Klines(string symbol, string interval, long? startTime, long? endTime, int? limit, HttpContext http)
    {
        Interlocked.Increment(ref KlineRequests);
        if (KlineDelay > TimeSpan.Zero) await Task.Delay(KlineDelay, http.RequestAborted);
        if (UsedWeight is { } used) http.Response.Headers["X-MBX-USED-WEIGHT-1M"] = used.ToString(CultureInfo.InvariantCulture);
        if (BanNext > 0)
        {
            BanNext--;
            http.Response.Headers.RetryAfter = "2";
            return Results.Json(new { code = -1003, msg = "Way too many requests; IP banned until later." }, statusCode: 418);
        }
        if (RateLimitNext > 0)
        {
            RateLimitNext--;
            http.Response.Headers.RetryAfter = "1";
            return Results.Json(new { code = -1003, msg = "Too many requests." }, statusCode: 429);
        }
        if (GarbageNext > 0)
        {
            GarbageNext--;
            return Results.Text("<html><body>502 Bad Gateway</body></html>", "text/html");
        }
        if (!_klines.TryGetValue(symbol, out var list)) return Results.Json(new { code = -1121, msg = "Invalid symbol." }, statusCode: 400);
        IEnumerable<Candle> q = list;
        if (startTime is { } s) q = q.Where(c => c.Time.ToUnixTimeMilliseconds() >= s);
        if (endTime is { } e) q = q.Where(c => c.Time.ToUnixTimeMilliseconds() <= e);
        var rows = (startTime is null ? q.TakeLast(limit ?? 500) : q.Take(limit ?? 500)).Select(c => new object[]
        {
            c.Time.ToUnixTimeMilliseconds(), D(c.Open), D(c.High), D(c.Low), D(c.Close), c.Volume.ToString("0.00000000", CultureInfo.InvariantCulture),
            c.Time.ToUnixTimeMilliseconds() + 59_999, "1000.0", 42, "0.5", "500.0", "0",
        });
        return Results.Json(rows);
    }

    private IResult ExchangeInfo(string? symbols)
    {
        var requested = symbols is null ? _klines.Keys.ToArray() : System.Text.Json.JsonSerializer.Deserialize<string[]>(symbols) ?? [];
        var unknown = requested.Where(s => !_klines.ContainsKey(s)).ToList();
        if (unknown.Count > 0) return Results.Json(new { code = -1121, msg = "Invalid symbol." }, statusCode: 400);
        return Results.Json(new
        {
            timezone = "UTC",
            symbols = requested.Select(s => new
            {
                symbol = s, status = "TRADING", baseAsset = s[..^4], quoteAsset = "USDT",
                filters = new object[]
                {
                    new { filterType = "PRICE_FILTER", minPrice = "0.01000000", maxPrice = "1000000.00000000", tickSize = "0.01000000" },
                    new { filterType = "LOT_SIZE", minQty = "0.00001000", maxQty = "9000.00000000", stepSize = "0.00001000" },
                },
            }),
        });
    }

    private async Task StreamAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest) { context.Response.StatusCode = 400; return; }
        LastStreams = context.Request.Query["streams"];
        Interlocked.Increment(ref Connections);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var reader = _messages.Reader;
        try
        {
            while (await reader.WaitToReadAsync(context.RequestAborted))
            {
                if (!reader.TryRead(out string? message)) continue;
                if (message is null)
                {
                    context.Abort(); // drop the TCP connection without a close frame
                    return;
                }
                await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, context.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _messages.Writer.TryComplete();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
