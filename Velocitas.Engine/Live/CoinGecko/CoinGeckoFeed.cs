using System.Text.Json;
using Velocitas.Engine.Market;
using Velocitas.Engine.Market.Exchanges;

namespace Velocitas.Engine.Live.CoinGecko;

/// <summary>
/// Polls CoinGecko's simple price endpoint for all coins at once within the rate limit, builds candles from the
/// prices (a candle closes when its period is over), warms up from the OHLC endpoint, honours 429 and Retry-After.
/// CoinGecko quotes in US dollars; the coins are shown as their USDT pairs so strategies match other feeds. A failed
/// poll is retried by the same <see cref="ReconnectLoop"/> as the exchanges' streams (back-off from one poll interval).
/// </summary>
public sealed class CoinGeckoFeed : IMarketFeed
{
    private static readonly Dictionary<string, string> Ids = new(StringComparer.OrdinalIgnoreCase)
    {
        ["BTC"] = "bitcoin", ["ETH"] = "ethereum", ["SOL"] = "solana", ["BNB"] = "binancecoin", ["XRP"] = "ripple",
        ["ADA"] = "cardano", ["DOGE"] = "dogecoin", ["AVAX"] = "avalanche-2", ["DOT"] = "polkadot", ["LINK"] = "chainlink",
        ["LTC"] = "litecoin", ["TRX"] = "tron", ["MATIC"] = "matic-network", ["SHIB"] = "shiba-inu", ["ATOM"] = "cosmos",
        ["UNI"] = "uniswap", ["XLM"] = "stellar", ["BCH"] = "bitcoin-cash", ["NEAR"] = "near", ["APT"] = "aptos",
    };

    private readonly HttpClient _http;
    private readonly CoinGeckoOptions _options;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, string> _idBySymbol;
    private readonly ExchangePolicy _policy;

    /// <summary>Creates the feed; throws <see cref="FeedException"/> for a coin CoinGecko is not mapped for.</summary>
    public CoinGeckoFeed(IEnumerable<string> symbols, HttpClient http, CoinGeckoOptions? options = null, TimeProvider? clock = null)
    {
        _http = http;
        _options = options ?? new CoinGeckoOptions();
        _clock = clock ?? TimeProvider.System;
        // a failed poll is not retried at once: the reconnect loop polls again after the back-off (from one poll interval,
        // doubling), a 429 waits its Retry-After
        var longest = TimeSpan.FromSeconds(60) > _options.PollInterval ? TimeSpan.FromSeconds(60) : _options.PollInterval;
        _policy = new ExchangePolicy("CoinGecko", _clock, new ExchangePolicyOptions { MaxRetries = 0, FirstReconnectDelay = _options.PollInterval, MaxReconnectDelay = longest });
        Health.Exchange = "coingecko";
        Health.Traffic = _policy.Traffic;
        _idBySymbol = new(StringComparer.Ordinal);
        foreach (string s in symbols)
        {
            var symbol = Market.Symbol.Parse(s);
            if (!Ids.TryGetValue(symbol.Base, out string? id))
                throw new FeedException($"CoinGecko: no coin id known for {symbol.Base}; supported: {string.Join(", ", Ids.Keys.Order())}.");
            _idBySymbol[symbol.Code] = id;
        }
        if (_idBySymbol.Count == 0) throw new FeedException("The CoinGecko feed needs at least one coin.");
        Symbols = _idBySymbol.Keys.ToList();
        if (_options.PollInterval < TimeSpan.FromSeconds(2)) throw new FeedException("CoinGecko's poll interval must be at least 2 seconds to stay within its rate limit.");
    }

    /// <inheritdoc />
    public string Name => "coingecko";

    /// <inheritdoc />
    public IReadOnlyList<string> Symbols { get; }

    /// <inheritdoc />
    public Timeframe Timeframe => _options.Timeframe;

    /// <inheritdoc />
    public FeedHealth Health { get; } = new();

    /// <inheritdoc />
    public async Task<IReadOnlyList<Candle>> WarmUpAsync(string symbol, int candles, CancellationToken cancellationToken)
    {
        if (!_idBySymbol.TryGetValue(symbol, out string? id)) return [];
        int days = _options.Timeframe.Duration >= TimeSpan.FromHours(4) ? 30 : _options.Timeframe.Duration >= TimeSpan.FromMinutes(30) ? 1 : 1;
        using var doc = await GetAsync($"coins/{id}/ohlc?vs_currency={_options.VsCurrency}&days={days}", cancellationToken);
        var now = _clock.GetUtcNow();
        var result = new List<Candle>();
        foreach (var row in doc.RootElement.EnumerateArray())
        {
            // CoinGecko stamps each OHLC row with its close time
            var close = DateTimeOffset.FromUnixTimeMilliseconds(row[0].GetInt64());
            var open = close - _options.Timeframe.Duration;
            if (close > now) continue;
            result.Add(new Candle(open, row[1].GetDecimal(), row[2].GetDecimal(), row[3].GetDecimal(), row[4].GetDecimal(), 0));
        }
        return result.TakeLast(candles).ToList();
    }

    /// <inheritdoc />
    public Task RunAsync(IMarketEventSink sink, CancellationToken cancellationToken)
    {
        var aggregators = Symbols.ToDictionary(s => s, s => new CandleAggregator(s, _options.Timeframe), StringComparer.Ordinal);
        string ids = string.Join(',', _idBySymbol.Values.Distinct());
        // the same reconnect loop as the exchanges' streams: a failed poll ends the attempt, the next starts after the back-off
        return new ReconnectLoop(_policy, Health, "poll failed").RunAsync(async (attempt, ct) =>
        {
            Health.Set(FeedStatus.Connecting, attempt.First ? "first poll" : "polling again");
            while (!ct.IsCancellationRequested)
            {
                using (var doc = await GetAsync($"simple/price?ids={ids}&vs_currencies={_options.VsCurrency}&include_last_updated_at=true", ct))
                {
                    Publish(doc.RootElement, aggregators, sink, _clock.GetUtcNow());
                }
                attempt.Delivered();
                Health.Received(_clock.GetUtcNow());
                Health.Set(FeedStatus.Connected, $"polling every {_options.PollInterval.TotalSeconds:0} s");
                await Task.Delay(_options.PollInterval, _clock, ct);
            }
        }, cancellationToken);
    }

    /// <summary>Turns one price answer into ticks, candle opens and closes; a coin missing from the answer is skipped.</summary>
    private void Publish(JsonElement root, Dictionary<string, CandleAggregator> aggregators, IMarketEventSink sink, DateTimeOffset now)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new HttpRequestException($"CoinGecko answered a {root.ValueKind} where prices by coin id were expected.");
        foreach (var (symbol, id) in _idBySymbol)
        {
            if (!root.TryGetProperty(id, out var coin) || coin.ValueKind != JsonValueKind.Object || !coin.TryGetProperty(_options.VsCurrency, out var p) || p.ValueKind != JsonValueKind.Number) continue;
            if (!p.TryGetDecimal(out decimal price)) continue;
            var time = coin.TryGetProperty("last_updated_at", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out long seconds) && seconds is > 0 and < 253_402_300_800
                ? DateTimeOffset.FromUnixTimeSeconds(seconds) : now;
            var agg = aggregators[symbol];
            var (accepted, closed, opened) = agg.Add(time, price);
            if (!accepted) continue;
            if (closed is { } c) sink.Publish(MarketEvent.Closed(symbol, c));
            if (opened) sink.Publish(MarketEvent.Opened(symbol, agg.PeriodStart(time), price));
            sink.Publish(MarketEvent.Tick(symbol, time, price));
        }
        // close candles whose period is over even if no newer price came
        foreach (var (symbol, agg) in aggregators)
        {
            if (agg.CloseIfDue(now) is { } due) sink.Publish(MarketEvent.Closed(symbol, due));
        }
    }

    private Task<JsonDocument> GetAsync(string path, CancellationToken ct)
    {
        var request = $"{_options.BaseUrl.ToString().TrimEnd('/')}/{path}";
        return _policy.GetJsonAsync(_http, request, ct);
    }

    /// <summary>Adds the API key header to <paramref name="http"/> (call once when creating the client).</summary>
    public static void ConfigureClient(HttpClient http, CoinGeckoOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ApiKey)) http.DefaultRequestHeaders.TryAddWithoutValidation(options.ApiKeyHeader, options.ApiKey);
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Velocitas/1.0");
    }
}
