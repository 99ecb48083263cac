using System.Globalization;
using System.Text.Json;
using Velocitas.Engine.Live;

namespace Velocitas.Engine.Market.Exchanges;

/// <summary>What every exchange client shares: the policy, a cached market list, symbol resolution, the closed-candle rule.</summary>
public abstract class ExchangeBase : IExchange
{
    private readonly SemaphoreSlim _symbolsLock = new(1, 1);
    private IReadOnlyList<ExchangeSymbol>? _symbols;
    private DateTimeOffset _symbolsLoaded;

    /// <summary>Creates the client on <paramref name="http"/>.</summary>
    protected ExchangeBase(string displayName, HttpClient http, TimeProvider? clock, ExchangePolicyOptions? policy)
    {
        Http = http;
        Clock = clock ?? TimeProvider.System;
        Policy = new ExchangePolicy(displayName, Clock, policy);
    }

    /// <summary>The HTTP client (its handler may carry proxies or test handlers).</summary>
    protected HttpClient Http { get; }

    /// <summary>The clock deciding which candle is still forming.</summary>
    protected TimeProvider Clock { get; }

    /// <inheritdoc />
    public ExchangePolicy Policy { get; }

    internal TimeProvider ClockForFeeds => Clock;

    /// <summary>Timeframes from their codes (1m, 1h, 1d).</summary>
    protected static Timeframe[] Frames(params string[] codes) =>
        codes.Select(c => Timeframe.TryParse(c, out var tf) ? tf : throw new ArgumentException($"'{c}' is not an interval.", nameof(codes))).ToArray();

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public string DisplayName => Policy.Service;

    /// <inheritdoc />
    public abstract IReadOnlyList<Timeframe> Intervals { get; }

    /// <summary>Quote a bare coin means on this exchange (USDT, USD).</summary>
    protected abstract string DefaultQuote { get; }

    /// <summary>How long the market list is kept before it is read again.</summary>
    public TimeSpan SymbolCacheTime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Reads every spot market from the exchange.</summary>
    protected abstract Task<IReadOnlyList<ExchangeSymbol>> LoadSymbolsAsync(CancellationToken ct);

    /// <inheritdoc />
    public abstract IAsyncEnumerable<KlinePage> GetKlinesAsync(ExchangeSymbol symbol, Timeframe interval, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);

    /// <inheritdoc />
    public abstract IMarketFeed CreateFeed(IReadOnlyList<ExchangeSymbol> symbols, Timeframe interval);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ExchangeSymbol>> GetSymbolsAsync(CancellationToken ct)
    {
        await _symbolsLock.WaitAsync(ct);
        try
        {
            if (_symbols is null || Clock.GetUtcNow() - _symbolsLoaded > SymbolCacheTime)
            {
                _symbols = (await LoadSymbolsAsync(ct)).OrderBy(s => s.Code, StringComparer.Ordinal).ToList();
                _symbolsLoaded = Clock.GetUtcNow();
            }
            return _symbols;
        }
        finally
        {
            _symbolsLock.Release();
        }
    }

    /// <inheritdoc />
    public async Task<ExchangeSymbol> ResolveAsync(string text, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new FeedException($"Name a coin or pair for {DisplayName}, e.g. BTC or BTC{DefaultQuote}.");
        string t = text.Trim();
        var symbols = await GetSymbolsAsync(ct);
        var hit = symbols.FirstOrDefault(s => s.NativeId.Equals(t, StringComparison.OrdinalIgnoreCase));
        string? code = null;
        if (hit is null)
        {
            if (!Symbol.TryParse(t, out var parsed)) throw new FeedException($"'{text}' is not a coin or pair: expected e.g. BTC, BTC{DefaultQuote} or BTC/{DefaultQuote}.");
            bool bare = t.IndexOfAny(['/', '-', '_', ':']) < 0 && parsed.Base.Length == t.Length;
            code = bare ? parsed.Base + DefaultQuote : parsed.Code;
            hit = symbols.FirstOrDefault(s => s.Code == code);
        }
        if (hit is null)
        {
            string coin = code is not null && Symbol.TryParse(code, out var p) ? p.Base : t.ToUpperInvariant();
            var same = symbols.Where(s => s.Base == coin).Take(6).Select(s => s.NativeId).ToList();
            throw new FeedException($"{DisplayName} does not list {t.ToUpperInvariant()}{(code is not null && code != t.ToUpperInvariant() ? $" ({code})" : "")}" +
                (same.Count > 0 ? $"; it lists {string.Join(", ", same)}." : "."));
        }
        if (!hit.Trading) throw new FeedException($"{DisplayName} lists {hit.NativeId} but it is not trading now.");
        return hit;
    }

    /// <summary>Throws a <see cref="FeedException"/> listing the intervals when the exchange has no <paramref name="interval"/> candles.</summary>
    protected void RequireInterval(Timeframe interval)
    {
        if (!Intervals.Contains(interval))
            throw new FeedException($"{DisplayName} has no {interval.Code} candles; use {string.Join(", ", Intervals.Select(i => i.Code))}.");
    }

    /// <summary>True for a candle that opens in [from, to) and has closed by now (the still-forming candle is never kept).</summary>
    protected bool IsWanted(in Candle candle, Timeframe interval, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now) =>
        candle.Time >= from && candle.Time < to && candle.Time + interval.Duration <= now;

    /// <summary>A number sent as a JSON string or number.</summary>
    protected internal static decimal Dec(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? decimal.Parse(e.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
        : e.GetDecimal();

    /// <summary>Parses a decimal written by an exchange.</summary>
    protected internal static decimal Dec(string s) => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Start of the UTC day of <paramref name="t"/>.</summary>
    protected static DateTimeOffset Day(DateTimeOffset t) => new(t.UtcDateTime.Date, TimeSpan.Zero);
}
