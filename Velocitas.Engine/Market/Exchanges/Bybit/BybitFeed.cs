using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Velocitas.Engine.Live;

namespace Velocitas.Engine.Market.Exchanges.Bybit;

/// <summary>
/// Bybit's public spot stream: subscribes to kline.{interval}.{symbol} (ten topics per request, as Bybit allows for
/// spot), pings every 20 s, reads {"topic":"kline.1.BTCUSDT","data":[{"start":..,"open":"..","confirm":false,..}]}.
/// </summary>
public sealed class BybitFeed(BybitExchange exchange, IReadOnlyList<ExchangeSymbol> symbols, Timeframe interval, Func<ClientWebSocket>? socketFactory = null)
    : ExchangeStreamFeed(exchange, symbols, interval, new StreamSettings { PingInterval = exchange.Options.PingInterval, ReceiveTimeout = exchange.Options.ReceiveTimeout, MaxConnectionAge = TimeSpan.FromHours(23.5) },
        exchange.ClockForFeeds, socketFactory)
{
    /// <inheritdoc />
    protected override Uri StreamUri() => new($"{exchange.Options.StreamBaseUrl.ToString().TrimEnd('/')}/v5/public/spot");

    /// <inheritdoc />
    protected override IEnumerable<string> SubscribeMessages()
    {
        string code = BybitExchange.IntervalCode(Timeframe);
        foreach (var chunk in Markets.Select(m => $"kline.{code}.{m.NativeId}").Chunk(10))
            yield return JsonSerializer.Serialize(new { op = "subscribe", args = chunk });
    }

    /// <inheritdoc />
    protected override string PingMessage => """{"op":"ping"}""";

    /// <inheritdoc />
    protected override bool Read(JsonElement root, IMarketEventSink sink)
    {
        if (root.TryGetProperty("op", out var op))
        {
            if (root.TryGetProperty("success", out var ok) && ok.ValueKind == JsonValueKind.False)
                Malformed($"Bybit refused {op.GetString()}: {(root.TryGetProperty("ret_msg", out var m) ? m.GetString() : "no reason")}");
            return false; // subscription answers and pongs
        }
        string topic = root.GetProperty("topic").GetString() ?? "";
        if (!topic.StartsWith("kline.", StringComparison.Ordinal))
        {
            Malformed($"unexpected topic '{topic}'");
            return false;
        }
        if (Market(topic[(topic.LastIndexOf('.') + 1)..]) is not { } market) return false;
        foreach (var k in root.GetProperty("data").EnumerateArray())
        {
            var candle = new Candle(DateTimeOffset.FromUnixTimeMilliseconds(k.GetProperty("start").GetInt64()),
                ExchangeBase.Dec(k.GetProperty("open")), ExchangeBase.Dec(k.GetProperty("high")), ExchangeBase.Dec(k.GetProperty("low")),
                ExchangeBase.Dec(k.GetProperty("close")), double.Parse(k.GetProperty("volume").GetString()!, CultureInfo.InvariantCulture));
            EmitKline(sink, market.Code, candle, k.GetProperty("confirm").GetBoolean());
        }
        return true;
    }
}
