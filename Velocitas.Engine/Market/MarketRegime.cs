namespace Velocitas.Engine.Market;

/// <summary>The four kinds of market Velocitas tells apart.</summary>
public enum MarketRegime : byte
{
    /// <summary>Prices rising steadily.</summary>
    Uptrend,
    /// <summary>Prices falling steadily.</summary>
    Downtrend,
    /// <summary>Prices oscillating around a level.</summary>
    Ranging,
    /// <summary>Large swings without a clear direction.</summary>
    Volatile,
}
