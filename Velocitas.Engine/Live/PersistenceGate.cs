namespace Velocitas.Engine.Live;

/// <summary>
/// Whether trading may go on while its results cannot be saved. When the write-behind backlog reaches its cap
/// (the database refuses writes: disk full, read-only, gone), the gate closes: every instance stops placing orders
/// (as if paused) and says why, rather than trade on unsaved. It opens again once writes succeed and the backlog is
/// down to half the cap. Nothing queued is ever dropped.
/// </summary>
public sealed class PersistenceGate
{
    private volatile string? _reason;

    /// <summary>Why trading is halted, or null while it is not.</summary>
    public string? Reason => _reason;

    /// <summary>True while trading is halted.</summary>
    public bool Halted => _reason is not null;

    internal void Close(string reason) => _reason = reason;

    internal void Open() => _reason = null;
}
