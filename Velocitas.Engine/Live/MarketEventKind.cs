namespace Velocitas.Engine.Live;

/// <summary>What happened in the market.</summary>
public enum MarketEventKind : byte
{
    /// <summary>A trade (or price update) at <see cref="MarketEvent.Price"/>.</summary>
    Tick,
    /// <summary>A new candle started; <see cref="MarketEvent.Price"/> is its open. Pending orders fill now.</summary>
    CandleOpened,
    /// <summary>A candle completed; <see cref="MarketEvent.Candle"/> holds it. Strategies decide now.</summary>
    CandleClosed,
    /// <summary>Internal marker delivered to every instance: everything published before it has arrived.</summary>
    Fence,
}
