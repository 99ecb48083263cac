using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Velocitas.Engine.Live;

/// <summary>
/// Hands the engine's news (snapshots, trades, signals, candles) to subscribers — pages, sockets, the copilot — off the
/// engine's threads: publishing writes one item into an unbounded channel and never runs subscriber code; one reader
/// calls the subscribers in publication order. A subscriber that throws is logged once and keeps receiving.
/// </summary>
internal sealed class SubscriberDispatch : IAsyncDisposable
{
    private readonly Channel<Action> _queue = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _reader;
    private readonly ILogger _logger;

    public SubscriberDispatch(ILogger logger)
    {
        _logger = logger;
        _reader = Task.Run(ReadAsync);
    }

    public ILogger Logger => _logger;

    public void Post(Action delivery) => _queue.Writer.TryWrite(delivery);

    /// <summary>Completes when everything posted so far has been delivered.</summary>
    public Task WhenDeliveredAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(() => done.TrySetResult())) done.TrySetResult();
        return done.Task;
    }

    private async Task ReadAsync()
    {
        await foreach (var delivery in _queue.Reader.ReadAllAsync().ConfigureAwait(false)) delivery();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _reader.ConfigureAwait(false);
    }
}

/// <summary>One kind of news and its subscribers, delivered through a <see cref="SubscriberDispatch"/>.</summary>
internal sealed class Topic<T>(string name, SubscriberDispatch dispatch)
{
    private ImmutableArray<Subscriber> _subscribers = [];

    public int Count => _subscribers.Length;

    public IDisposable Subscribe(Action<T> callback)
    {
        var subscriber = new Subscriber(callback);
        ImmutableInterlocked.Update(ref _subscribers, a => a.Add(subscriber));
        return new Unsubscriber(() =>
        {
            subscriber.Active = false;
            ImmutableInterlocked.Update(ref _subscribers, a => a.Remove(subscriber));
        });
    }

    public void Publish(T item)
    {
        var subscribers = _subscribers;
        if (subscribers.IsEmpty) return;
        dispatch.Post(() =>
        {
            foreach (var s in subscribers) s.Deliver(item, name, dispatch.Logger);
        });
    }

    private sealed class Subscriber(Action<T> callback)
    {
        private bool _failureLogged;

        public volatile bool Active = true;

        public void Deliver(T item, string topic, ILogger logger)
        {
            if (!Active) return;
            try
            {
                callback(item);
            }
            catch (Exception ex)
            {
                // a subscriber's failure must not stop the engine or the other subscribers
                if (_failureLogged) return;
                _failureLogged = true;
                logger.LogWarning(ex, "A live {Topic} subscriber failed; it keeps receiving (later failures of this subscriber are not logged).", topic);
            }
        }
    }
}
