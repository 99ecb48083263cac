namespace Velocitas.Engine.Strategies;

/// <summary>What a strategy wants after seeing a candle close. Long-only spot trading.</summary>
public enum Signal : byte
{
    /// <summary>Nothing to do.</summary>
    None = 0,
    /// <summary>The entry condition fired: buy when flat.</summary>
    Enter = 1,
    /// <summary>The exit condition fired: sell when long.</summary>
    Exit = 2,
}
