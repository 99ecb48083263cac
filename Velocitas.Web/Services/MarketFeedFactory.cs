using Velocitas.Data.Storage;
using Velocitas.Engine.Live;
using Velocitas.Engine.Live.Binance;
using Velocitas.Engine.Live.CoinGecko;
using Velocitas.Engine.Market;

namespace Velocitas.Web.Services;

/// <summary>Creates and checks the feed a start request asks for; errors are <see cref="FeedException"/> with what to change.</summary>
public sealed class MarketFeedFactory(IHttpClientFactory httpClients, DatasetStore datasets, CandleCache cache, LiveConfiguration configuration, ExchangeCatalog exchanges, TimeProvider clock)
{
    /// <summary>Feed names accepted by <see cref="CreateAsync"/>.</summary>
    public static readonly string[] Sources = ["synthetic", "csv", "binance", "bybit", "coinbase", "coingecko"];

    /// <summary>Builds the feed; <paramref name="instanceSymbols"/> are used when the request names no coins.</summary>
    public async Task<IMarketFeed> CreateAsync(FeedRequest request, IEnumerable<string> instanceSymbols, CancellationToken ct)
    {
        string source = (request.Source ?? "synthetic").Trim().ToLowerInvariant();
        var coins = Coins(request.Coins, instanceSymbols);
        return source switch
        {
            "synthetic" => Synthetic(request, coins),
            "csv" or "replay" => await ReplayAsync(request, ct),
            "binance" or "bybit" or "coinbase" => await ExchangeAsync(source, request, coins, ct),
            "coingecko" => CoinGecko(request, coins),
            _ => throw new FeedException($"Unknown data source '{request.Source}'; use one of {string.Join(", ", Sources)}."),
        };
    }

    private SyntheticFeed Synthetic(FeedRequest request, List<string> coins)
    {
        var s = configuration.Synthetic;
        int rate = request.TicksPerSecond ?? s.TicksPerSecond;
        if (rate is < 1 or > 100_000) throw new FeedException($"tick_rate must be between 1 and 100,000 ticks per second (was {rate}).");
        return new SyntheticFeed(coins, new SyntheticFeedOptions
        {
            Seed = request.Seed ?? s.Seed,
            TicksPerSecond = rate,
            TicksPerCandle = s.TicksPerCandle,
            Timeframe = LiveConfiguration.ParseInterval(request.Interval ?? s.Interval, "interval"),
        }, clock);
    }

    /// <summary>A replay of imported datasets, one per coin, each named as the market its positions belong to.</summary>
    private async Task<CandleReplayFeed> ReplayAsync(FeedRequest request, CancellationToken ct)
    {
        var ids = request.DatasetIds ?? [];
        if (ids.Count == 0) throw new FeedException("The csv feed replays imported datasets: give dataset_ids (see GET /api/datasets).");
        double speed = request.Speed ?? 0;
        if (speed < 0) throw new FeedException($"speed must be 0 (as fast as possible) or positive (1 = real time), was {speed}.");
        var candles = new Dictionary<string, Candle[]>(StringComparer.Ordinal);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        Timeframe? timeframe = null;
        foreach (int id in ids.Distinct())
        {
            var d = await datasets.GetAsync(id, ct) ?? throw new FeedException($"Dataset #{id} does not exist.");
            string symbol = Symbol.TryParse(d.Symbol, out var sym) ? sym.Code : d.Symbol;
            if (candles.ContainsKey(symbol)) throw new FeedException($"Two datasets are for {symbol}; replay one dataset per coin.");
            candles[symbol] = await cache.GetAsync(id, ct);
            sources[symbol] = $"dataset #{id} ({d.Name})";
            timeframe ??= Timeframe.TryParse(d.Timeframe, out var tf) ? tf : null;
        }
        return new CandleReplayFeed(candles, timeframe ?? Timeframe.OneHour, speed, clock) { Sources = sources };
    }

    /// <summary>An exchange's feed: coins checked against its market list (tick and lot sizes from it), warm-up and gap fill from its history.</summary>
    private async Task<IMarketFeed> ExchangeAsync(string source, FeedRequest request, List<string> coins, CancellationToken ct)
    {
        var exchange = exchanges.Get(source);
        var interval = LiveConfiguration.ParseInterval(request.Interval ?? configuration.IntervalOf(source), "interval");
        if (!exchange.Intervals.Contains(interval))
            throw new FeedException($"{exchange.DisplayName} has no {interval.Code} candles; use {string.Join(", ", exchange.Intervals.Select(i => i.Code))}.");
        var wanted = (request.Coins ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).ToList();
        if (wanted.Count == 0) wanted = coins;
        var markets = new List<Velocitas.Engine.Market.Exchanges.ExchangeSymbol>();
        try
        {
            foreach (string coin in wanted) markets.Add(await exchange.ResolveAsync(coin, ct));
        }
        catch (HttpRequestException ex)
        {
            throw new FeedException($"{exchange.DisplayName} could not be reached to check the coins: {ex.Message}", ex);
        }
        return exchange.CreateFeed(markets, interval);
    }

    private CoinGeckoFeed CoinGecko(FeedRequest request, List<string> coins)
    {
        var options = configuration.CoinGeckoOptions();
        if (request.Interval is { } i) options = options with { Timeframe = LiveConfiguration.ParseInterval(i, "interval") };
        return new CoinGeckoFeed(coins, httpClients.CreateClient("coingecko"), options, clock);
    }

    private static List<string> Coins(IReadOnlyList<string>? requested, IEnumerable<string> instanceSymbols)
    {
        var list = (requested ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).ToList();
        if (list.Count == 0) list = instanceSymbols.Distinct().ToList();
        if (list.Count == 0) list = ["BTC", "ETH"];
        var codes = new List<string>();
        foreach (string c in list)
        {
            if (!Symbol.TryParse(c, out var s)) throw new FeedException($"'{c}' is not a coin: expected e.g. BTC, ETH or BTCUSDT.");
            codes.Add(s.Code);
        }
        return codes.Distinct().ToList();
    }
}
