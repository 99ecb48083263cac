namespace Velocitas.Engine.Live;

/// <summary>A group's fund measure as persisted: value per unit, its peak and the deepest drawdown (percent).</summary>
public sealed record FundMeasure(double UnitValue, double Peak, double MaxDrawdownPct);
