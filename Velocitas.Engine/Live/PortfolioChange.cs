namespace Velocitas.Engine.Live;

/// <summary>What the <see cref="PortfolioBook"/> hears from the engine: an instance joins, leaves or is marked at a close.</summary>
internal readonly record struct PortfolioChange(PortfolioChangeKind Kind, int InstanceId, DateTimeOffset Time, decimal Equity, string? Symbol = null, string? StrategyId = null);

/// <summary>Kinds of <see cref="PortfolioChange"/>.</summary>
internal enum PortfolioChangeKind : byte
{
    /// <summary>Money in: an instance was added or restored.</summary>
    Join,
    /// <summary>Money out: an instance was removed.</summary>
    Leave,
    /// <summary>An instance's equity at a candle's close.</summary>
    Mark,
}
