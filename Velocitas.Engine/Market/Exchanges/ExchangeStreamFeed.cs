using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Velocitas.Engine.Live;

namespace Velocitas.Engine.Market.Exchanges;

/// <summary>
/// A live WebSocket feed of one exchange. This base holds what every exchange shares: warm-up and gap fill from the
/// exchange's history client, the shared <see cref="ReconnectLoop"/> with the <see cref="ExchangePolicy"/> back-off, renewal before the
/// connection's maximum age, a receive timeout, application pings, malformed messages skipped and counted, and the
/// rules that turn kline updates or trades into candle-opened, tick and candle-closed events (a candle is closed
/// once, never twice, also across a gap fill). Subclasses say only where to connect, what to send and how to read.
/// </summary>
public abstract class ExchangeStreamFeed : IMarketFeed
{
    private readonly Func<ClientWebSocket> _socketFactory;
    private readonly Dictionary<string, DateTimeOffset> _openStart = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastClosed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CandleAggregator> _aggregators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExchangeSymbol> _byNative = new(StringComparer.OrdinalIgnoreCase);
    private long _malformed;

    /// <summary>Creates the feed of <paramref name="symbols"/> on <paramref name="exchange"/>.</summary>
    protected ExchangeStreamFeed(IExchange exchange, IReadOnlyList<ExchangeSymbol> symbols, Timeframe interval, StreamSettings? settings, TimeProvider? clock, Func<ClientWebSocket>? socketFactory)
    {
        if (symbols.Count == 0) throw new FeedException($"The {exchange.DisplayName} feed needs at least one coin.");
        if (!exchange.Intervals.Contains(interval))
            throw new FeedException($"{exchange.DisplayName} has no {interval.Code} candles; use {string.Join(", ", exchange.Intervals.Select(i => i.Code))}.");
        Exchange = exchange;
        Markets = symbols.DistinctBy(s => s.Code).ToList();
        Symbols = Markets.Select(s => s.Code).ToList();
        foreach (var m in Markets) _byNative[m.NativeId] = m;
        Timeframe = interval;
        Settings = settings ?? new StreamSettings();
        Clock = clock ?? TimeProvider.System;
        _socketFactory = socketFactory ?? (() => new ClientWebSocket());
        Health.Exchange = exchange.Name;
        Health.Traffic = exchange.Policy.Traffic;
    }

    /// <summary>The exchange whose history fills gaps and warms up.</summary>
    protected IExchange Exchange { get; }

    /// <summary>The markets streamed.</summary>
    public IReadOnlyList<ExchangeSymbol> Markets { get; }

    /// <summary>Connection settings.</summary>
    protected StreamSettings Settings { get; }

    /// <summary>Clock of the feed.</summary>
    protected TimeProvider Clock { get; }

    /// <inheritdoc />
    public virtual string Name => Exchange.Name;

    /// <inheritdoc />
    public IReadOnlyList<string> Symbols { get; }

    /// <inheritdoc />
    public Timeframe Timeframe { get; }

    /// <inheritdoc />
    public FeedHealth Health { get; } = new();

    /// <summary>Messages that could not be understood and were skipped.</summary>
    public long MalformedMessages => Interlocked.Read(ref _malformed);

    /// <summary>The WebSocket address (with the stream names in it for exchanges that take them in the URL).</summary>
    protected abstract Uri StreamUri();

    /// <summary>Messages sent once connected (subscriptions).</summary>
    protected virtual IEnumerable<string> SubscribeMessages() => [];

    /// <summary>An application-level ping sent every <see cref="StreamSettings.PingInterval"/>, or null.</summary>
    protected virtual string? PingMessage => null;

    /// <summary>What the status shows once connected.</summary>
    protected virtual string ConnectedMessage => $"{Symbols.Count} symbol(s), {Timeframe.Code} candles";

    /// <summary>
    /// Reads one message: calls <see cref="EmitKline"/> / <see cref="EmitTrade"/>. Returns true when it carried market
    /// data, false for control messages (subscription answers, pongs, heartbeats); throws (any parse error) or calls
    /// <see cref="Malformed"/> for messages that make no sense.
    /// </summary>
    protected abstract bool Read(JsonElement root, IMarketEventSink sink);

    /// <summary>The market of an exchange id in a message; null (and counted as malformed) when not subscribed.</summary>
    protected ExchangeSymbol? Market(string? nativeId)
    {
        if (nativeId is not null && _byNative.TryGetValue(nativeId, out var m)) return m;
        Malformed($"a message for {nativeId ?? "no symbol"}, which is not subscribed");
        return null;
    }

    /// <summary>Counts a message that could not be understood.</summary>
    protected void Malformed(string why)
    {
        long n = Interlocked.Increment(ref _malformed);
        Health.Set(Health.Status, $"skipped {n} malformed message(s); last: {why}");
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Candle>> WarmUpAsync(string symbol, int candles, CancellationToken cancellationToken)
    {
        var market = Markets.FirstOrDefault(m => m.Code == symbol);
        if (market is null || candles <= 0) return [];
        var now = Clock.GetUtcNow();
        // twice the candles asked for plus an hour: a quiet market or a short outage still leaves enough closed candles
        var from = now - (Timeframe.Duration * ((2 * candles) + 2)) - TimeSpan.FromHours(1);
        var result = new List<Candle>();
        Health.Set(FeedStatus.Connecting, $"warming {symbol} up from {Exchange.DisplayName} history");
        await foreach (var page in Exchange.GetKlinesAsync(market, Timeframe, from, now, cancellationToken).WithCancellation(cancellationToken))
        {
            result.AddRange(page.Candles);
        }
        if (Exchange.Policy.Traffic.LastWait is { } wait && Exchange.Policy.Traffic.RateLimitWaits > 0) Health.Set(FeedStatus.Connecting, wait);
        var closed = result.TakeLast(candles).ToList();
        if (closed.Count > 0)
        {
            lock (_lastClosed) _lastClosed[symbol] = closed[^1].Time;
        }
        return closed;
    }

    /// <inheritdoc />
    public Task RunAsync(IMarketEventSink sink, CancellationToken cancellationToken) =>
        new ReconnectLoop(Exchange.Policy, Health).RunAsync(async (attempt, ct) =>
        {
            if (!attempt.First) await FillGapAsync(sink, ct);
            await ReceiveAsync(sink, attempt, ct);
        }, cancellationToken);

    /// <summary>Connects and reads until the connection ends (marking the attempt once it delivered data).</summary>
    private async Task ReceiveAsync(IMarketEventSink sink, FeedAttempt attempt, CancellationToken ct)
    {
        var uri = StreamUri();
        using var socket = _socketFactory();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
        Health.Set(FeedStatus.Connecting, $"connecting to {uri.Host}");
        await socket.ConnectAsync(uri, ct);
        using var sendLock = new SemaphoreSlim(1, 1);
        foreach (string message in SubscribeMessages()) await SendAsync(socket, sendLock, message, ct);
        Health.Set(FeedStatus.Connected, ConnectedMessage);
        using var stopPings = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pings = PingMessage is { } ping ? PingAsync(socket, sendLock, ping, stopPings.Token) : Task.CompletedTask;
        try
        {
            await ReadLoopAsync(socket, sink, attempt, ct);
        }
        finally
        {
            await stopPings.CancelAsync();
            await pings;
        }
    }

    private async Task ReadLoopAsync(ClientWebSocket socket, IMarketEventSink sink, FeedAttempt attempt, CancellationToken ct)
    {
        var connectedAt = Clock.GetUtcNow();
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        while (socket.State == WebSocketState.Open && !ct.IsCancellationRequested)
        {
            if (Clock.GetUtcNow() - connectedAt > Settings.MaxConnectionAge)
            {
                Health.Set(FeedStatus.Reconnecting, $"renewing the connection before {Exchange.DisplayName}'s connection age limit");
                await CloseQuietly(socket);
                attempt.Delivered(); // a connection that lived its whole age was healthy
                return;
            }
            buffer.ResetWrittenCount();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Settings.ReceiveTimeout);
            ValueWebSocketReceiveResult result;
            do
            {
                try
                {
                    result = await socket.ReceiveAsync(buffer.GetMemory(8192), timeout.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    // a half-open connection says nothing: after the receive timeout it is dropped and opened again
                    throw new TimeoutException($"no message from {Exchange.DisplayName} for {Settings.ReceiveTimeout.TotalSeconds:0.#} s");
                }
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Health.Set(FeedStatus.Reconnecting, $"{Exchange.DisplayName} closed the connection ({socket.CloseStatus} {socket.CloseStatusDescription})");
                    await CloseQuietly(socket);
                    return;
                }
                buffer.Advance(result.Count);
            }
            while (!result.EndOfMessage);
            if (Handle(buffer.WrittenSpan, sink)) attempt.Delivered();
            CloseDue(sink, Clock.GetUtcNow());
            Health.Received(Clock.GetUtcNow());
        }
    }

    private async Task PingAsync(ClientWebSocket socket, SemaphoreSlim sendLock, string ping, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                await Task.Delay(Settings.PingInterval, Clock, ct);
                await SendAsync(socket, sendLock, ping, ct);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
        }
    }

    private static async Task SendAsync(ClientWebSocket socket, SemaphoreSlim sendLock, string message, CancellationToken ct)
    {
        await sendLock.WaitAsync(ct);
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, ct);
        }
        finally
        {
            sendLock.Release();
        }
    }

    private static async Task CloseQuietly(WebSocket socket)
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException)
        {
        }
    }

    /// <summary>Reads one raw message; false (and counted) when it is malformed or carries no market data.</summary>
    internal bool Handle(ReadOnlySpan<byte> json, IMarketEventSink sink)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var doc = JsonDocument.ParseValue(ref reader);
            return Read(doc.RootElement, sink);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException or IndexOutOfRangeException)
        {
            Malformed(ex.Message);
            return false;
        }
    }

    /// <summary>Emits a kline update: opened (once per candle), a tick when <paramref name="tick"/>, closed (once).</summary>
    protected void EmitKline(IMarketEventSink sink, string symbol, in Candle candle, bool closed, bool tick = true)
    {
        lock (_lastClosed)
        {
            if (_lastClosed.TryGetValue(symbol, out var last) && candle.Time <= last) return; // already closed (replayed after a gap fill)
            if (!_openStart.TryGetValue(symbol, out var open) || candle.Time > open)
            {
                _openStart[symbol] = candle.Time;
                sink.Publish(MarketEvent.Opened(symbol, candle.Time, candle.Open));
            }
            if (tick) sink.Publish(MarketEvent.Tick(symbol, Clock.GetUtcNow(), candle.Close));
            if (closed)
            {
                _lastClosed[symbol] = candle.Time;
                sink.Publish(MarketEvent.Closed(symbol, candle));
            }
        }
    }

    /// <summary>Emits a trade as a tick and builds candles from trades (exchanges without a kline stream).</summary>
    protected void EmitTrade(IMarketEventSink sink, string symbol, DateTimeOffset time, decimal price, double quantity)
    {
        lock (_lastClosed)
        {
            if (_lastClosed.TryGetValue(symbol, out var last) && time < last + Timeframe.Duration) return; // inside a candle already closed
            if (!_aggregators.TryGetValue(symbol, out var agg)) _aggregators[symbol] = agg = new CandleAggregator(symbol, Timeframe);
            var (accepted, closedCandle, opened) = agg.Add(time, price, quantity);
            if (!accepted) return;
            if (closedCandle is { } c) EmitKline(sink, symbol, c, closed: true, tick: false);
            if (opened)
            {
                var start = agg.PeriodStart(time);
                _openStart[symbol] = start;
                sink.Publish(MarketEvent.Opened(symbol, start, price));
            }
            sink.Publish(MarketEvent.Tick(symbol, time, price));
        }
    }

    /// <summary>Closes trade-built candles whose period is over.</summary>
    private void CloseDue(IMarketEventSink sink, DateTimeOffset now)
    {
        lock (_lastClosed)
        {
            foreach (var (symbol, agg) in _aggregators)
            {
                if (agg.CloseIfDue(now) is { } due) EmitKline(sink, symbol, due, closed: true, tick: false);
            }
        }
    }

    /// <summary>After a reconnect: emits the candles that closed while disconnected, from the exchange's history.</summary>
    private async Task FillGapAsync(IMarketEventSink sink, CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        foreach (var market in Markets)
        {
            DateTimeOffset? since;
            lock (_lastClosed) since = _lastClosed.TryGetValue(market.Code, out var t) ? t : null;
            if (since is null) continue;
            int filled = 0;
            await foreach (var page in Exchange.GetKlinesAsync(market, Timeframe, since.Value + Timeframe.Duration, now, ct).WithCancellation(ct))
            {
                foreach (var candle in page.Candles)
                {
                    lock (_lastClosed) _aggregators.Remove(market.Code); // the history replaces what trades had built
                    EmitKline(sink, market.Code, candle, closed: true, tick: false);
                    filled++;
                }
            }
            if (filled > 0) Health.Set(FeedStatus.Reconnecting, $"filled {filled} candle(s) of {market.Code} missed while disconnected");
        }
    }
}
