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

    /// <summary>Candle interval of the events.</summary>
    Timeframe Timeframe { get; }

    /// <summary>Connection state and counters.</summary>
    FeedHealth Health { get; }

    /// <summary>Recent history to warm strategies up before trading (empty when the feed has none).</summary>
    Task<IReadOnlyList<Candle>> WarmUpAsync(string symbol, int candles, CancellationToken cancellationToken);

    /// <summary>Publishes events until cancelled or, for finite feeds, until the data ends.</summary>
    Task RunAsync(IMarketEventSink sink, CancellationToken cancellationToken);
}
