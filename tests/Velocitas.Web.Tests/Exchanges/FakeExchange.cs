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

namespace Velocitas.Web.Tests.Exchanges;

/// <summary>
/// A local Kestrel server on 127.0.0.1 that an exchange-specific mapping (Bybit, Coinbase) teaches the exchange's wire
/// format. It keeps candles per market, can answer the next requests with 429, and scripts the WebSocket: messages
/// to send, an abrupt disconnect, and a log of what the client sent (subscriptions, pings).
/// </summary>
internal sealed class FakeExchange : IAsyncDisposable
{
    private readonly WebApplication _app;
    private Channel<string?> _messages = Channel.CreateUnbounded<string?>();

    public FakeExchange(Action<WebApplication, FakeExchange> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        _app = builder.Build();
        _app.UseWebSockets();
        map(_app, this);
    }

    public ConcurrentDictionary<string, List<Candle>> Candles { get; } = new(StringComparer.OrdinalIgnoreCase);
    public ConcurrentQueue<string> Requests { get; } = new();
    public ConcurrentQueue<string> ClientMessages { get; } = new();
    public int RateLimitNext;
    /// <summary>Lot size (quantity step) every market is listed with.</summary>
    public string LotSize = "0.000001";
    /// <summary>Requests still to refuse with a rate limit written in a 200 answer's body (Bybit's retCode 10006).</summary>
    public int BodyRateLimitNext;
    /// <summary>The limit's reset time sent with those answers (Bybit's X-Bapi-Limit-Reset-Timestamp); none when null.</summary>
    public DateTimeOffset? LimitReset;
    public int Connections;
    /// <summary>History requests still to answer with a page of the right envelope but an unreadable row.</summary>
    public int MalformedNext;

    /// <summary>True when the test asked for a malformed page on this request.</summary>
    public bool Malformed()
    {
        if (Interlocked.Decrement(ref MalformedNext) >= 0) return true;
        Interlocked.Exchange(ref MalformedNext, 0);
        return false;
    }

    public Uri RestBase => new(_app.Urls.First());
    public Uri StreamBase => new(_app.Urls.First().Replace("http://", "ws://"));

    public async Task StartAsync() => await _app.StartAsync();

    public void Send(string json) => _messages.Writer.TryWrite(json);

    /// <summary>Drops the current connection without a close frame.</summary>
    public void Kill() => _messages.Writer.TryWrite(null);

    /// <summary>True (and a 429 written) when the test asked for a rate limit on this request.</summary>
    public bool RateLimited(HttpContext http)
    {
        Requests.Enqueue(http.Request.Path + http.Request.QueryString);
        if (Interlocked.Decrement(ref RateLimitNext) < 0)
        {
            Interlocked.Exchange(ref RateLimitNext, 0);
            return false;
        }
        http.Response.Headers.RetryAfter = "1";
        return true;
    }

    /// <summary>True (and the reset header written) when the test asked for a rate limit in the body of this answer.</summary>
    public bool BodyRateLimited(HttpContext http)
    {
        if (Interlocked.Decrement(ref BodyRateLimitNext) < 0)
        {
            Interlocked.Exchange(ref BodyRateLimitNext, 0);
            return false;
        }
        if (LimitReset is { } reset) http.Response.Headers["X-Bapi-Limit-Reset-Timestamp"] = reset.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-Bapi-Limit-Status"] = "0";
        http.Response.Headers["X-Bapi-Limit"] = "600";
        return true;
    }

    public async Task StreamAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest) { context.Response.StatusCode = 400; return; }
        Interlocked.Increment(ref Connections);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var reading = ReadClientAsync(socket, context.RequestAborted);
        var reader = _messages.Reader;
        try
        {
            while (await reader.WaitToReadAsync(context.RequestAborted))
            {
                if (!reader.TryRead(out string? message)) continue;
                if (message is null)
                {
                    context.Abort();
                    return;
                }
                await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, context.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
        {
        }
        await reading;
    }

    private async Task ReadClientAsync(WebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[8192];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, ct);
                if (result.MessageType == WebSocketMessageType.Close) return;
                ClientMessages.Enqueue(Encoding.UTF8.GetString(buffer, 0, result.Count));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
        {
        }
    }

    public static string D(decimal d) => d.ToString("0.########", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        _messages.Writer.TryComplete();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
