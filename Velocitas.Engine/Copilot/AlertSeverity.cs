namespace Velocitas.Engine.Copilot;

/// <summary>How loud an alert is.</summary>
public enum AlertSeverity
{
    /// <summary>For information.</summary>
    Info,
    /// <summary>Needs a look.</summary>
    Warning,
    /// <summary>Needs action.</summary>
    Critical,
}
