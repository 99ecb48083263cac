using System;

namespace Velocitas.Strategies;

/// <summary>
/// One closed candle as a strategy sees it. <see cref="Time"/> is the candle's open time (UTC); prices are
/// <see cref="double"/> because signal math is (the ledger keeps exact decimals).
/// </summary>
/// <param name="Time">Open time of the candle, UTC.</param>
/// <param name="Open">First traded price.</param>
/// <param name="High">Highest traded price.</param>
/// <param name="Low">Lowest traded price.</param>
/// <param name="Close">Last traded price.</param>
/// <param name="Volume">Traded volume in base units.</param>
public readonly record struct Candle(DateTimeOffset Time, double Open, double High, double Low, double Close, double Volume);
