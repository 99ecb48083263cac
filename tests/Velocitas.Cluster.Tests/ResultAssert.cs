using Velocitas.Engine.Optimization;

namespace Velocitas.Cluster.Tests;

/// <summary>Two results of the same request are the same figure for figure (only the time taken may differ).</summary>
internal static class ResultAssert
{
    public static void Same(OptimizationResult expected, OptimizationResult actual)
    {
        Assert.False(actual.Cancelled);
        Assert.Equal(expected.Total, actual.Total);
        Assert.Equal(expected.Combinations.Count, actual.Combinations.Count);
        Assert.Equal(expected.CandleEvaluations, actual.CandleEvaluations);
        Assert.Equal(expected.Skipped, actual.Skipped);
        for (int i = 0; i < expected.Combinations.Count; i++)
        {
            var e = expected.Combinations[i];
            var a = actual.Combinations[i];
            Assert.Equal((e.Index, e.Symbol, e.StrategyId, e.Rank), (a.Index, a.Symbol, a.StrategyId, a.Rank));
            Assert.Equal(e.Parameters, a.Parameters);
            Assert.Equal(e.InSample, a.InSample);
            Assert.Equal(e.OutOfSample, a.OutOfSample);
            Assert.Equal(e.Objective, a.Objective);
            Assert.Equal(e.OutOfSampleObjective, a.OutOfSampleObjective);
            Assert.Equal(e.WalkForward is null, a.WalkForward is null);
            if (e.WalkForward is { } ew && a.WalkForward is { } aw)
            {
                Assert.Equal(ew.Windows, aw.Windows);
                Assert.Equal((ew.MeanObjective, ew.CompoundedReturnPct, ew.WorstDrawdownPct, ew.Trades, ew.WindowsBeatingBuyAndHold),
                    (aw.MeanObjective, aw.CompoundedReturnPct, aw.WorstDrawdownPct, aw.Trades, aw.WindowsBeatingBuyAndHold));
            }
        }
        Assert.Equal(expected.Ranked.Select(c => c.Index), actual.Ranked.Select(c => c.Index));
        Assert.Equal(expected.WalkForward.Select(p => (p.Symbol, p.StrategyId, p.MeanObjective, p.CompoundedReturnPct)),
            actual.WalkForward.Select(p => (p.Symbol, p.StrategyId, p.MeanObjective, p.CompoundedReturnPct)));
        Assert.Equal(expected.Recommendations.Select(r => r.Text), actual.Recommendations.Select(r => r.Text));
    }
}
