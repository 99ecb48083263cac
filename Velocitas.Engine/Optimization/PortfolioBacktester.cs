using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Optimization;

/// <summary>One (strategy, coin) pair of a portfolio and its share of the cash.</summary>
/// <param name="Symbol">Coin.</param>
/// <param name="Candles">Its candles.</param>
/// <param name="Timeframe">Their interval.</param>
/// <param name="Strategy">The strategy.</param>
/// <param name="Parameters">Its parameters.</param>
/// <param name="Weight">Relative weight (all equal = equal allocation).</param>
public sealed record PortfolioLeg(string Symbol, Candle[] Candles, Timeframe Timeframe, StrategyDefinition Strategy, IReadOnlyDictionary<string, double>? Parameters, double Weight = 1);

/// <summary>A leg's share of the portfolio result.</summary>
/// <param name="Leg">The pair.</param>
/// <param name="Allocation">Cash it started with.</param>
/// <param name="Result">Its own backtest.</param>
/// <param name="ContributionPct">Its P&amp;L as a percentage of the whole portfolio's starting cash.</param>
public sealed record PortfolioLegResult(PortfolioLeg Leg, decimal Allocation, BacktestResult Result, double ContributionPct);

/// <summary>A portfolio backtest: combined equity and metrics, each leg's contribution, correlation of the legs' returns.</summary>
/// <param name="Legs">Each leg.</param>
/// <param name="Combined">The whole portfolio as one backtest result (all trades, combined equity).</param>
/// <param name="Correlation">Pearson correlation of the legs' per-candle returns on their common timestamps.</param>
public sealed record PortfolioResult(IReadOnlyList<PortfolioLegResult> Legs, BacktestResult Combined, double[,] Correlation)
{
    /// <summary>The symbol of each trade of <see cref="Combined"/>, in the same order.</summary>
    public IReadOnlyList<string> TradeSymbols { get; init; } = [];
}

/// <summary>
/// Several (strategy, coin) pairs sharing one cash pool: the cash is split by weight, each pair trades its share
/// with the usual rules, and the equities are added up at every timestamp (a leg's equity is carried forward
/// between its candles and is its allocation before its first candle).
/// </summary>
public static class PortfolioBacktester
{
    /// <summary>Runs the portfolio; <paramref name="settings"/>' initial cash is the whole pool.</summary>
    public static PortfolioResult Run(IReadOnlyList<PortfolioLeg> legs, ExecutionSettings settings)
    {
        if (legs.Count == 0) throw new ArgumentException("A portfolio needs at least one (strategy, coin) pair.", nameof(legs));
        if (legs.Any(l => !(l.Weight > 0) || double.IsInfinity(l.Weight))) throw new ArgumentException("Every weight must be a positive number.", nameof(legs));
        settings.Validated();
        double totalWeight = legs.Sum(l => l.Weight);
        var legResults = new List<PortfolioLegResult>();
        foreach (var leg in legs)
        {
            decimal allocation = Math.Round(settings.InitialCash * (decimal)(leg.Weight / totalWeight), 8);
            var legRun = Backtester.Run(leg.Candles, leg.Strategy.Create(leg.Parameters), settings with { InitialCash = allocation }, leg.Timeframe);
            legResults.Add(new PortfolioLegResult(leg, allocation, legRun, 0));
        }
        decimal pool = legResults.Sum(l => l.Allocation);
        legResults = legResults.Select(l => l with { ContributionPct = (double)((l.Result.Metrics.FinalEquity - l.Allocation) / pool) * 100 }).ToList();

        // combined equity on the union of timestamps, each leg carried forward
        var times = legResults.SelectMany(l => l.Result.Equity.Select(e => e.Time)).Distinct().Order().ToArray();
        var combined = new Equity[times.Length];
        var cursors = new int[legResults.Count];
        var current = legResults.Select(l => l.Allocation).ToArray();
        var stats = new EquityStatistics(pool);
        for (int t = 0; t < times.Length; t++)
        {
            for (int l = 0; l < legResults.Count; l++)
            {
                var eq = legResults[l].Result.Equity;
                while (cursors[l] < eq.Count && eq[cursors[l]].Time <= times[t])
                {
                    current[l] = eq[cursors[l]].Value;
                    cursors[l]++;
                }
            }
            decimal total = current.Sum();
            combined[t] = new Equity(times[t], total);
            bool exposed = legResults.Any(l => IsExposed(l.Result.Trades, times[t]));
            stats.Add(times[t], total, total, exposed);
        }
        var trades = legResults.SelectMany(l => l.Result.Trades.Select(tr => (Trade: tr, l.Leg.Symbol))).OrderBy(x => x.Trade.EntryTime).ToList();
        var timeframe = legResults.Select(l => l.Result.Timeframe).MinBy(tf => tf.Duration);
        var metrics = PerformanceMetrics.Compute(stats, trades.Select(t => t.Trade).ToList(), legResults.Sum(l => l.Result.Metrics.FeesPaid), timeframe.Duration) with
        {
            BuyAndHoldReturnPct = legResults.Sum(l => (double)l.Allocation * l.Result.Metrics.BuyAndHoldReturnPct) / (double)pool,
        };
        var result = new BacktestResult
        {
            StrategyId = "portfolio",
            Parameters = ParameterSet.Empty,
            Settings = settings with { InitialCash = pool },
            Candles = times.Length,
            Timeframe = timeframe,
            First = times.Length > 0 ? times[0] : null,
            Last = times.Length > 0 ? times[^1] : null,
            Metrics = metrics,
            Trades = trades.Select(t => t.Trade).ToList(),
            Equity = combined,
            RejectedOrders = legResults.Sum(l => l.Result.RejectedOrders),
        };
        return new PortfolioResult(legResults, result, Correlation(legResults)) { TradeSymbols = trades.Select(t => t.Symbol).ToList() };
    }

    private static bool IsExposed(IReadOnlyList<Trade> trades, DateTimeOffset time)
    {
        foreach (var t in trades)
        {
            if (t.EntryTime <= time && time < t.ExitTime) return true;
        }
        return false;
    }

    /// <summary>Pearson correlation of per-candle equity returns on the timestamps all legs share.</summary>
    private static double[,] Correlation(IReadOnlyList<PortfolioLegResult> legs)
    {
        int n = legs.Count;
        var matrix = new double[n, n];
        var common = legs.Select(l => l.Result.Equity.Select(e => e.Time)).Aggregate((a, b) => a.Intersect(b)).Order().ToArray();
        var returns = legs.Select(l =>
        {
            var byTime = l.Result.Equity.ToDictionary(e => e.Time, e => (double)e.Value);
            var values = common.Select(t => byTime[t]).ToArray();
            return values.Skip(1).Select((v, i) => values[i] == 0 ? 0 : (v / values[i]) - 1).ToArray();
        }).ToArray();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
                matrix[i, j] = i == j ? 1 : Pearson(returns[i], returns[j]);
        }
        return matrix;
    }

    private static double Pearson(double[] a, double[] b)
    {
        if (a.Length < 2) return double.NaN;
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int k = 0; k < a.Length; k++)
        {
            sab += (a[k] - ma) * (b[k] - mb);
            saa += (a[k] - ma) * (a[k] - ma);
            sbb += (b[k] - mb) * (b[k] - mb);
        }
        return saa == 0 || sbb == 0 ? double.NaN : sab / Math.Sqrt(saa * sbb);
    }
}
