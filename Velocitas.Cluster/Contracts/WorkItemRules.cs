using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Optimization;

namespace Velocitas.Cluster.Contracts;

/// <summary>Turns a request's rules into their travelling form and back, and figures back into engine records.</summary>
public static class WorkItemRules
{
    /// <summary>The rules of <paramref name="request"/>.</summary>
    public static ItemRules Of(OptimizationRequest request) => new()
    {
        InitialCash = request.Settings.InitialCash, FeeRate = request.Settings.FeeRate, SlippageBps = request.Settings.SlippageBps,
        LotStep = request.Settings.LotStep, StopLossPct = request.Settings.StopLossPct, TakeProfitPct = request.Settings.TakeProfitPct,
        TrailingStopPct = request.Settings.TrailingStopPct, Objective = (int)request.Objective,
        OutOfSampleFraction = request.OutOfSampleFraction, WalkForwardWindows = request.WalkForwardWindows,
    };

    /// <summary>The execution settings of <paramref name="rules"/>.</summary>
    public static ExecutionSettings Settings(ItemRules rules) => new()
    {
        InitialCash = rules.InitialCash, FeeRate = rules.FeeRate, SlippageBps = rules.SlippageBps, LotStep = rules.LotStep,
        StopLossPct = rules.StopLossPct, TakeProfitPct = rules.TakeProfitPct, TrailingStopPct = rules.TrailingStopPct,
    };

    /// <summary>The engine's figures of a measured combination.</summary>
    public static CombinationFigures Figures(MeasuredCombination m) =>
        new(m.InSample, m.OutOfSample, m.Train.Zip(m.Test, (train, test) => (train, test)).ToList(), m.CandleEvaluations);
}
