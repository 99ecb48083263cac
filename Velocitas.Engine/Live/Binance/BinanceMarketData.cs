using System.Globalization;
using System.Text.Json;
using Velocitas.Engine.Market;
using Velocitas.Engine.Market.Exchanges;

namespace Velocitas.Engine.Live.Binance;

/// <summary>Trading rules of a Binance symbol (from exchangeInfo).</summary>
/// <param name="Symbol">e.g. BTCUSDT.</param>
/// <param name="Status">TRADING, BREAK, ...</param>
/// <param name="TickSize">Price increment.</param>
/// <param name="StepSize">Quantity increment (the lot step).</param>
/// <param name="MinQuantity">Smallest order quantity.</param>
/// <param name="BaseAsset">Base asset (BTC).</param>
/// <param name="QuoteAsset">Quote asset (USDT).</param>
public sealed record SymbolRules(string Symbol, string Status, decimal TickSize, decimal StepSize, decimal MinQuantity, string BaseAsset = "", string QuoteAsset = "");

/// <summary>
/// Binance public REST market data in Binance's wire format: GET /api/v3/klines (at most 1000 per call,
/// startTime/endTime in ms) and GET /api/v3/exchangeInfo. Every call goes through the exchange policy (429/418 and
/// Retry-After honoured); the X-MBX-USED-WEIGHT-1M header is read and we pause until the next minute when the
/// used weight reaches the budget.
/// </summary>
public sealed class BinanceMarketData(HttpClient http, BinanceOptions options, ExchangePolicy policy, TimeProvider? clock = null)
{
    /// <summary>The most klines Binance returns per call.</summary>
    public const int MaxLimit = 1000;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Weight used in the current minute, as Binance last reported it.</summary>
    public int UsedWeight { get; private set; }

    /// <summary>Binance's interval code of a timeframe.</summary>
    public static string IntervalCode(Timeframe timeframe) => timeframe.Code switch
    {
        "1m" or "3m" or "5m" or "15m" or "30m" or "1h" or "2h" or "4h" or "6h" or "8h" or "12h" or "1d" or "3d" or "1w" => timeframe.Code,
        _ => throw new FeedException($"Binance has no {timeframe.Code} klines; use 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d or 1w."),
    };

    /// <summary>GET /api/v3/klines: candles from <paramref name="start"/> (or the most recent), at most 1000 per call.</summary>
    public async Task<IReadOnlyList<(Candle Candle, DateTimeOffset CloseTime)>> GetKlinesAsync(string symbol, Timeframe interval, DateTimeOffset? start, DateTimeOffset? end, int limit, CancellationToken ct, Action<string>? onWait = null)
    {
        string url = $"{options.RestBaseUrl.ToString().TrimEnd('/')}/api/v3/klines?symbol={symbol}&interval={IntervalCode(interval)}&limit={Math.Clamp(limit, 1, MaxLimit)}";
        if (start is { } s) url += $"&startTime={s.ToUnixTimeMilliseconds()}";
        if (end is { } e) url += $"&endTime={e.ToUnixTimeMilliseconds()}";
        JsonDocument doc;
        try
        {
            doc = await policy.GetJsonAsync(http, url, ct, onWait, WeightPause);
        }
        catch (HttpRequestException ex) when (ex.StatusCode == System.Net.HttpStatusCode.BadRequest)
        {
            throw new FeedException($"Binance refused the klines request for {symbol} {interval.Code}: {ex.Message}", ex);
        }
        using (doc)
        {
            return policy.Read("a klines page", () =>
            {
                var result = new List<(Candle, DateTimeOffset)>(doc.RootElement.GetArrayLength());
                foreach (var k in doc.RootElement.EnumerateArray())
                {
                    result.Add((new Candle(
                        DateTimeOffset.FromUnixTimeMilliseconds(k[0].GetInt64()),
                        Dec(k[1]), Dec(k[2]), Dec(k[3]), Dec(k[4]), (double)Dec(k[5])),
                        DateTimeOffset.FromUnixTimeMilliseconds(k[6].GetInt64())));
                }
                return result;
            });
        }
    }

    /// <summary>GET /api/v3/exchangeInfo for the symbols (all when null); throws <see cref="FeedException"/> naming unknown ones.</summary>
    public async Task<IReadOnlyList<SymbolRules>> GetExchangeInfoAsync(IReadOnlyList<string>? symbols, CancellationToken ct)
    {
        string url = $"{options.RestBaseUrl.ToString().TrimEnd('/')}/api/v3/exchangeInfo";
        if (symbols is not null) url += "?symbols=" + Uri.EscapeDataString("[" + string.Join(',', symbols.Select(s => $"\"{s}\"")) + "]");
        JsonDocument doc;
        try
        {
            doc = await policy.GetJsonAsync(http, url, ct, pauseAfter: WeightPause);
        }
        catch (HttpRequestException ex) when (ex.StatusCode == System.Net.HttpStatusCode.BadRequest && symbols is not null)
        {
            throw new FeedException($"Binance does not list one of {string.Join(", ", symbols)} (check the coin names). {ex.Message}", ex);
        }
        using (doc)
        {
            var rules = policy.Read("an exchangeInfo answer", () => Rules(doc.RootElement));
            if (symbols is not null)
            {
                var missing = symbols.Where(sym => rules.All(r => r.Symbol != sym)).ToList();
                if (missing.Count > 0) throw new FeedException($"Binance does not list {string.Join(", ", missing)}.");
            }
            return rules;
        }
    }

    private static List<SymbolRules> Rules(JsonElement root)
    {
        var rules = new List<SymbolRules>();
        foreach (var s in root.GetProperty("symbols").EnumerateArray())
        {
            decimal tick = 0, step = 0, min = 0;
            foreach (var f in s.GetProperty("filters").EnumerateArray())
            {
                switch (f.GetProperty("filterType").GetString())
                {
                    case "PRICE_FILTER": tick = Dec(f.GetProperty("tickSize")); break;
                    case "LOT_SIZE":
                        step = Dec(f.GetProperty("stepSize"));
                        min = Dec(f.GetProperty("minQty"));
                        break;
                }
            }
            rules.Add(new SymbolRules(s.GetProperty("symbol").GetString()!, s.GetProperty("status").GetString()!, tick, step, min,
                s.TryGetProperty("baseAsset", out var b) ? b.GetString() ?? "" : "", s.TryGetProperty("quoteAsset", out var q) ? q.GetString() ?? "" : ""));
        }
        return rules;
    }

    /// <summary>Reads X-MBX-USED-WEIGHT-1M; when the budget is reached, the time until the next minute (when Binance resets the count).</summary>
    private TimeSpan? WeightPause(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("X-MBX-USED-WEIGHT-1M", out var values)) return null;
        if (!int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out int used)) return null;
        UsedWeight = used;
        if (used < options.WeightLimitPerMinute * options.WeightBudget) return null;
        var now = _clock.GetUtcNow();
        var nextMinute = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(1);
        return nextMinute - now + TimeSpan.FromMilliseconds(100);
    }

    internal static decimal Dec(JsonElement e) => ExchangeBase.Dec(e);
}
