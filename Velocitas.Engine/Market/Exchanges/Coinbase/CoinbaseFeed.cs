using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Velocitas.Engine.Live;

namespace Velocitas.Engine.Market.Exchanges.Coinbase;

/// <summary>
/// Coinbase Exchange's WebSocket feed has no candle channel: this feed subscribes to matches (every trade:
/// {"type":"match","product_id":"BTC-USD","price":"..","size":"..","time":".."}) and heartbeat (one message a second per
/// product), builds candles from the trades and closes a candle when its period is over.
/// </summary>
public sealed class CoinbaseFeed(CoinbaseExchange exchange, IReadOnlyList<ExchangeSymbol> symbols, Timeframe interval, Func<ClientWebSocket>? socketFactory = null)
    : ExchangeStreamFeed(exchange, symbols, interval, new StreamSettings { ReceiveTimeout = exchange.Options.ReceiveTimeout }, exchange.ClockForFeeds, socketFactory)
{
    /// <inheritdoc />
    protected override Uri StreamUri() => exchange.Options.StreamBaseUrl;

    /// <inheritdoc />
    protected override IEnumerable<string> SubscribeMessages()
    {
        yield return JsonSerializer.Serialize(new { type = "subscribe", product_ids = Markets.Select(m => m.NativeId).ToArray(), channels = new[] { "matches", "heartbeat" } });
    }

    /// <inheritdoc />
    protected override string ConnectedMessage => $"{Symbols.Count} product(s), {Timeframe.Code} candles built from matches";

    /// <inheritdoc />
    protected override bool Read(JsonElement root, IMarketEventSink sink)
    {
        string? type = root.GetProperty("type").GetString();
        switch (type)
        {
            case "match":
            case "last_match":
            {
                if (Market(root.GetProperty("product_id").GetString()) is not { } m) return false;
                var time = DateTimeOffset.Parse(root.GetProperty("time").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
                EmitTrade(sink, m.Code, time, ExchangeBase.Dec(root.GetProperty("price")), double.Parse(root.GetProperty("size").GetString()!, CultureInfo.InvariantCulture));
                return true;
            }
            case "heartbeat":
            case "subscriptions":
                return false;
            case "error":
                Malformed($"Coinbase: {(root.TryGetProperty("message", out var msg) ? msg.GetString() : "error")} {(root.TryGetProperty("reason", out var r) ? r.GetString() : "")}".Trim());
                return false;
            default:
                Malformed($"unknown message type '{type}'");
                return false;
        }
    }
}
