using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Velocitas.Engine.Live;

namespace Velocitas.Web.Api;

/// <summary>WebSocket streams of the original service: /ws/metrics (every second) and /ws/trades (each trade as it happens).</summary>
public static class LiveSockets
{
    /// <summary>Maps the two streams.</summary>
    public static IEndpointRouteBuilder MapLiveSockets(this IEndpointRouteBuilder app)
    {
        app.Map("/ws/metrics", MetricsAsync);
        app.Map("/ws/trades", TradesAsync);
        return app;
    }

    private static async Task MetricsAsync(HttpContext context, LiveEngine engine, TimeProvider clock)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("This is a WebSocket endpoint: connect with ws://.../ws/metrics.");
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var ct = context.RequestAborted;
        var reading = DrainIncomingAsync(socket, ct);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        try
        {
            do
            {
                var s = engine.Snapshot;
                var payload = new
                {
                    type = "metrics",
                    global_metrics = new
                    {
                        status = s.State.ToString().ToLowerInvariant(),
                        data_source = s.Feed?.Name,
                        feed_status = s.Feed?.Status.ToString().ToLowerInvariant(),
                        total_pnl = s.Overall.TotalPnl,
                        realized_pnl = s.Overall.Realized,
                        unrealized_pnl = s.Overall.Unrealized,
                        fees = s.Overall.Fees,
                        equity = s.Overall.Equity,
                        total_trades = s.Overall.Trades,
                        win_rate = s.Overall.WinRatePct,
                        prices = s.LastPrices,
                        events_per_second = s.Pipeline.EventsPerSecond,
                        conflated_ticks = s.Pipeline.ConflatedTicks,
                        time = s.Time,
                    },
                    strategies = s.Instances.Select(LiveApi.Instance),
                };
                await SendAsync(socket, payload, ct);
            }
            while (!reading.IsCompleted && await timer.WaitForNextTickAsync(ct));
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
        await CloseAsync(socket);
    }

    private static async Task TradesAsync(HttpContext context, LiveEngine engine)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("This is a WebSocket endpoint: connect with ws://.../ws/trades.");
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var ct = context.RequestAborted;
        // a slow client never slows the engine: the channel is bounded and the oldest undelivered trades make room (counted)
        var channel = Channel.CreateBounded<LiveTrade>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        long dropped = 0;
        using var subscription = engine.SubscribeTrades(t =>
        {
            if (!channel.Writer.TryWrite(t)) Interlocked.Increment(ref dropped);
        });
        var reading = DrainIncomingAsync(socket, ct);
        try
        {
            await SendAsync(socket, new { type = "hello", stream = "trades" }, ct);
            while (!reading.IsCompleted)
            {
                var wait = channel.Reader.WaitToReadAsync(ct).AsTask();
                if (await Task.WhenAny(wait, reading) == reading) break;
                if (!await wait) break;
                while (channel.Reader.TryRead(out var trade))
                    await SendAsync(socket, new { type = "trade", trade = LiveApi.Trade(trade) }, ct);
                long lost = Interlocked.Exchange(ref dropped, 0);
                if (lost > 0) await SendAsync(socket, new { type = "dropped", count = lost }, ct);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
        await CloseAsync(socket);
    }

    private static Task SendAsync(WebSocket socket, object payload, CancellationToken ct) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(payload, OriginalJson.Options), WebSocketMessageType.Text, true, ct);

    /// <summary>Reads (and ignores) what the client sends until it closes.</summary>
    private static async Task DrainIncomingAsync(WebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var r = await socket.ReceiveAsync(buffer, ct);
                if (r.MessageType == WebSocketMessageType.Close) return;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
    }

    private static async Task CloseAsync(WebSocket socket)
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closing", CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }
    }
}
