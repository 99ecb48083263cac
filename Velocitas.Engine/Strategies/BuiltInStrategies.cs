namespace Velocitas.Engine.Strategies;

// The catalogue entries of the six built-in strategies. Their rules live in one file each, written on the public
// strategy API exactly as a user would write them (those files are the Lab's templates).

public sealed partial class SmaCrossoverStrategy
{
    /// <summary>Catalogue entry.</summary>
    public static readonly StrategyDefinition CatalogEntry = StrategyDefinition.FromClass(typeof(SmaCrossoverStrategy),
        "sma-crossover", "SMA crossover", StrategyStyle.TrendFollowing,
        "Buy when the fast simple moving average of the close crosses above the slow one; sell when it crosses below.",
        legacyName: "SMA_Crossover");
}

public sealed partial class MomentumStrategy
{
    /// <summary>Catalogue entry.</summary>
    public static readonly StrategyDefinition CatalogEntry = StrategyDefinition.FromClass(typeof(MomentumStrategy),
        "momentum", "Momentum", StrategyStyle.Momentum,
        "Buy when the close is more than threshold % above the close lookback candles ago; sell when it is more than threshold % below.",
        legacyName: "Momentum");
}

public sealed partial class RsiStrategy
{
    /// <summary>Catalogue entry.</summary>
    public static readonly StrategyDefinition CatalogEntry = StrategyDefinition.FromClass(typeof(RsiStrategy),
        "rsi", "RSI reversion", StrategyStyle.MeanReversion,
        "Buy when the RSI is below the oversold level; sell when it is above the overbought level.",
        legacyName: "RSI");
}

public sealed partial class MacdStrategy
{
    /// <summary>Catalogue entry.</summary>
    public static readonly StrategyDefinition CatalogEntry = StrategyDefinition.FromClass(typeof(MacdStrategy),
        "macd", "MACD crossover", StrategyStyle.TrendFollowing,
        "Buy when the MACD line crosses above its signal line; sell when it crosses below.",
        legacyName: "MACD");
}

public sealed partial class BollingerStrategy
{
    /// <summary>Catalogue entry.</summary>
    public static readonly StrategyDefinition CatalogEntry = StrategyDefinition.FromClass(typeof(BollingerStrategy),
        "bollinger", "Bollinger reversion", StrategyStyle.MeanReversion,
        "Buy when the close is below the lower Bollinger band; sell when it is back above the middle band (the SMA).",
        legacyName: "Bollinger_Bands");
}

public sealed partial class DonchianStrategy
{
    /// <summary>Catalogue entry.</summary>
    public static readonly StrategyDefinition CatalogEntry = StrategyDefinition.FromClass(typeof(DonchianStrategy),
        "donchian", "Donchian breakout", StrategyStyle.Breakout,
        "Buy when the close breaks above the highest high of the previous entry candles; sell when it breaks below the lowest low of the previous exit candles.",
        legacyName: "Donchian_Breakout");
}
