using System.Globalization;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Optimization;

/// <summary>
/// Turns an optimisation into one verdict per (coin, strategy), every verdict from the same rule and stated with its
/// numbers. The figures judged are the most honest the run has: the walk-forward process (parameters re-chosen on
/// each train segment, the test segments chained), else the held-out split, else in-sample (labelled as such).
/// <list type="bullet">
/// <item><c>avoid</c>: it lost money, or buy &amp; hold of the coin did at least as well over the same period.</item>
/// <item><c>warning</c>: it beat buy &amp; hold, but only in-sample, or on too few trades / a mean trade that may be luck
/// (<see cref="TradeEvidence"/>), or with a non-positive objective.</item>
/// <item><c>run</c>: out of sample it made money, beat buy &amp; hold, and its trades are evidence, not noise.</item>
/// </list>
/// </summary>
public static class Recommender
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The figures a verdict is made from.</summary>
    /// <param name="Basis">Where they come from, e.g. "out of sample, 3 walk-forward windows chained".</param>
    /// <param name="Validated">True for out-of-sample or walk-forward figures.</param>
    /// <param name="ReturnPct">Strategy return.</param>
    /// <param name="BuyAndHoldPct">Buy &amp; hold of the coin over the same candles.</param>
    /// <param name="Objective">The ranking objective on those figures.</param>
    /// <param name="MaxDrawdownPct">Deepest drawdown.</param>
    /// <param name="Trades">Trades.</param>
    /// <param name="Sqn">t-statistic of the mean trade, when one sample holds all trades.</param>
    /// <param name="Extra">A clause added after the numbers (windows beaten), if any.</param>
    public sealed record Evidence(string Basis, bool Validated, double ReturnPct, double BuyAndHoldPct, double Objective, double MaxDrawdownPct, int Trades, double? Sqn, string? Extra = null);

    /// <summary>The one rule: run, warning or avoid, with the reason in words.</summary>
    public static (string Kind, string Reason) Verdict(Evidence e)
    {
        if (e.ReturnPct <= 0) return ("avoid", "it lost money");
        if (e.ReturnPct <= e.BuyAndHoldPct) return ("avoid", "holding the coin did better");
        if (!e.Validated) return ("warning", "it beat buy & hold in-sample only: test it out of sample (hold-out or walk-forward) before trusting it");
        if (TradeEvidence.Caveat(e.Trades, e.Sqn) is { } caveat && (e.Trades < TradeEvidence.MinTrades || e.Sqn is not null))
            return ("warning", $"it beat buy & hold out of sample, but {caveat}");
        if (!(e.Objective > 0)) return ("warning", "it beat buy & hold out of sample, but its risk-adjusted objective is not positive");
        return ("run", "it made money and beat buy & hold out of sample");
    }

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

        var verdicts = new List<(Recommendation Item, double Edge)>();
        foreach (var group in result.Combinations.GroupBy(c => (c.Symbol, c.StrategyId)))
        {
            var (symbol, strategyId) = group.Key;
            var (evidence, parameters) = EvidenceOf(result, group, symbol, strategyId);
            if (evidence is null)
            {
                verdicts.Add((new("warning", symbol, strategyId, null,
                    $"{Name(strategyId)} on {symbol}: no verdict, no parameter set made at least {result.MinTrades} trades with a defined {objective}."), double.NegativeInfinity));
                continue;
            }
            var (kind, reason) = Verdict(evidence);
            string text = $"{Label(strategyId, parameters!)} on {symbol}, {evidence.Basis}: return {Signed(evidence.ReturnPct)} against buy & hold {Signed(evidence.BuyAndHoldPct)}, " +
                $"{objective} {Format(evidence.Objective)}, max drawdown {evidence.MaxDrawdownPct.ToString("0.0", Inv)}%, {evidence.Trades} trades" +
                $"{(evidence.Extra is { } x ? $", {x}" : "")}. {Capital(kind switch { "run" => "run it", "avoid" => "avoid it", _ => "not proven" })}: {reason}.";
            verdicts.Add((new(kind, symbol, strategyId, parameters, text), evidence.ReturnPct - evidence.BuyAndHoldPct));
        }
        int Order(string kind) => kind switch { "run" => 0, "warning" => 1, _ => 2 };
        list.AddRange(verdicts.OrderBy(v => Order(v.Item.Kind)).ThenByDescending(v => v.Edge).ThenBy(v => v.Item.Symbol, StringComparer.Ordinal).Select(v => v.Item));
        return list;
    }

    /// <summary>
    /// What a coin and strategy's verdict rests on, and the parameters it recommends: the chained walk-forward windows,
    /// else the best ranked set's held-out part, else its in-sample run; none when nothing qualified.
    /// </summary>
    private static (Evidence? Evidence, ParameterSet? Parameters) EvidenceOf(OptimizationResult result, IEnumerable<CombinationResult> group, string symbol, string strategyId)
    {
        if (result.WalkForwardWindows > 0)
        {
            var process = result.WalkForward.FirstOrDefault(p => p.Symbol == symbol && p.StrategyId == strategyId);
            if (process is null || process.Windows.Count == 0) return (null, null);
            int n = process.Windows.Count;
            double hold = (process.Windows.Aggregate(1.0, (a, w) => a * (1 + (w.Result.TestMetrics.BuyAndHoldReturnPct / 100))) - 1) * 100;
            return (new Evidence($"out of sample, {n} walk-forward window{(n == 1 ? "" : "s")} chained (parameters re-chosen on each train segment)", true,
                process.CompoundedReturnPct, hold, process.MeanObjective, process.WorstDrawdownPct, process.Trades, n == 1 ? process.Windows[0].Result.TestMetrics.Sqn : null,
                $"beat buy & hold in {process.WindowsBeatingBuyAndHold} of {n} window{(n == 1 ? "" : "s")}"), process.Windows[^1].Chosen);
        }
        var best = group.Where(c => c.Rank is not null).OrderBy(c => c.Rank).FirstOrDefault();
        if (best is null) return (null, null);
        if (best.OutOfSample is { } oos)
        {
            return (new Evidence($"out of sample, the last {result.OutOfSampleFraction.ToString("P0", Inv)} held out", true,
                oos.TotalReturnPct, oos.BuyAndHoldReturnPct, result.Objective.Value(oos), oos.MaxDrawdownPct, oos.Trades, oos.Sqn,
                $"in-sample it made {Signed(best.InSample.TotalReturnPct)}"), best.Parameters);
        }
        var m = best.InSample;
        return (new Evidence("in-sample, the whole period (no out-of-sample test)", false, m.TotalReturnPct, m.BuyAndHoldReturnPct, best.Objective, m.MaxDrawdownPct, m.Trades, m.Sqn), best.Parameters);
    }

    private static string Signed(double pct) => pct.ToString("+0.0;-0.0;0.0", Inv) + "%";

    private static string Format(double v) => double.IsFinite(v) ? v.ToString("0.00", Inv) : "n/a";

    private static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
