using System.Net.WebSockets;
using System.Text.Json;
using Velocitas.Engine.Market;
using Velocitas.Engine.Market.Exchanges;
using Velocitas.Engine.Market.Exchanges.Binance;

namespace Velocitas.Engine.Live.Binance;

/// <summary>
/// Live Binance market data: klines from the exchange's history to warm strategies up, then the combined WebSocket
/// stream (/stream?streams=btcusdt@kline_1m/btcusdt@trade) of kline and trade events for all symbols. Reconnection,
/// gap fill, the 24-hour renewal and malformed messages are handled by <see cref="ExchangeStreamFeed"/>.
/// </summary>
public sealed class BinanceFeed : ExchangeStreamFeed
{
    private readonly BinanceExchange _exchange;

    /// <summary>Creates the feed for <paramref name="symbols"/> (coins or pairs).</summary>
    public BinanceFeed(IEnumerable<string> symbols, HttpClient http, BinanceOptions? options = null, TimeProvider? clock = null, Func<ClientWebSocket>? socketFactory = null)
        : this(new BinanceExchange(http, options, clock, socketFactory), Provisional(symbols), (options ?? new BinanceOptions()).Interval, socketFactory)
    {
    }

    /// <summary>Creates the feed of markets already resolved on <paramref name="exchange"/>.</summary>
    public BinanceFeed(BinanceExchange exchange, IReadOnlyList<ExchangeSymbol> symbols, Timeframe interval, Func<ClientWebSocket>? socketFactory = null)
        : base(exchange, symbols, Checked(interval), new StreamSettings { MaxConnectionAge = exchange.Options.MaxConnectionAge, ReceiveTimeout = exchange.Options.ReceiveTimeout }, ClockOf(exchange), socketFactory)
    {
        _exchange = exchange;
    }

    /// <summary>Tick and lot sizes of the symbols, once <see cref="ValidateAsync"/> ran.</summary>
    public IReadOnlyList<SymbolRules> Rules { get; private set; } = [];

    /// <summary>Checks with exchangeInfo that every symbol is listed; stores tick and lot sizes.</summary>
    public async Task ValidateAsync(CancellationToken ct) => Rules = await _exchange.Rest.GetExchangeInfoAsync(Markets.Select(m => m.NativeId).ToList(), ct);

    private bool TradeStreams => _exchange.Options.TradeStreams;

    /// <inheritdoc />
    protected override string ConnectedMessage => $"{Symbols.Count} symbol(s), {Timeframe.Code} klines{(TradeStreams ? " + trades" : "")}";

    /// <inheritdoc />
    protected override Uri StreamUri()
    {
        string interval = BinanceMarketData.IntervalCode(Timeframe);
        var streams = Markets.SelectMany(m => TradeStreams
            ? new[] { $"{m.NativeId.ToLowerInvariant()}@kline_{interval}", $"{m.NativeId.ToLowerInvariant()}@trade" }
            : [$"{m.NativeId.ToLowerInvariant()}@kline_{interval}"]);
        return new Uri($"{_exchange.Options.StreamBaseUrl.ToString().TrimEnd('/')}/stream?streams={string.Join('/', streams)}");
    }

    /// <inheritdoc />
    protected override bool Read(JsonElement root, IMarketEventSink sink)
    {
        var data = root.TryGetProperty("data", out var d) ? d : root;
        string? type = data.TryGetProperty("e", out var e) ? e.GetString() : null;
        switch (type)
        {
            case "trade":
            {
                if (Market(data.GetProperty("s").GetString()) is not { } m) return false;
                var time = DateTimeOffset.FromUnixTimeMilliseconds(data.GetProperty("T").GetInt64());
                sink.Publish(MarketEvent.Tick(m.Code, time, BinanceMarketData.Dec(data.GetProperty("p"))));
                return true;
            }
            case "kline":
            {
                var k = data.GetProperty("k");
                if (Market(k.GetProperty("s").GetString()) is not { } m) return false;
                var start = DateTimeOffset.FromUnixTimeMilliseconds(k.GetProperty("t").GetInt64());
                var candle = new Candle(start, BinanceMarketData.Dec(k.GetProperty("o")), BinanceMarketData.Dec(k.GetProperty("h")),
                    BinanceMarketData.Dec(k.GetProperty("l")), BinanceMarketData.Dec(k.GetProperty("c")), (double)BinanceMarketData.Dec(k.GetProperty("v")));
                EmitKline(sink, m.Code, candle, k.GetProperty("x").GetBoolean(), tick: !TradeStreams);
                return true;
            }
            default:
                Malformed($"unknown event type '{type}'");
                return false;
        }
    }

    private static Timeframe Checked(Timeframe interval)
    {
        BinanceMarketData.IntervalCode(interval);
        return interval;
    }

    private static TimeProvider? ClockOf(BinanceExchange exchange) => exchange.ClockForFeeds;

    private static IReadOnlyList<ExchangeSymbol> Provisional(IEnumerable<string> symbols) => symbols
        .Select(s => Symbol.Parse(s))
        .Select(p => new ExchangeSymbol(p.Code, p.Code, p.Base, p.Quote, 0, 0, 0))
        .DistinctBy(s => s.Code)
        .ToList();
}
