using Velocitas.Data.Storage;
using Velocitas.Engine.Optimization;

namespace Velocitas.Web.Components.Pages.Optimization;

/// <summary>
/// A combination's figures on the data it was not chosen on: the held-out end (split), or — with walk-forward — its
/// fixed parameters run on each test segment and chained. The latter is not a walk-forward validation (that re-chooses
/// the parameters on each train segment: see the walk-forward table); it only shows how this one set fared there.
/// </summary>
/// <param name="ReturnPct">Return (test segments compounded).</param>
/// <param name="BuyAndHoldPct">Buy &amp; hold of the coin over the same candles.</param>
/// <param name="MaxDrawdownPct">Deepest drawdown.</param>
/// <param name="Trades">Trades.</param>
/// <param name="Sqn">t-statistic of the mean trade, when one sample holds all trades.</param>
public sealed record TestFigures(double ReturnPct, double BuyAndHoldPct, double MaxDrawdownPct, int Trades, double? Sqn)
{
    /// <summary>The column title: "OOS" for a held-out split, "Fixed-params test" for walk-forward.</summary>
    public static string Title(OptimizationSettingsRecord s) => s.WalkForwardWindows > 0 ? "Fixed-params test" : "OOS";

    /// <summary>The title in a table header: "OOS" for a held-out split, "Test" for walk-forward.</summary>
    public static string Short(OptimizationSettingsRecord s) => s.WalkForwardWindows > 0 ? "Test" : "OOS";

    /// <summary>What the title means, for a tooltip.</summary>
    public static string Explanation(OptimizationSettingsRecord s) => s.WalkForwardWindows > 0
        ? $"These parameters, unchanged, run on each of the {s.WalkForwardWindows} walk-forward test segments and chained. Not a walk-forward validation: that re-chooses the parameters on each train segment (see the walk-forward table)."
        : $"These parameters on the last {s.OutOfSampleFraction:P0} of the data, which the in-sample figures did not see.";

    /// <summary>The figures of <paramref name="c"/>, or null when the run had no out-of-sample test.</summary>
    public static TestFigures? Of(CombinationRecord c)
    {
        if (c.OutOfSample is { } m) return new(m.TotalReturnPct, m.BuyAndHoldReturnPct, m.MaxDrawdownPct, m.Trades, m.Sqn);
        if (c.Windows is not { Count: > 0 } w) return null;
        double Chain(Func<WindowRecord, double> pct) => (w.Aggregate(1.0, (a, x) => a * (1 + (pct(x) / 100))) - 1) * 100;
        return new(Chain(x => x.Test.TotalReturnPct), Chain(x => x.Test.BuyAndHoldReturnPct), w.Max(x => x.Test.MaxDrawdownPct), w.Sum(x => x.Test.Trades),
            w.Count == 1 ? w[0].Test.Sqn : null);
    }

    /// <summary>The significance caveat of these figures, or null when the trades are evidence.</summary>
    public string? Caveat => TradeEvidence.Caveat(Trades, Sqn) is { } c && (Trades < TradeEvidence.MinTrades || Sqn is not null) ? c : null;
}
