namespace Velocitas.Engine.Live;

/// <summary>A subscription's handle: disposing it runs the unsubscribe action once, however often it is disposed.</summary>
public sealed class Unsubscriber(Action unsubscribe) : IDisposable
{
    private Action? _unsubscribe = unsubscribe;

    /// <inheritdoc />
    public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
}
