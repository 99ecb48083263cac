namespace Velocitas.Engine.Execution;

/// <summary>An executed simulated order: the only thing that changes a <see cref="Ledger"/>.</summary>
/// <param name="Time">Time of the fill (the open time of the candle it filled in).</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Quantity">Base quantity, a multiple of the lot step.</param>
/// <param name="Price">Execution price including slippage.</param>
/// <param name="Fee">Fee paid in quote currency.</param>
/// <param name="Reason">For sells, why the position was closed.</param>
public readonly record struct Fill(
    DateTimeOffset Time,
    OrderSide Side,
    decimal Quantity,
    decimal Price,
    decimal Fee,
    ExitReason Reason = ExitReason.Signal)
{
    /// <summary>Quantity × price.</summary>
    public decimal Notional => Quantity * Price;
}
