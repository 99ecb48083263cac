using System.Globalization;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using Velocitas.Engine.Live;

namespace Velocitas.Engine.Market.Exchanges.Coinbase;

/// <summary>
/// Coinbase Exchange spot. Symbols: Coinbase product ids are BASE-QUOTE (BTC-USD); a bare coin means its USD product
/// (BTC → BTC-USD, stored as BTCUSD), a pair keeps its quote (BTCUSDT → BTC-USDT). History: GET
/// /products/{id}/candles?granularity=seconds&amp;start=&amp;end= (ISO 8601), at most 300 buckets per call, rows
/// [time, low, high, open, close, volume] newest first; intervals where nothing traded have no row. Live: the
/// WebSocket feed's matches channel, built into candles, with the heartbeat channel closing quiet candles.
/// </summary>
public sealed class CoinbaseExchange : ExchangeBase
{
    /// <summary>The most buckets Coinbase returns per call.</summary>
    public const int MaxCandles = 300;

    private static readonly Timeframe[] Supported = Frames("1m", "5m", "15m", "1h", "6h", "1d");
    private readonly Func<ClientWebSocket>? _socketFactory;

    /// <summary>Creates the client (Coinbase rejects requests without a User-Agent, so one is set when missing).</summary>
    public CoinbaseExchange(HttpClient http, CoinbaseOptions? options = null, TimeProvider? clock = null, Func<ClientWebSocket>? socketFactory = null)
        : base("Coinbase Exchange", http, clock, new ExchangePolicyOptions
        {
            FirstReconnectDelay = (options ?? new CoinbaseOptions()).InitialBackoff,
            MaxReconnectDelay = (options ?? new CoinbaseOptions()).MaxBackoff,
        })
    {
        Options = options ?? new CoinbaseOptions();
        _socketFactory = socketFactory;
        if (http.DefaultRequestHeaders.UserAgent.Count == 0) http.DefaultRequestHeaders.UserAgent.ParseAdd("Velocitas/1.0");
    }

    /// <summary>Base URLs and settings.</summary>
    public CoinbaseOptions Options { get; }

    /// <inheritdoc />
    public override string Name => "coinbase";

    /// <inheritdoc />
    public override IReadOnlyList<Timeframe> Intervals => Supported;

    /// <inheritdoc />
    protected override string DefaultQuote => "USD";

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<ExchangeSymbol>> LoadSymbolsAsync(CancellationToken ct)
    {
        using var doc = await Policy.GetJsonAsync(Http, $"{Options.RestBaseUrl.ToString().TrimEnd('/')}/products", ct);
        return Policy.Read("a product list", () =>
        {
            var list = new List<ExchangeSymbol>();
            foreach (var p in doc.RootElement.EnumerateArray())
            {
                var pair = new Symbol(p.GetProperty("base_currency").GetString()!, p.GetProperty("quote_currency").GetString()!);
                bool trading = p.GetProperty("status").GetString() == "online" && !(p.TryGetProperty("trading_disabled", out var d) && d.GetBoolean());
                decimal min = p.TryGetProperty("base_min_size", out var m) ? Dec(m) : 0;
                list.Add(new ExchangeSymbol(pair.Code, p.GetProperty("id").GetString()!, pair.Base, pair.Quote,
                    Dec(p.GetProperty("quote_increment")), Dec(p.GetProperty("base_increment")), min, trading));
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
        long granularity = (long)interval.Duration.TotalSeconds;
        var window = interval.Duration * MaxCandles;
        for (var cursor = from; cursor < to; cursor += window)
        {
            var end = cursor + window < to ? cursor + window : to;
            // start and end are both bucket times: 300 buckets are start .. start + 299 * granularity
            string url = $"{Options.RestBaseUrl.ToString().TrimEnd('/')}/products/{symbol.NativeId}/candles?granularity={granularity}" +
                $"&start={Iso(cursor)}&end={Iso(end - interval.Duration)}";
            using var doc = await Policy.GetJsonAsync(Http, url, ct);
            var (pageFrom, pageTo, at) = (cursor, end, Clock.GetUtcNow());
            var candles = Policy.Read("a candles page", () =>
            {
                var rows = new List<Candle>();
                foreach (var row in doc.RootElement.EnumerateArray())
                {
                    var c = new Candle(DateTimeOffset.FromUnixTimeSeconds(row[0].GetInt64()), Dec(row[3]), Dec(row[2]), Dec(row[1]), Dec(row[4]), row[5].GetDouble());
                    if (IsWanted(c, interval, pageFrom, pageTo, at)) rows.Add(c); // Coinbase may add buckets before start
                }
                return rows;
            });
            candles.Sort((a, b) => a.Time.CompareTo(b.Time)); // Coinbase lists newest first
            yield return new KlinePage(candles, end, "rest");
        }
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override IMarketFeed CreateFeed(IReadOnlyList<ExchangeSymbol> symbols, Timeframe interval) =>
        new CoinbaseFeed(this, symbols, interval, _socketFactory);
}
