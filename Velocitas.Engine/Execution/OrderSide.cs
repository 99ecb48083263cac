namespace Velocitas.Engine.Execution;

/// <summary>Direction of an order or fill.</summary>
public enum OrderSide : byte
{
    /// <summary>Buy the base asset.</summary>
    Buy,
    /// <summary>Sell the base asset.</summary>
    Sell,
}
