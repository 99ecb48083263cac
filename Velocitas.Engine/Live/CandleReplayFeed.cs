using Velocitas.Engine.Market;

namespace Velocitas.Engine.Live;

/// <summary>
/// Replays stored candles (imported datasets) as a live feed: for each candle an open, ticks at the open, the
/// extremes in a plausible order and the close, then the candle close. Speed 1 = real time by the candle interval,
/// 10 = ten times faster, 0 = as fast as possible.
/// </summary>
public sealed class CandleReplayFeed : IMarketFeed
{
    private readonly IReadOnlyDictionary<string, Candle[]> _candles;
    private readonly double _speed;
    private readonly TimeProvider _clock;

    /// <summary>Creates a replay of <paramref name="candlesBySymbol"/> (each in time order).</summary>
    public CandleReplayFeed(IReadOnlyDictionary<string, Candle[]> candlesBySymbol, Timeframe timeframe, double speed = 0, TimeProvider? clock = null)
    {
        if (candlesBySymbol.Count == 0) throw new ArgumentException("The replay needs at least one dataset.", nameof(candlesBySymbol));
        if (speed < 0 || double.IsNaN(speed)) throw new ArgumentOutOfRangeException(nameof(speed), speed, "Replay speed must be 0 (as fast as possible) or positive (1 = real time).");
        _candles = candlesBySymbol;
        Symbols = candlesBySymbol.Keys.ToList();
        Timeframe = timeframe;
        _speed = speed;
        _clock = clock ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public string Name => "csv";

    /// <summary>What each symbol replays (e.g. "dataset #3 BTCUSDT 1h"), naming its market; the feed's name when absent.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>();

    /// <inheritdoc />
    public string MarketOf(string symbol) => Sources.TryGetValue(symbol, out var source) ? $"csv replay of {source}" : "csv replay";

    /// <inheritdoc />
    public IReadOnlyList<string> Symbols { get; }

    /// <inheritdoc />
    public Timeframe Timeframe { get; }

    /// <inheritdoc />
    public FeedHealth Health { get; } = new();

    /// <inheritdoc />
    public Task<IReadOnlyList<Candle>> WarmUpAsync(string symbol, int candles, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Candle>>([]);

    /// <inheritdoc />
    public async Task RunAsync(IMarketEventSink sink, CancellationToken cancellationToken)
    {
        Health.Set(FeedStatus.Connected, $"replaying {Symbols.Count} dataset(s) at {(_speed == 0 ? "maximum speed" : $"{_speed:0.##}×")}");
        // merge all symbols by candle time so several coins advance together
        var merged = _candles.SelectMany(kv => kv.Value.Select(c => (Symbol: kv.Key, Candle: c)))
            .OrderBy(x => x.Candle.Time).ThenBy(x => x.Symbol, StringComparer.Ordinal).ToList();
        DateTimeOffset? previous = null;
        int sent = 0;
        try
        {
            foreach (var (symbol, c) in merged)
            {
                if (_speed > 0 && previous is { } p && c.Time > p)
                    await Task.Delay(TimeSpan.FromTicks((long)((c.Time - p).Ticks / _speed)), _clock, cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                previous = c.Time;
                sink.Publish(MarketEvent.Opened(symbol, c.Time, c.Open));
                sink.Publish(MarketEvent.Tick(symbol, c.Time, c.Open));
                // a bullish candle usually dips first, a bearish one rallies first
                var quarter = Timeframe.Duration / 4;
                (decimal a, decimal b) = c.Close >= c.Open ? (c.Low, c.High) : (c.High, c.Low);
                sink.Publish(MarketEvent.Tick(symbol, c.Time + quarter, a));
                sink.Publish(MarketEvent.Tick(symbol, c.Time + (quarter * 2), b));
                sink.Publish(MarketEvent.Tick(symbol, c.Time + (quarter * 3), c.Close));
                sink.Publish(MarketEvent.Closed(symbol, c));
                Health.Received(_clock.GetUtcNow());
                if (++sent % 4096 == 0 && _speed == 0) await Task.Yield();
            }
            Health.Set(FeedStatus.Completed, $"replayed {sent:N0} candles");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Health.Set(FeedStatus.Stopped, $"stopped after {sent:N0} of {merged.Count:N0} candles");
        }
    }
}
