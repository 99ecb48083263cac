using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;
using Velocitas.Web.Extensions;

namespace Velocitas.Web.Services;

/// <summary>
/// Once the app has started, backtests every built-in strategy three times over 20,000 synthetic candles (held as
/// blocks, as a big dataset is) on a background thread of low priority: the engine's per-candle code is then called
/// often enough to be compiled optimised before the first backtest a user asks for, which otherwise spends its first
/// second in code compiled for a quick start.
/// Nothing is saved or shown; <c>Velocitas:WarmUpEngine=false</c> turns it off.
/// </summary>
public sealed class EngineWarmUp(VelocitasOptions options, ILogger<EngineWarmUp> logger) : BackgroundService
{
    private const int Candles = 20_000;
    private const int Passes = 3;
    private readonly TaskCompletionSource<int> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the number of backtests run (0 when turned off).</summary>
    public Task<int> Completed => _done.Task;

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.WarmUpEngine)
        {
            _done.TrySetResult(0);
            return Task.CompletedTask;
        }
        var thread = new Thread(() => Run(stoppingToken)) { IsBackground = true, Priority = ThreadPriority.BelowNormal, Name = "Engine warm-up" };
        thread.Start();
        return _done.Task;
    }

    private void Run(CancellationToken ct)
    {
        try
        {
            var candles = SyntheticMarket.Generate(seed: 1, startPrice: 30_000, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), Timeframe.OneMinute, Candles);
            var series = Velocitas.Data.Storage.CandleFiles.Compact(candles); // the way a big dataset is walked: blocks decoded on the side
            int runs = 0;
            for (int pass = 0; pass < Passes && !ct.IsCancellationRequested; pass++)
            {
                foreach (var definition in StrategyCatalog.BuiltIn)
                {
                    if (ct.IsCancellationRequested) break;
                    Backtester.RunSampled(series, definition.Create(), TradingDefaults.Execution);
                    runs++;
                }
            }
            logger.LogDebug("Engine warmed up: {Runs} backtests of {Candles} synthetic candles.", runs, Candles);
            _done.TrySetResult(runs);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // a warm-up that fails costs nothing but speed: the app runs as it would without it
            logger.LogWarning(ex, "The engine warm-up stopped early.");
            _done.TrySetResult(0);
        }
    }
}
