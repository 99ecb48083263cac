using System;

namespace Velocitas.Strategies;

/// <summary>The strategy's open position (long-only spot), read at the close of the current candle.</summary>
/// <param name="Quantity">Base quantity held; 0 when flat.</param>
/// <param name="EntryPrice">Average entry price (with slippage); 0 when flat.</param>
/// <param name="EntryTime">Time of the first fill of the open position; null when flat.</param>
public readonly record struct Position(double Quantity, double EntryPrice, DateTimeOffset? EntryTime)
{
    /// <summary>True when nothing is held.</summary>
    public bool IsFlat => Quantity == 0;

    /// <summary>True when a position is open.</summary>
    public bool IsLong => Quantity > 0;
}
