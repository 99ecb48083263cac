using Velocitas.Engine.Execution;
using Velocitas.Engine.Optimization;

namespace Velocitas.Web.Services;

/// <summary>
/// What the user asked to optimise on stored datasets (the Optimization page and the API), with the named defaults of
/// <see cref="OptimizationDefaults"/> and <see cref="TradingDefaults"/>; <see cref="OptimizationService.PrepareAsync"/>
/// turns it into the engine's <see cref="OptimizationRequest"/>, which the CLI builds from files directly.
/// </summary>
public sealed record OptimizationSetup
{
    public string Name { get; init; } = "";
    public required IReadOnlyList<int> DatasetIds { get; init; }
    /// <summary>Strategy id → parameter name → range text ("5:50:5", "7,14,21" or "14").</summary>
    public required IReadOnlyDictionary<string, Dictionary<string, string>> Strategies { get; init; }
    public ExecutionSettings Settings { get; init; } = TradingDefaults.Execution;
    public Objective Objective { get; init; } = OptimizationDefaults.Objective;
    public int MinTrades { get; init; } = OptimizationDefaults.MinTrades;
    public double OutOfSampleFraction { get; init; }
    public int WalkForwardWindows { get; init; }
    public int RandomBudget { get; init; }
    public int Seed { get; init; } = OptimizationDefaults.Seed;
}
