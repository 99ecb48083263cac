namespace Velocitas.Engine.Copilot;

/// <summary>What a rule watches.</summary>
public enum AlertKind
{
    /// <summary>Price crosses a level (params: level, direction +1 above / −1 below / 0 either).</summary>
    PriceCross,
    /// <summary>Price moves at least pct % within a number of candles (params: pct, candles, direction).</summary>
    PercentMove,
    /// <summary>RSI goes above or below a level (params: period, level, direction +1 above / −1 below).</summary>
    Rsi,
    /// <summary>ATR % of price reaches a percentile of its own history (params: percentile, period, history).</summary>
    VolatilitySpike,
    /// <summary>A candle's volume is a multiple of the average of the previous ones (params: multiple, candles).</summary>
    VolumeSpike,
    /// <summary>The trend-analysis regime changes (params: to = −1 any, 0 up, 1 down, 2 range, 3 volatile).</summary>
    RegimeChange,
    /// <summary>A strategy instance would buy or sell, trading or watch-only (params: side +1 buy / −1 sell / 0 either).</summary>
    StrategySignal,
    /// <summary>Drawdown of an instance (or of the whole portfolio when no instance is set) reaches pct %.</summary>
    Drawdown,
    /// <summary>An instance closes count losing trades in a row.</summary>
    LossStreak,
    /// <summary>Position value reaches pct % of equity, for an instance or the whole portfolio.</summary>
    Exposure,
    /// <summary>No market data for seconds while the engine runs.</summary>
    StaleFeed,
}
