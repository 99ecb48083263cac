using Velocitas.Engine.Execution;

namespace Velocitas.Engine.Live;

/// <summary>A persisted instance as loaded at start-up.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Spec">What it runs.</param>
/// <param name="State">Its account, null when it never traded.</param>
/// <param name="Paused">Paused instances receive data but do not trade.</param>
/// <param name="LastPrice">Last price the instance saw, to mark its position until new data arrives.</param>
/// <param name="PauseReason">Why it was paused when its strategy's code failed (shown again after a restart).</param>
public sealed record PersistedInstance(int Id, InstanceSpec Spec, AccountState? State, bool Paused, decimal? LastPrice = null, string? PauseReason = null);
