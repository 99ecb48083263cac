using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Velocitas.Engine.Live;

namespace Velocitas.Engine.Market.Exchanges.Bybit;

/// <summary>
/// Bybit spot (API v5). Symbols: Bybit's codes, the same as Binance's (BTCUSDT); a bare coin means its USDT pair.
/// History: GET /v5/market/kline?category=spot (at most 1000 per call, newest first, start/end in ms), asked in
/// windows of 1000 candles so that an outage is an empty window, not the end. Answers carry retCode/retMsg; a non-zero
/// retCode is an error with Bybit's message, except 10006 (rate limit), which the exchange policy waits out until X-Bapi-Limit-Reset-Timestamp. Live: kline.{interval}.{symbol} topics on /v5/public/spot with pings.
/// </summary>
public sealed class BybitExchange : ExchangeBase
{
    /// <summary>The most klines Bybit returns per call.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Bybit's retCode for "Too many visits!" (its per-endpoint request limit).</summary>
    public const int RateLimitCode = 10006;

    private static readonly Timeframe[] Supported = Frames("1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "12h", "1d", "1w");
    private readonly Func<ClientWebSocket>? _socketFactory;

    /// <summary>Creates the client.</summary>
    public BybitExchange(HttpClient http, BybitOptions? options = null, TimeProvider? clock = null, Func<ClientWebSocket>? socketFactory = null)
        : base("Bybit", http, clock, new ExchangePolicyOptions
        {
            FirstReconnectDelay = (options ?? new BybitOptions()).InitialBackoff,
            MaxReconnectDelay = (options ?? new BybitOptions()).MaxBackoff,
        })
    {
        Options = options ?? new BybitOptions();
        _socketFactory = socketFactory;
    }

    /// <summary>Base URLs and settings.</summary>
    public BybitOptions Options { get; }

    /// <inheritdoc />
    public override string Name => "bybit";

    /// <inheritdoc />
    public override IReadOnlyList<Timeframe> Intervals => Supported;

    /// <inheritdoc />
    protected override string DefaultQuote => "USDT";

    /// <summary>Bybit's interval code: minutes as a number (1, 60, 720), D for a day, W for a week.</summary>
    public static string IntervalCode(Timeframe interval) => interval.Code switch
    {
        "1d" => "D",
        "1w" => "W",
        _ => ((int)interval.Duration.TotalMinutes).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<ExchangeSymbol>> LoadSymbolsAsync(CancellationToken ct)
    {
        using var doc = await GetAsync("/v5/market/instruments-info?category=spot", ct);
        return Policy.Read("a market list", () =>
        {
            var list = new List<ExchangeSymbol>();
            foreach (var s in doc.RootElement.GetProperty("result").GetProperty("list").EnumerateArray())
            {
                string baseCoin = s.GetProperty("baseCoin").GetString()!, quote = s.GetProperty("quoteCoin").GetString()!;
                var lot = s.GetProperty("lotSizeFilter");
                var pair = new Symbol(baseCoin, quote);
                list.Add(new ExchangeSymbol(pair.Code, s.GetProperty("symbol").GetString()!, pair.Base, pair.Quote,
                    Dec(s.GetProperty("priceFilter").GetProperty("tickSize")), Dec(lot.GetProperty("basePrecision")),
                    lot.TryGetProperty("minOrderQty", out var min) ? Dec(min) : 0, s.GetProperty("status").GetString() == "Trading"));
            }
            return list;
        });
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<KlinePage> GetKlinesAsync(ExchangeSymbol symbol, Timeframe interval, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken ct)
    {
        RequireInterval(interval);
        var now = Clock.GetUtcNow();
        if (to > now) to = now;
        var window = interval.Duration * MaxLimit;
        for (var cursor = from; cursor < to; cursor += window)
        {
            var end = cursor + window < to ? cursor + window : to;
            using var doc = await GetAsync($"/v5/market/kline?category=spot&symbol={symbol.NativeId}&interval={IntervalCode(interval)}" +
                $"&start={cursor.ToUnixTimeMilliseconds()}&end={end.ToUnixTimeMilliseconds() - 1}&limit={MaxLimit}", ct);
            var (pageFrom, pageTo, at) = (cursor, end, Clock.GetUtcNow());
            var candles = Policy.Read("a klines page", () =>
            {
                var rows = new List<Candle>();
                foreach (var k in doc.RootElement.GetProperty("result").GetProperty("list").EnumerateArray())
                {
                    var c = new Candle(DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(k[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture)),
                        Dec(k[1]), Dec(k[2]), Dec(k[3]), Dec(k[4]), (double)Dec(k[5]));
                    if (IsWanted(c, interval, pageFrom, pageTo, at)) rows.Add(c);
                }
                return rows;
            });
            candles.Sort((a, b) => a.Time.CompareTo(b.Time)); // Bybit lists newest first
            yield return new KlinePage(candles, end, "rest");
        }
    }

    /// <summary>
    /// GET a Bybit v5 answer; a non-zero retCode becomes an error carrying Bybit's retMsg. retCode 10006 ("Too many
    /// visits!", sent in a 200 answer) is Bybit's rate limit: the exchange policy waits it out until the
    /// X-Bapi-Limit-Reset-Timestamp the answer carries and asks again (see <see cref="ExchangePolicy.GetJsonAsync(HttpClient, string, Func{JsonElement, HttpResponseMessage, BodyRateLimit?}, CancellationToken, Action{string}?)"/>).
    /// </summary>
    private async Task<JsonDocument> GetAsync(string pathAndQuery, CancellationToken ct)
    {
        string url = Options.RestBaseUrl.ToString().TrimEnd('/') + pathAndQuery;
        var doc = await Policy.GetJsonAsync(Http, url, static (root, response) =>
            RetCode(root) == RateLimitCode ? new BodyRateLimit($"retCode {RateLimitCode} ({RetMsg(root)})", LimitReset(response)) : null, ct);
        int code = RetCode(doc.RootElement);
        if (code == 0) return doc;
        string message = RetMsg(doc.RootElement);
        doc.Dispose();
        if (code == 10001) throw new FeedException($"Bybit refused the request: {message}.");
        throw new HttpRequestException($"Bybit answered retCode {code}: {message}");
    }

    private static int RetCode(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("retCode", out var rc) && rc.ValueKind == JsonValueKind.Number ? rc.GetInt32() : -1;

    private static string RetMsg(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("retMsg", out var m) ? m.GetString() ?? "" : root.GetRawText();

    /// <summary>When Bybit's request budget refills: X-Bapi-Limit-Reset-Timestamp, Unix milliseconds; null when absent.</summary>
    private static DateTimeOffset? LimitReset(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Bapi-Limit-Reset-Timestamp", out var values)
        && long.TryParse(values.FirstOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <inheritdoc />
    public override IMarketFeed CreateFeed(IReadOnlyList<ExchangeSymbol> symbols, Timeframe interval) =>
        new BybitFeed(this, symbols, interval, _socketFactory);
}
