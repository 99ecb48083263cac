namespace Velocitas.Engine.Copilot;

/// <summary>What a rule may do to the strategy instances it concerns, when the user opts in.</summary>
public enum RiskAction
{
    /// <summary>Only alert.</summary>
    None,
    /// <summary>Pause the instance(s): they keep their position and stop trading.</summary>
    Pause,
    /// <summary>Close the instance(s)' open position at the last price.</summary>
    Close,
}
