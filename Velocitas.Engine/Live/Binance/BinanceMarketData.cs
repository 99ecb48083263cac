using System.Globalization;
using System.Text.Json;
using Velocitas.Engine.Market;

namespace Velocitas.Engine.Live.Binance;

/// <summary>Trading rules of a Binance symbol (from exchangeInfo).</summary>
/// <param name="Symbol">e.g. BTCUSDT.</param>
/// <param name="Status">TRADING, BREAK, ...</param>
/// <param name="TickSize">Price increment.</param>
/// <param name="StepSize">Quantity increment (the lot step).</param>
/// <param name="MinQuantity">Smallest order quantity.</param>
public sealed record SymbolRules(string Symbol, string Status, decimal TickSize, decimal StepSize, decimal MinQuantity);

/// <summary>Binance public REST market data: klines and exchangeInfo, in Binance's wire format.</summary>
public sealed class BinanceMarketData(HttpClient http, BinanceOptions options, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Binance's interval code of a timeframe.</summary>
    public static string IntervalCode(Timeframe timeframe) => timeframe.Code switch
    {
        "1m" or "3m" or "5m" or "15m" or "30m" or "1h" or "2h" or "4h" or "6h" or "8h" or "12h" or "1d" or "3d" or "1w" => timeframe.Code,
        _ => throw new FeedException($"Binance has no {timeframe.Code} klines; use 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d or 1w."),
    };

    /// <summary>GET /api/v3/klines: candles from <paramref name="start"/> (or the most recent), at most 1000 per call.</summary>
    public async Task<IReadOnlyList<(Candle Candle, DateTimeOffset CloseTime)>> GetKlinesAsync(string symbol, DateTimeOffset? start, DateTimeOffset? end, int limit, CancellationToken ct, Action<string>? onWait = null)
    {
        string url = $"{options.RestBaseUrl.ToString().TrimEnd('/')}/api/v3/klines?symbol={symbol}&interval={IntervalCode(options.Interval)}&limit={Math.Clamp(limit, 1, 1000)}";
        if (start is { } s) url += $"&startTime={s.ToUnixTimeMilliseconds()}";
        if (end is { } e) url += $"&endTime={e.ToUnixTimeMilliseconds()}";
        using var doc = await HttpJson.GetAsync(http, url, "Binance", _clock, ct, onWait: onWait);
        var result = new List<(Candle, DateTimeOffset)>();
        foreach (var k in doc.RootElement.EnumerateArray())
        {
            result.Add((new Candle(
                DateTimeOffset.FromUnixTimeMilliseconds(k[0].GetInt64()),
                Dec(k[1]), Dec(k[2]), Dec(k[3]), Dec(k[4]), (double)Dec(k[5])),
                DateTimeOffset.FromUnixTimeMilliseconds(k[6].GetInt64())));
        }
        return result;
    }

    /// <summary>GET /api/v3/exchangeInfo for the symbols; throws <see cref="FeedException"/> naming unknown ones.</summary>
    public async Task<IReadOnlyList<SymbolRules>> GetExchangeInfoAsync(IReadOnlyList<string> symbols, CancellationToken ct)
    {
        string list = Uri.EscapeDataString("[" + string.Join(',', symbols.Select(s => $"\"{s}\"")) + "]");
        string url = $"{options.RestBaseUrl.ToString().TrimEnd('/')}/api/v3/exchangeInfo?symbols={list}";
        JsonDocument doc;
        try
        {
            doc = await HttpJson.GetAsync(http, url, "Binance", _clock, ct);
        }
        catch (HttpRequestException ex) when (ex.StatusCode == System.Net.HttpStatusCode.BadRequest)
        {
            throw new FeedException($"Binance does not list one of {string.Join(", ", symbols)} (check the coin names). {ex.Message}", ex);
        }
        using (doc)
        {
            var rules = new List<SymbolRules>();
            foreach (var s in doc.RootElement.GetProperty("symbols").EnumerateArray())
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
                rules.Add(new SymbolRules(s.GetProperty("symbol").GetString()!, s.GetProperty("status").GetString()!, tick, step, min));
            }
            var missing = symbols.Where(sym => rules.All(r => r.Symbol != sym)).ToList();
            if (missing.Count > 0) throw new FeedException($"Binance does not list {string.Join(", ", missing)}.");
            return rules;
        }
    }

    internal static decimal Dec(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? decimal.Parse(e.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
        : e.GetDecimal();
}
