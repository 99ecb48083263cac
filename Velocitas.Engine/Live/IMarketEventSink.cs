namespace Velocitas.Engine.Live;

/// <summary>Where a feed hands its events (the engine's broadcast block).</summary>
public interface IMarketEventSink
{
    /// <summary>Publishes one event; never blocks and never drops.</summary>
    void Publish(in MarketEvent e);
}
