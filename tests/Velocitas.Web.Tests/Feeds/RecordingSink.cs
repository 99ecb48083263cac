using System.Collections.Concurrent;
using Velocitas.Engine.Live;

namespace Velocitas.Web.Tests.Feeds;

/// <summary>Collects what a feed publishes.</summary>
internal sealed class RecordingSink : IMarketEventSink
{
    public ConcurrentQueue<MarketEvent> Events { get; } = new();

    public void Publish(in MarketEvent e) => Events.Enqueue(e);

    public List<MarketEvent> Of(MarketEventKind kind) => Events.Where(e => e.Kind == kind).ToList();

    public async Task WaitForAsync(Func<RecordingSink, bool> condition, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!condition(this))
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"condition not met; {Events.Count} events received");
            await Task.Delay(20);
        }
    }
}
