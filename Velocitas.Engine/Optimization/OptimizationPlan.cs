using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Optimization;

/// <summary>One combination of a search: its stable index, the coin, the strategy and the parameter values.</summary>
/// <param name="Index">Position in the search (results are keyed and ordered by it).</param>
/// <param name="Data">The coin's data.</param>
/// <param name="Strategy">The strategy.</param>
/// <param name="Parameters">The parameter values.</param>
public sealed record PlannedCombination(int Index, OptimizationData Data, StrategyDefinition Strategy, ParameterSet Parameters);

/// <summary>
/// The work of an optimisation: every (coin, strategy, parameter set) in a fixed order, the random-search sample drawn
/// from the request's seed. The same request always gives the same plan, so a run split over machines numbers its
/// combinations exactly as a run on one machine.
/// </summary>
public sealed class OptimizationPlan
{
    private OptimizationPlan(OptimizationRequest request, IReadOnlyList<PlannedCombination> combinations, int skipped)
    {
        Request = request;
        Combinations = combinations;
        Skipped = skipped;
    }

    /// <summary>The request planned.</summary>
    public OptimizationRequest Request { get; }

    /// <summary>Every combination, by index.</summary>
    public IReadOnlyList<PlannedCombination> Combinations { get; }

    /// <summary>Grid combinations the strategies rejected.</summary>
    public int Skipped { get; }

    /// <summary>Plans the request. Throws <see cref="ArgumentException"/> naming every problem of the request.</summary>
    public static OptimizationPlan For(OptimizationRequest request)
    {
        var problems = request.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems));
        var combinations = new List<PlannedCombination>();
        int skipped = 0;
        var random = new Random(request.Seed);
        foreach (var data in request.Data)
        {
            foreach (var search in request.Strategies)
            {
                skipped += search.Grid.Skipped;
                foreach (var set in Sample(search.Grid, request.RandomBudget, random))
                    combinations.Add(new PlannedCombination(combinations.Count, data, search.Strategy, set));
            }
        }
        return new OptimizationPlan(request, combinations, skipped);
    }

    /// <summary>The whole grid, or a random sample of <paramref name="budget"/> sets kept in grid order.</summary>
    private static IEnumerable<ParameterSet> Sample(ParameterGrid grid, int budget, Random random)
    {
        if (budget <= 0 || grid.Sets.Count <= budget) return grid.Sets;
        var indexes = Enumerable.Range(0, grid.Sets.Count).ToArray();
        for (int i = 0; i < budget; i++)
        {
            int j = i + random.Next(indexes.Length - i);
            (indexes[i], indexes[j]) = (indexes[j], indexes[i]);
        }
        return indexes.Take(budget).Order().Select(i => grid.Sets[i]).ToList();
    }

    /// <summary>An evaluator for this plan's settings, objective and test design.</summary>
    public CombinationEvaluator Evaluator(IndicatorSeriesCache? cache = null) =>
        new(Request.Settings, Request.Objective, Request.OutOfSampleFraction, Request.WalkForwardWindows, cache);
}
