using Velocitas.Engine.Market;

namespace Velocitas.Engine.Live;

/// <summary>
/// A source of market events for several symbols at once: synthetic, replay of stored candles, Binance, CoinGecko.
/// It emits <see cref="MarketEventKind.CandleOpened"/>, <see cref="MarketEventKind.Tick"/> and
/// <see cref="MarketEventKind.CandleClosed"/> events in time order per symbol.
/// </summary>
public interface IMarketFeed
{
    /// <summary>Short name: synthetic, csv, binance, coingecko.</summary>
    string Name { get; }

    /// <summary>Symbols served (exchange codes such as BTCUSDT).</summary>
    IReadOnlyList<string> Symbols { get; }

    /// <summary>
    /// The market a symbol's prices come from (a position is only ever valued and closed at its own market's prices):
    /// the exchange for exchange feeds, "synthetic" for the synthetic feed, the dataset for a replay.
    /// </summary>
    string MarketOf(string symbol) => Name;

    /// <summary>Candle interval of the events.</summary>
    Timeframe Timeframe { get; }

    /// <summary>Connection state and counters.</summary>
    FeedHealth Health { get; }

    /// <summary>Recent history to warm strategies up before trading (empty when the feed has none).</summary>
    Task<IReadOnlyList<Candle>> WarmUpAsync(string symbol, int candles, CancellationToken cancellationToken);

    /// <summary>Publishes events until cancelled or, for finite feeds, until the data ends.</summary>
    Task RunAsync(IMarketEventSink sink, CancellationToken cancellationToken);
}
