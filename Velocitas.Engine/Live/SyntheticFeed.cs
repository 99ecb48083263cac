using Velocitas.Engine.Market;

namespace Velocitas.Engine.Live;

/// <summary>Settings of the synthetic feed.</summary>
public sealed record SyntheticFeedOptions
{
    /// <summary>Seed: the same seed and symbols give the same prices.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Total ticks per second across all symbols (1–100,000), or 0 to run as fast as possible.</summary>
    public int TicksPerSecond { get; init; } = 20;

    /// <summary>Ticks per candle per symbol; each tick advances simulated time by timeframe / this.</summary>
    public int TicksPerCandle { get; init; } = 60;

    /// <summary>Candle interval in simulated time.</summary>
    public Timeframe Timeframe { get; init; } = Timeframe.OneMinute;

    /// <summary>Stop after this many ticks in total (0 = run until stopped).</summary>
    public long MaxTicks { get; init; }

    /// <summary>Simulated time of the first tick; null = the current time rounded down to the timeframe.</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>Throws a clear error for impossible values.</summary>
    public SyntheticFeedOptions Validated()
    {
        if (TicksPerSecond is < 0 or > 100_000) throw new ArgumentOutOfRangeException(nameof(TicksPerSecond), TicksPerSecond, "The synthetic feed's tick rate must be between 1 and 100,000 ticks per second (0 = unthrottled).");
        if (TicksPerCandle is < 1 or > 100_000) throw new ArgumentOutOfRangeException(nameof(TicksPerCandle), TicksPerCandle, "Ticks per candle must be between 1 and 100,000.");
        if (MaxTicks < 0) throw new ArgumentOutOfRangeException(nameof(MaxTicks), MaxTicks, "MaxTicks cannot be negative.");
        return this;
    }
}

/// <summary>
/// Offline, deterministic price feed: one seeded regime-switching process per symbol (trend, range, high
/// volatility), ticks in simulated time, candles built from them. Paced by the injected clock.
/// </summary>
public sealed class SyntheticFeed : IMarketFeed
{
    private readonly SyntheticFeedOptions _options;
    private readonly TimeProvider _clock;

    /// <summary>Creates the feed for <paramref name="symbols"/>.</summary>
    public SyntheticFeed(IEnumerable<string> symbols, SyntheticFeedOptions? options = null, TimeProvider? clock = null)
    {
        Symbols = symbols.Select(s => Symbol.Parse(s).Code).Distinct().ToList();
        if (Symbols.Count == 0) throw new ArgumentException("The synthetic feed needs at least one symbol.", nameof(symbols));
        _options = (options ?? new SyntheticFeedOptions()).Validated();
        _clock = clock ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public string Name => "synthetic";

    /// <summary>The feed's settings (pace, candle size, seed).</summary>
    public SyntheticFeedOptions Options => _options;

    /// <inheritdoc />
    public IReadOnlyList<string> Symbols { get; }

    /// <inheritdoc />
    public Timeframe Timeframe => _options.Timeframe;

    /// <inheritdoc />
    public FeedHealth Health { get; } = new();

    /// <summary>Typical starting price of well-known coins (others start at 100).</summary>
    public static double StartPrice(string symbol) => Symbol.Parse(symbol).Base switch
    {
        "BTC" => 42_000, "ETH" => 2_300, "SOL" => 100, "BNB" => 300, "XRP" => 0.6, "ADA" => 0.5, "DOGE" => 0.08,
        "AVAX" => 35, "DOT" => 7, "LINK" => 15, "MATIC" => 0.8, "LTC" => 70, _ => 100,
    };

    /// <inheritdoc />
    public Task<IReadOnlyList<Candle>> WarmUpAsync(string symbol, int candles, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Candle>>([]);

    /// <inheritdoc />
    public async Task RunAsync(IMarketEventSink sink, CancellationToken cancellationToken)
    {
        var o = _options;
        var step = o.Timeframe.Duration / o.TicksPerCandle;
        var start = o.Start ?? new DateTimeOffset(_clock.GetUtcNow().UtcTicks - (_clock.GetUtcNow().UtcTicks % o.Timeframe.Duration.Ticks), TimeSpan.Zero);
        var markets = Symbols.Select((s, i) =>
        {
            double price = StartPrice(s);
            decimal tick = price >= 100 ? 0.01m : price >= 1 ? 0.0001m : 0.000001m;
            return new SyntheticMarket(o.Seed + (i * 7919), price, 0.0003, meanRegimeLength: o.TicksPerCandle * 120, tickSize: tick);
        }).ToArray();
        var aggregators = Symbols.Select(s => new CandleAggregator(s, o.Timeframe)).ToArray();
        var random = new Random(o.Seed);

        Health.Set(FeedStatus.Connected, $"synthetic, seed {o.Seed}, {(o.TicksPerSecond == 0 ? "unthrottled" : $"{o.TicksPerSecond:N0} ticks/s")}");
        long emitted = 0, round = 0;
        double budget = 0;
        using var timer = o.TicksPerSecond > 0 ? new PeriodicTimer(TimeSpan.FromMilliseconds(1), _clock) : null;
        long lastTick = _clock.GetTimestamp();
        try
        {
            while (!cancellationToken.IsCancellationRequested && (o.MaxTicks == 0 || emitted < o.MaxTicks))
            {
                int allowance;
                if (timer is null)
                {
                    allowance = 4096;
                }
                else
                {
                    if (!await timer.WaitForNextTickAsync(cancellationToken)) break;
                    // pace by elapsed time (timer ticks can be late or merged), in small bursts
                    long nowTs = _clock.GetTimestamp();
                    budget += o.TicksPerSecond * _clock.GetElapsedTime(lastTick, nowTs).TotalSeconds;
                    lastTick = nowTs;
                    allowance = (int)budget;
                    budget -= allowance;
                }
                for (int n = 0; n < allowance && (o.MaxTicks == 0 || emitted < o.MaxTicks); n++)
                {
                    int i = (int)(emitted % markets.Length);
                    if (i == 0 && emitted > 0) round++;
                    var time = start + (step * round);
                    decimal price = markets[i].Next();
                    double quantity = Math.Round(0.001 + (random.NextDouble() * 2), 4);
                    var (_, closed, opened) = aggregators[i].Add(time, price, quantity);
                    if (closed is { } c) sink.Publish(MarketEvent.Closed(Symbols[i], c));
                    if (opened) sink.Publish(MarketEvent.Opened(Symbols[i], time, price));
                    sink.Publish(MarketEvent.Tick(Symbols[i], time, price));
                    emitted++;
                }
                Health.Received(_clock.GetUtcNow());
                if (timer is null) await Task.Yield();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        Health.Set(o.MaxTicks > 0 && emitted >= o.MaxTicks ? FeedStatus.Completed : FeedStatus.Stopped, $"{emitted:N0} ticks sent");
    }
}
