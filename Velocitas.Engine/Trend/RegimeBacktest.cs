using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Trend;

/// <summary>How one strategy did during the past periods of one regime on one coin.</summary>
/// <param name="StrategyId">Strategy.</param>
/// <param name="Parameters">Parameters used.</param>
/// <param name="Regime">The regime.</param>
/// <param name="Periods">Past periods tested.</param>
/// <param name="Candles">Candles in them.</param>
/// <param name="CompoundedReturnPct">Return compounded over the periods, %.</param>
/// <param name="MeanReturnPct">Mean return per period, %.</param>
/// <param name="ProfitablePeriods">Periods that ended with a gain.</param>
/// <param name="LosingPeriods">Periods that ended with a loss (the rest did not trade or broke even).</param>
/// <param name="BuyAndHoldPct">Buy &amp; hold compounded over the same periods, %.</param>
/// <param name="Trades">Closed trades.</param>
/// <param name="WinRatePct">Winning trades, % (null without trades).</param>
/// <param name="WorstDrawdownPct">Deepest drawdown within a period, %.</param>
public sealed record RegimeEvidence(
    string StrategyId,
    ParameterSet Parameters,
    MarketRegime Regime,
    int Periods,
    int Candles,
    double CompoundedReturnPct,
    double MeanReturnPct,
    int ProfitablePeriods,
    int LosingPeriods,
    double BuyAndHoldPct,
    int Trades,
    double? WinRatePct,
    double WorstDrawdownPct);

/// <summary>
/// Backtests a strategy restricted to the past periods of one regime: each period is run on its own (flat at the
/// start, closed at its end), after the strategy has read the candles before it so its indicators are warm.
/// The ongoing period is left out: it is the present, not evidence.
/// </summary>
public static class RegimeBacktest
{
    /// <summary>Runs <paramref name="strategy"/> with <paramref name="parameters"/> over every finished period of <paramref name="regime"/> at least <paramref name="minCandles"/> long.</summary>
    public static RegimeEvidence Run(
        ReadOnlySpan<Candle> candles,
        IReadOnlyList<RegimeSegment> segments,
        MarketRegime regime,
        StrategyDefinition strategy,
        ParameterSet parameters,
        ExecutionSettings settings,
        Timeframe timeframe,
        int minCandles = 10)
    {
        double growth = 1, hold = 1, sum = 0, worst = 0;
        int periods = 0, bars = 0, profitable = 0, losing = 0, trades = 0, wins = 0;
        var instance = strategy.Create(parameters);
        int warm = instance.WarmUpPeriod + 2;
        foreach (var s in segments)
        {
            if (s.Regime != regime || s.Ongoing || s.Candles < minCandles) continue;
            int from = Math.Max(0, s.Start - warm);
            var result = Backtester.Run(candles[s.Start..s.End], instance, settings, timeframe, recordEquity: false, warmUp: candles[from..s.Start]);
            var m = result.Metrics;
            periods++;
            bars += s.Candles;
            growth *= 1 + (m.TotalReturnPct / 100);
            hold *= 1 + (m.BuyAndHoldReturnPct / 100);
            sum += m.TotalReturnPct;
            if (m.TotalReturnPct > 0) profitable++;
            else if (m.TotalReturnPct < 0) losing++;
            trades += m.Trades;
            wins += result.Trades.Count(t => t.Pnl > 0);
            worst = Math.Max(worst, m.MaxDrawdownPct);
        }
        return new RegimeEvidence(strategy.Id, parameters, regime, periods, bars, (growth - 1) * 100, periods == 0 ? 0 : sum / periods, profitable, losing,
            (hold - 1) * 100, trades, trades == 0 ? null : wins * 100.0 / trades, worst);
    }
}
