namespace Velocitas.Engine.Live;

/// <summary>State of the live engine.</summary>
public enum EngineState
{
    /// <summary>No feed running.</summary>
    Stopped,
    /// <summary>Connecting the feed, warming strategies up.</summary>
    Starting,
    /// <summary>Trading.</summary>
    Running,
    /// <summary>Draining the pipeline and saving.</summary>
    Stopping,
}
