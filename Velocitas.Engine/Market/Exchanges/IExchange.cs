using Velocitas.Engine.Live;

namespace Velocitas.Engine.Market.Exchanges;

/// <summary>
/// Public spot market data of one exchange, used by both history downloads and live feeds: its markets (with tick
/// and lot sizes), the candle intervals it serves, closed candles by time range (paged in its wire format), and a
/// live feed. No API key is needed; every call goes through the one <see cref="ExchangePolicy"/>.
/// </summary>
public interface IExchange
{
    /// <summary>Short lower-case name: binance, bybit, coinbase.</summary>
    string Name { get; }

    /// <summary>Name for people: Binance, Bybit, Coinbase Exchange.</summary>
    string DisplayName { get; }

    /// <summary>Intervals the exchange serves candles for.</summary>
    IReadOnlyList<Timeframe> Intervals { get; }

    /// <summary>Retries, back-off and rate-limit waits of this exchange (counters for the status bar).</summary>
    ExchangePolicy Policy { get; }

    /// <summary>Every spot market (cached for a while).</summary>
    Task<IReadOnlyList<ExchangeSymbol>> GetSymbolsAsync(CancellationToken ct);

    /// <summary>
    /// The market a user means by <paramref name="text"/> (BTC, BTCUSDT, BTC/USD, or the exchange's own id). A bare coin
    /// means the exchange's main quote (USDT on Binance and Bybit, USD on Coinbase). Throws <see cref="FeedException"/>
    /// naming the exchange when it does not list it.
    /// </summary>
    Task<ExchangeSymbol> ResolveAsync(string text, CancellationToken ct);

    /// <summary>
    /// Closed candles opening in [<paramref name="from"/>, <paramref name="to"/>), page by page in time order. Candles
    /// the exchange does not have (outages) are simply absent; the still-forming candle is never returned.
    /// </summary>
    IAsyncEnumerable<KlinePage> GetKlinesAsync(ExchangeSymbol symbol, Timeframe interval, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);

    /// <summary>A live feed of <paramref name="symbols"/> at <paramref name="interval"/> (WebSocket, warm-up and gap fill from this exchange's history).</summary>
    IMarketFeed CreateFeed(IReadOnlyList<ExchangeSymbol> symbols, Timeframe interval);
}
