using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using Velocitas.Engine.Live;
using Velocitas.Engine.Live.Binance;

namespace Velocitas.Engine.Market.Exchanges.Binance;

/// <summary>
/// Binance spot. Symbols: Binance's own codes (BTCUSDT); a bare coin means its USDT pair. History: whole past days
/// and months from the data.binance.vision zip archives (monthly files, daily files for the rest, REST where a file
/// is missing) and REST klines (1000 per call) for the edges and today; when the archive host cannot be reached the
/// whole range goes over REST and the first page says so. Live: the combined WebSocket stream of klines and trades.
/// </summary>
public sealed class BinanceExchange : ExchangeBase
{
    private static readonly Timeframe[] Supported = Frames("1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w");
    private readonly Func<ClientWebSocket>? _socketFactory;

    /// <summary>Creates the client with <paramref name="options"/> (base URLs, archive use, weight budget, back-off).</summary>
    public BinanceExchange(HttpClient http, BinanceOptions? options = null, TimeProvider? clock = null, Func<ClientWebSocket>? socketFactory = null)
        : base("Binance", http, clock, PolicyOf(options ?? new BinanceOptions()))
    {
        Options = options ?? new BinanceOptions();
        Rest = new BinanceMarketData(http, Options, Policy, Clock);
        _socketFactory = socketFactory;
    }

    /// <summary>Base URLs and settings.</summary>
    public BinanceOptions Options { get; }

    /// <summary>The REST client (klines, exchangeInfo).</summary>
    public BinanceMarketData Rest { get; }

    /// <inheritdoc />
    public override string Name => "binance";

    /// <inheritdoc />
    public override IReadOnlyList<Timeframe> Intervals => Supported;

    /// <inheritdoc />
    protected override string DefaultQuote => "USDT";

    internal static ExchangePolicyOptions PolicyOf(BinanceOptions o) => new() { FirstReconnectDelay = o.InitialBackoff, MaxReconnectDelay = o.MaxBackoff };

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<ExchangeSymbol>> LoadSymbolsAsync(CancellationToken ct)
    {
        var rules = await Rest.GetExchangeInfoAsync(null, ct);
        return rules.Select(ToSymbol).ToList();
    }

    internal static ExchangeSymbol ToSymbol(SymbolRules r)
    {
        var pair = r.BaseAsset.Length > 0 && r.QuoteAsset.Length > 0 ? new Symbol(r.BaseAsset, r.QuoteAsset) : Symbol.Parse(r.Symbol);
        return new ExchangeSymbol(pair.Code, r.Symbol, pair.Base, pair.Quote, r.TickSize, r.StepSize, r.MinQuantity, r.Status == "TRADING");
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<KlinePage> GetKlinesAsync(ExchangeSymbol symbol, Timeframe interval, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken ct)
    {
        RequireInterval(interval);
        var now = Clock.GetUtcNow();
        if (to > now) to = now;
        if (from >= to) yield break;
        string code = BinanceMarketData.IntervalCode(interval);
        bool longRange = (to - from) / interval.Duration >= Options.ArchiveMinimumCandles;
        var plan = Options.UseArchives && longRange ? new Queue<BinanceArchivePeriod>(BinanceArchivePeriod.Plan(from, to, now)) : new Queue<BinanceArchivePeriod>();
        var archive = new BinanceArchive(Http, Options.ArchiveBaseUrl, Policy, Options.ArchiveProbeTimeout);
        var cursor = from;
        string? note = null;
        while (plan.TryDequeue(out var period))
        {
            if (cursor < period.Start)
            {
                await foreach (var page in RestAsync(symbol.NativeId, interval, cursor, period.Start, null, ct)) yield return page;
                cursor = period.Start;
            }
            var result = await archive.GetAsync(symbol.NativeId, code, period, ct);
            if (result.Unreachable is { } why)
            {
                note = $"The Binance archive ({Options.ArchiveBaseUrl.Host}) could not be used: {why}. Downloading over REST instead (slower).";
                break;
            }
            if (result.Candles is null)
            {
                if (period.Monthly)
                {
                    // not published yet (or before the listing): try the days, then REST
                    var rest = plan.ToList();
                    plan.Clear();
                    foreach (var d in period.Days().Concat(rest)) plan.Enqueue(d);
                    continue;
                }
                await foreach (var page in RestAsync(symbol.NativeId, interval, period.Start, period.End, null, ct)) yield return page;
            }
            else
            {
                var candles = result.Candles.Where(c => IsWanted(c, interval, from, to, now)).ToArray();
                yield return new KlinePage(candles, period.End, "archive");
            }
            cursor = period.End;
        }
        await foreach (var page in RestAsync(symbol.NativeId, interval, cursor, to, note, ct)) yield return page;
    }

    /// <summary>REST klines from <paramref name="from"/> to <paramref name="to"/> (exclusive), 1000 per call.</summary>
    private async IAsyncEnumerable<KlinePage> RestAsync(string symbol, Timeframe interval, DateTimeOffset from, DateTimeOffset to, string? note, [EnumeratorCancellation] CancellationToken ct)
    {
        var cursor = from;
        while (cursor < to)
        {
            var rows = await Rest.GetKlinesAsync(symbol, interval, cursor, to.AddMilliseconds(-1), BinanceMarketData.MaxLimit, ct);
            var now = Clock.GetUtcNow();
            var candles = rows.Select(r => r.Candle).Where(c => IsWanted(c, interval, from, to, now)).ToArray();
            // fewer than a full page: Binance has nothing more up to endTime
            var next = rows.Count < BinanceMarketData.MaxLimit ? to : rows[^1].Candle.Time + interval.Duration;
            if (next <= cursor) next = to;
            yield return new KlinePage(candles, next, "rest", note);
            note = null;
            cursor = next;
        }
        if (note is not null) yield return new KlinePage([], to, "rest", note);
    }

    /// <inheritdoc />
    public override IMarketFeed CreateFeed(IReadOnlyList<ExchangeSymbol> symbols, Timeframe interval) =>
        new BinanceFeed(this, symbols, interval, _socketFactory);
}
