namespace Velocitas.Engine.Market.Exchanges;

/// <summary>One connection (or run of polls) of a live feed inside the <see cref="ReconnectLoop"/>.</summary>
public sealed class FeedAttempt
{
    private volatile bool _delivered;

    internal FeedAttempt(int number) => Number = number;

    /// <summary>1 for the first attempt, then 2, 3, ... (each one after a reconnection).</summary>
    public int Number { get; }

    /// <summary>True for the first attempt: nothing was missed yet, so there is no gap to fill.</summary>
    public bool First => Number == 1;

    /// <summary>True once this attempt delivered market data (the back-off starts again from its first delay).</summary>
    public bool HasDelivered => _delivered;

    /// <summary>Marks that this attempt delivered market data.</summary>
    public void Delivered() => _delivered = true;
}
