using System.Globalization;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Optimization;

/// <summary>
/// Turns an optimisation into advice a trader can act on, every sentence backed by its numbers. Out-of-sample
/// figures (walk-forward, else the held-out split) are used whenever the run has them.
/// </summary>
public static class Recommender
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Builds the recommendations of a finished optimisation.</summary>
    public static IReadOnlyList<Recommendation> Build(OptimizationResult result, IReadOnlyList<StrategyDefinition> strategies)
    {
        var list = new List<Recommendation>();
        string Name(string id) => strategies.FirstOrDefault(s => s.Id == id)?.Name ?? id;
        string Label(string id, ParameterSet p) => $"{Name(id)} ({string.Join(", ", p.Values.Select(v => v.ToString("0.##", Inv)))})";
        string objective = result.Objective.Label();

        if (result.Combinations.Count == 0)
        {
            list.Add(new("warning", null, null, null, "Nothing finished, so there is nothing to recommend."));
            return list;
        }
        if (!result.Combinations.Any(c => c.Rank is not null))
        {
            list.Add(new("warning", null, null, null,
                $"No combination made at least {result.MinTrades} trades with a defined {objective}; lower the minimum, widen the ranges or use longer data."));
        }

        if (result.WalkForward.Count > 0)
        {
            foreach (var coin in result.WalkForward.GroupBy(p => p.Symbol))
            {
                var best = coin.OrderByDescending(p => p.MeanObjective).First();
                var last = best.Windows.LastOrDefault();
                if (last.Chosen is null) continue;
                int n = best.Windows.Count;
                string text = $"{Label(best.StrategyId, last.Chosen)} on {coin.Key}: {objective} {best.MeanObjective.ToString("0.00", Inv)} out-of-sample over {n} walk-forward window{(n == 1 ? "" : "s")}, " +
                    $"return {Signed(best.CompoundedReturnPct)}, max drawdown {best.WorstDrawdownPct.ToString("0.0", Inv)}%, {best.Trades} trades; beat buy & hold in {best.WindowsBeatingBuyAndHold} of {n}.";
                list.Add(best.MeanObjective > 0 && best.CompoundedReturnPct > 0
                    ? new("run", coin.Key, best.StrategyId, last.Chosen, text)
                    : new("warning", coin.Key, best.StrategyId, last.Chosen, $"No strategy made money out-of-sample on {coin.Key}; the best was {text} Consider standing aside."));
                foreach (var p in coin.Where(p => p.Windows.Count > 0 && p.WindowsBeatingBuyAndHold == 0))
                {
                    double strategyReturn = p.Windows.Average(w => w.Result.TestMetrics.TotalReturnPct);
                    double hold = p.Windows.Average(w => w.Result.TestMetrics.BuyAndHoldReturnPct);
                    list.Add(new("avoid", coin.Key, p.StrategyId, null,
                        $"{Name(p.StrategyId)} underperforms buy & hold on {coin.Key} in every window ({Signed(strategyReturn)} against {Signed(hold)} on average per window)."));
                }
                foreach (var p in coin.Where(p => p != best && p.Windows.Count > 0 && p.WindowsBeatingBuyAndHold > 0 && p.CompoundedReturnPct < 0))
                {
                    list.Add(new("avoid", coin.Key, p.StrategyId, null,
                        $"{Name(p.StrategyId)} lost money out-of-sample on {coin.Key}: {Signed(p.CompoundedReturnPct)} over {p.Windows.Count} walk-forward window{(p.Windows.Count == 1 ? "" : "s")}, worst drawdown {p.WorstDrawdownPct.ToString("0.0", Inv)}%."));
                }
            }
        }
        else
        {
            bool oos = result.OutOfSampleFraction > 0;
            foreach (var best in result.BestPerCoin)
            {
                var m = oos ? best.OutOfSample! : best.InSample;
                string where = oos ? $"on the last {result.OutOfSampleFraction:P0} held out" : "in-sample only (add an out-of-sample split or walk-forward to check it)";
                string text = $"{Label(best.StrategyId, best.Parameters)} on {best.Symbol}: {objective} {Format(result.Objective.Value(m))} {where}, " +
                    $"return {Signed(m.TotalReturnPct)} against buy & hold {Signed(m.BuyAndHoldReturnPct)}, max drawdown {m.MaxDrawdownPct.ToString("0.0", Inv)}%, {m.Trades} trades.";
                bool good = result.Objective.Value(m) > 0 && m.TotalReturnPct > 0;
                list.Add(good ? new("run", best.Symbol, best.StrategyId, best.Parameters, text)
                    : new("warning", best.Symbol, best.StrategyId, best.Parameters, $"The best combination on {best.Symbol} did not hold up: {text}"));
                if (oos && best.Objective > 0.5 && result.Objective.Value(m) < best.Objective / 2)
                {
                    list.Add(new("warning", best.Symbol, best.StrategyId, best.Parameters,
                        $"{Label(best.StrategyId, best.Parameters)} on {best.Symbol}: in-sample {objective} {Format(best.Objective)} fell to {Format(result.Objective.Value(m))} out-of-sample; the parameters are probably fitted to noise."));
                }
            }
            foreach (var group in result.Combinations.Where(c => c.Rank is not null).GroupBy(c => (c.Symbol, c.StrategyId)))
            {
                var best = group.OrderBy(c => c.Rank).First();
                var m = oos ? best.OutOfSample! : best.InSample;
                if (m.TotalReturnPct < m.BuyAndHoldReturnPct && group.All(c => (oos ? c.OutOfSample! : c.InSample).TotalReturnPct < (oos ? c.OutOfSample! : c.InSample).BuyAndHoldReturnPct))
                {
                    list.Add(new("avoid", group.Key.Symbol, group.Key.StrategyId, null,
                        $"{Name(group.Key.StrategyId)} underperforms buy & hold on {group.Key.Symbol} with every parameter set tried (best {Signed(m.TotalReturnPct)} against {Signed(m.BuyAndHoldReturnPct)}{(oos ? " out-of-sample" : "")})."));
                }
            }
        }
        return list;
    }

    private static string Signed(double pct) => pct.ToString("+0.0;-0.0;0.0", Inv) + "%";

    private static string Format(double v) => double.IsFinite(v) ? v.ToString("0.00", Inv) : "n/a";
}
