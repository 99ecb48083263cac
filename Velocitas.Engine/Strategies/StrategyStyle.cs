namespace Velocitas.Engine.Strategies;

/// <summary>The market behaviour a strategy tries to profit from; trend analysis matches it to regimes.</summary>
public enum StrategyStyle
{
    /// <summary>Rides sustained moves (moving-average and MACD crossovers).</summary>
    TrendFollowing,
    /// <summary>Buys strength measured over a look-back.</summary>
    Momentum,
    /// <summary>Buys weakness expecting a return to the mean (RSI, Bollinger).</summary>
    MeanReversion,
    /// <summary>Buys a break of the recent range (Donchian).</summary>
    Breakout,
    /// <summary>A user's own strategy: no textbook rule picks it; trend suggestions judge it on its record alone.</summary>
    Custom,
}
