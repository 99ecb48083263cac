using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Velocitas.Engine.Live;

namespace Velocitas.Web.Api;

/// <summary>WebSocket streams: the original /ws/metrics (every second) and /ws/trades (each trade as it happens), and /ws/alerts (each copilot alert).</summary>
public static class LiveSockets
{
    /// <summary>Maps the two streams.</summary>
    public static IEndpointRouteBuilder MapLiveSockets(this IEndpointRouteBuilder app)
    {
        app.Map("/ws/metrics", MetricsAsync);
        app.Map("/ws/trades", TradesAsync);
        app.Map("/ws/alerts", AlertsAsync);
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
        // end with the request or when the app shuts down (a WebSocket would otherwise hold the shutdown up)
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted,
            context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        var ct = stopping.Token;
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

    private static Task TradesAsync(HttpContext context, LiveEngine engine) =>
        StreamAsync<LiveTrade>(context, "trades", engine.SubscribeTrades, t => new { type = "trade", trade = LiveApi.Trade(t) });

    private static Task AlertsAsync(HttpContext context, Velocitas.Web.Services.Copilot.CopilotService copilot) =>
        StreamAsync<Velocitas.Data.Storage.StoredAlert>(context, "alerts", copilot.Subscribe, a => new { type = "alert", alert = CopilotApi.Alert(a) });

    /// <summary>
    /// Sends each item of a subscription as it happens. A slow client never slows the producer: the channel is bounded
    /// and the oldest undelivered items make room (the client is told how many it missed).
    /// </summary>
    private static async Task StreamAsync<T>(HttpContext context, string stream, Func<Action<T>, IDisposable> subscribe, Func<T, object> message)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync($"This is a WebSocket endpoint: connect with ws://.../ws/{stream}.");
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        // end with the request or when the app shuts down (a WebSocket would otherwise hold the shutdown up)
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted,
            context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        var ct = stopping.Token;
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        long dropped = 0;
        using var subscription = subscribe(item =>
        {
            if (channel.Reader.Count >= 1000) Interlocked.Increment(ref dropped);
            channel.Writer.TryWrite(item);
        });
        var reading = DrainIncomingAsync(socket, ct);
        try
        {
            await SendAsync(socket, new { type = "hello", stream }, ct);
            while (!reading.IsCompleted)
            {
                var wait = channel.Reader.WaitToReadAsync(ct).AsTask();
                if (await Task.WhenAny(wait, reading) == reading) break;
                if (!await wait) break;
                while (channel.Reader.TryRead(out var item)) await SendAsync(socket, message(item), ct);
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
