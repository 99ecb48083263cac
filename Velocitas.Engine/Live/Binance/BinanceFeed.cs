using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Velocitas.Engine.Market;

namespace Velocitas.Engine.Live.Binance;

/// <summary>
/// Live Binance market data: REST klines to warm strategies up, then the combined WebSocket stream of kline and
/// trade events for all symbols. Reconnects with exponential backoff (and before the 24-hour cut-off), fills the
/// candles missed while disconnected from REST, honours 429/418 and Retry-After, skips malformed messages.
/// </summary>
public sealed class BinanceFeed : IMarketFeed
{
    private readonly BinanceMarketData _rest;
    private readonly BinanceOptions _options;
    private readonly TimeProvider _clock;
    private readonly Func<ClientWebSocket> _socketFactory;
    private readonly Dictionary<string, DateTimeOffset> _openStart = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastClosed = new(StringComparer.Ordinal);
    private long _malformed;

    /// <summary>Creates the feed for <paramref name="symbols"/> (coins or pairs).</summary>
    public BinanceFeed(IEnumerable<string> symbols, HttpClient http, BinanceOptions? options = null, TimeProvider? clock = null, Func<ClientWebSocket>? socketFactory = null)
    {
        _options = options ?? new BinanceOptions();
        _clock = clock ?? TimeProvider.System;
        _rest = new BinanceMarketData(http, _options, _clock);
        _socketFactory = socketFactory ?? (() => new ClientWebSocket());
        Symbols = symbols.Select(s => Market.Symbol.Parse(s).Code).Distinct().ToList();
        if (Symbols.Count == 0) throw new FeedException("The Binance feed needs at least one coin.");
        BinanceMarketData.IntervalCode(_options.Interval);
    }

    /// <inheritdoc />
    public string Name => "binance";

    /// <inheritdoc />
    public IReadOnlyList<string> Symbols { get; }

    /// <inheritdoc />
    public Timeframe Timeframe => _options.Interval;

    /// <inheritdoc />
    public FeedHealth Health { get; } = new();

    /// <summary>Tick and lot sizes of the symbols, once <see cref="ValidateAsync"/> ran.</summary>
    public IReadOnlyList<SymbolRules> Rules { get; private set; } = [];

    /// <summary>Messages that could not be understood and were skipped.</summary>
    public long MalformedMessages => Interlocked.Read(ref _malformed);

    /// <summary>Checks with exchangeInfo that every symbol is listed; stores tick and lot sizes.</summary>
    public async Task ValidateAsync(CancellationToken ct) => Rules = await _rest.GetExchangeInfoAsync(Symbols, ct);

    /// <inheritdoc />
    public async Task<IReadOnlyList<Candle>> WarmUpAsync(string symbol, int candles, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var klines = await _rest.GetKlinesAsync(symbol, null, null, candles + 1, cancellationToken, m => Health.Set(FeedStatus.Connecting, m));
        var closed = klines.Where(k => k.CloseTime < now).Select(k => k.Candle).TakeLast(candles).ToList();
        if (closed.Count > 0)
        {
            lock (_lastClosed) _lastClosed[symbol] = closed[^1].Time;
        }
        return closed;
    }

    /// <inheritdoc />
    public async Task RunAsync(IMarketEventSink sink, CancellationToken cancellationToken)
    {
        var backoff = _options.InitialBackoff;
        bool first = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!first) await FillGapAsync(sink, cancellationToken);
                first = false;
                bool healthy = await ReceiveAsync(sink, cancellationToken);
                if (healthy) backoff = _options.InitialBackoff;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (RateLimitedException ex)
            {
                Health.Set(FeedStatus.Reconnecting, ex.Message);
                await Delay(ex.RetryAfter, cancellationToken);
                continue;
            }
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException or TimeoutException or OperationCanceledException)
            {
                Health.Set(FeedStatus.Reconnecting, $"connection lost ({ex.Message}); reconnecting in {backoff.TotalSeconds:0.#} s");
            }
            if (cancellationToken.IsCancellationRequested) break;
            await Delay(backoff, cancellationToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
            Health.Reconnected();
        }
        Health.Set(FeedStatus.Stopped, "stopped");
    }

    private async Task Delay(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, _clock, ct);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Connects and reads until the connection ends; true when it delivered data (resets the backoff).</summary>
    private async Task<bool> ReceiveAsync(IMarketEventSink sink, CancellationToken ct)
    {
        string interval = BinanceMarketData.IntervalCode(_options.Interval);
        var streams = Symbols.SelectMany(s => _options.TradeStreams
            ? new[] { $"{s.ToLowerInvariant()}@kline_{interval}", $"{s.ToLowerInvariant()}@trade" }
            : [$"{s.ToLowerInvariant()}@kline_{interval}"]);
        var uri = new Uri($"{_options.StreamBaseUrl.ToString().TrimEnd('/')}/stream?streams={string.Join('/', streams)}");
        using var socket = _socketFactory();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
        Health.Set(FeedStatus.Connecting, $"connecting to {uri.Host}");
        await socket.ConnectAsync(uri, ct);
        Health.Set(FeedStatus.Connected, $"{Symbols.Count} symbol(s), {interval} klines{(_options.TradeStreams ? " + trades" : "")}");
        var connectedAt = _clock.GetUtcNow();
        bool delivered = false;
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        while (socket.State == WebSocketState.Open && !ct.IsCancellationRequested)
        {
            if (_clock.GetUtcNow() - connectedAt > _options.MaxConnectionAge)
            {
                Health.Set(FeedStatus.Reconnecting, "renewing the connection before Binance's 24-hour limit");
                await CloseQuietly(socket);
                return true;
            }
            buffer.ResetWrittenCount();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_options.ReceiveTimeout);
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.GetMemory(8192), timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Health.Set(FeedStatus.Reconnecting, $"Binance closed the connection ({socket.CloseStatus} {socket.CloseStatusDescription})");
                    await CloseQuietly(socket);
                    return delivered;
                }
                buffer.Advance(result.Count);
            }
            while (!result.EndOfMessage);
            if (Handle(buffer.WrittenSpan, sink)) delivered = true;
            Health.Received(_clock.GetUtcNow());
        }
        return delivered;
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

    /// <summary>Turns one combined-stream message into events; false (and counted) when it is malformed.</summary>
    internal bool Handle(ReadOnlySpan<byte> json, IMarketEventSink sink)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var doc = JsonDocument.ParseValue(ref reader);
            var data = doc.RootElement.TryGetProperty("data", out var d) ? d : doc.RootElement;
            string? type = data.TryGetProperty("e", out var e) ? e.GetString() : null;
            switch (type)
            {
                case "trade":
                {
                    string symbol = data.GetProperty("s").GetString()!;
                    var time = DateTimeOffset.FromUnixTimeMilliseconds(data.GetProperty("T").GetInt64());
                    sink.Publish(MarketEvent.Tick(symbol, time, BinanceMarketData.Dec(data.GetProperty("p"))));
                    return true;
                }
                case "kline":
                {
                    var k = data.GetProperty("k");
                    string symbol = k.GetProperty("s").GetString()!;
                    var start = DateTimeOffset.FromUnixTimeMilliseconds(k.GetProperty("t").GetInt64());
                    var candle = new Candle(start, BinanceMarketData.Dec(k.GetProperty("o")), BinanceMarketData.Dec(k.GetProperty("h")),
                        BinanceMarketData.Dec(k.GetProperty("l")), BinanceMarketData.Dec(k.GetProperty("c")), (double)BinanceMarketData.Dec(k.GetProperty("v")));
                    bool closed = k.GetProperty("x").GetBoolean();
                    EmitKline(sink, symbol, candle, closed);
                    return true;
                }
                default:
                    Interlocked.Increment(ref _malformed);
                    return false;
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
        {
            long n = Interlocked.Increment(ref _malformed);
            Health.Set(Health.Status, $"skipped {n} malformed message(s); last: {ex.Message}");
            return false;
        }
    }

    private void EmitKline(IMarketEventSink sink, string symbol, in Candle candle, bool closed)
    {
        lock (_lastClosed)
        {
            if (_lastClosed.TryGetValue(symbol, out var last) && candle.Time <= last) return; // already closed (replayed after a gap fill)
            if (!_openStart.TryGetValue(symbol, out var open) || candle.Time > open)
            {
                _openStart[symbol] = candle.Time;
                sink.Publish(MarketEvent.Opened(symbol, candle.Time, candle.Open));
            }
            if (!_options.TradeStreams) sink.Publish(MarketEvent.Tick(symbol, _clock.GetUtcNow(), candle.Close));
            if (closed)
            {
                _lastClosed[symbol] = candle.Time;
                sink.Publish(MarketEvent.Closed(symbol, candle));
            }
        }
    }

    /// <summary>After a reconnect: emits the candles that closed while disconnected, from REST.</summary>
    private async Task FillGapAsync(IMarketEventSink sink, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        foreach (string symbol in Symbols)
        {
            DateTimeOffset? since;
            lock (_lastClosed) since = _lastClosed.TryGetValue(symbol, out var t) ? t : null;
            if (since is null) continue;
            var klines = await _rest.GetKlinesAsync(symbol, since.Value + _options.Interval.Duration, null, 1000, ct, m => Health.Set(FeedStatus.Reconnecting, m));
            int filled = 0;
            foreach (var (candle, closeTime) in klines)
            {
                if (closeTime >= now) break;
                EmitKline(sink, symbol, candle, closed: true);
                filled++;
            }
            if (filled > 0) Health.Set(FeedStatus.Reconnecting, $"filled {filled} candle(s) of {symbol} missed while disconnected");
        }
    }
}
