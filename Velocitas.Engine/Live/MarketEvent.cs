using Velocitas.Engine.Market;

namespace Velocitas.Engine.Live;

/// <summary>
/// One market event as the live pipeline carries it. <see cref="Published"/> is the
/// <see cref="System.Diagnostics.Stopwatch"/> timestamp at which the feed handed it over, for latency figures.
/// </summary>
public readonly record struct MarketEvent(MarketEventKind Kind, string Symbol, DateTimeOffset Time, decimal Price, Candle Candle, long Published)
{
    /// <summary>A trade.</summary>
    public static MarketEvent Tick(string symbol, DateTimeOffset time, decimal price) =>
        new(MarketEventKind.Tick, symbol, time, price, default, System.Diagnostics.Stopwatch.GetTimestamp());

    /// <summary>A candle opened at <paramref name="open"/>.</summary>
    public static MarketEvent Opened(string symbol, DateTimeOffset time, decimal open) =>
        new(MarketEventKind.CandleOpened, symbol, time, open, default, System.Diagnostics.Stopwatch.GetTimestamp());

    /// <summary>A candle closed.</summary>
    public static MarketEvent Closed(string symbol, in Candle candle) =>
        new(MarketEventKind.CandleClosed, symbol, candle.Time, candle.Close, candle, System.Diagnostics.Stopwatch.GetTimestamp());
}
