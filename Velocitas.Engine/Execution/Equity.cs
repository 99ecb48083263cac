namespace Velocitas.Engine.Execution;

/// <summary>Equity marked at a candle's close.</summary>
/// <param name="Time">Open time of the candle whose close marked it.</param>
/// <param name="Value">Cash plus position at the close.</param>
public readonly record struct Equity(DateTimeOffset Time, decimal Value);
