using Microsoft.Extensions.Logging;

namespace Velocitas.Engine.Live;

/// <summary>
/// Saves that an instance was paused by a fault of its strategy (with the reason), off the instance's worker, so it is
/// still paused with its error after a restart. A save that fails is logged once; the instance stays paused in memory.
/// </summary>
internal sealed class FaultRecorder(ILiveStore store, ILogger logger)
{
    private readonly List<Task> _writes = [];

    /// <summary>Records a fault of instance <paramref name="id"/>.</summary>
    public void Record(int id, string reason)
    {
        lock (_writes)
        {
            _writes.RemoveAll(t => t.IsCompleted);
            _writes.Add(SaveAsync(id, reason));
        }
    }

    /// <summary>Completes once every fault recorded so far is saved.</summary>
    public Task SavedAsync()
    {
        lock (_writes) return Task.WhenAll(_writes.ToArray());
    }

    private async Task SaveAsync(int id, string reason)
    {
        try
        {
            await store.SetPausedAsync(id, true, reason, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // the instance is paused in memory either way; only a restart would forget it
            logger.LogError(ex, "Could not save that live instance #{Id} was paused: {Reason}", id, reason);
        }
    }
}
