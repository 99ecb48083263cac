using Velocitas.Cluster.Contracts;
using Velocitas.Engine.Optimization;

namespace Velocitas.Cluster.Coordination;

/// <summary>Cuts a plan into work items: per coin and strategy, blocks of consecutive combinations.</summary>
public static class WorkItemSplitter
{
    /// <summary>
    /// The plan's items, blocks of at most <paramref name="perItem"/> combinations that share a coin and a strategy,
    /// in plan order (every combination is in exactly one item).
    /// </summary>
    public static IReadOnlyList<ClusterWorkItem> Split(OptimizationPlan plan, Guid runId, int perItem, IReadOnlyDictionary<OptimizationData, DatasetTicket> tickets,
        ICandleSource? source)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perItem, 1);
        var rules = WorkItemRules.Of(plan.Request);
        var items = new List<ClusterWorkItem>();
        var all = plan.Combinations;
        for (int start = 0; start < all.Count;)
        {
            var first = all[start];
            int end = start + 1;
            while (end < all.Count && end - start < perItem && all[end].Data == first.Data && all[end].Strategy == first.Strategy) end++;
            var block = Enumerable.Range(start, end - start).Select(i => all[i]).ToList();
            var names = first.Parameters.Keys.ToArray();
            items.Add(new ClusterWorkItem
            {
                RunId = runId, ItemId = items.Count, Data = tickets[first.Data], StrategyId = first.Strategy.Id, ParameterNames = names,
                Indexes = block.Select(c => c.Index).ToArray(), Values = block.Select(c => names.Select(n => c.Parameters[n]).ToArray()).ToArray(),
                Rules = rules, Source = source,
            });
            start = end;
        }
        return items;
    }
}
