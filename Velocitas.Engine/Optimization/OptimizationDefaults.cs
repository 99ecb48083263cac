namespace Velocitas.Engine.Optimization;

/// <summary>
/// What an optimisation uses when the trader does not say: the same on the Optimization page, in the REST API and on
/// the command line (and printed by <c>optimize --help</c>).
/// </summary>
public static class OptimizationDefaults
{
    /// <summary>Ranked by Sharpe ratio.</summary>
    public const Objective Objective = Velocitas.Engine.Optimization.Objective.Sharpe;

    /// <summary>Runs with fewer trades than this are not ranked (too few to mean anything).</summary>
    public const int MinTrades = 5;

    /// <summary>Seed of the random search, so a random search can be repeated.</summary>
    public const int Seed = 42;
}
