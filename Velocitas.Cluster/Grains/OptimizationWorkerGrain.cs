using Microsoft.Extensions.Hosting;
using Orleans.Runtime;
using Velocitas.Cluster.Contracts;
using Velocitas.Engine.Optimization;
using Velocitas.Engine.Strategies;

namespace Velocitas.Cluster.Grains;

/// <summary>
/// A worker lane: runs a work item's combinations off the grain's turn (on the thread pool), with the candles and
/// indicator series its silo shares between items, and sends back each combination's figures.
/// </summary>
public sealed class OptimizationWorkerGrain(SiloWorkshop workshop, ILocalSiloDetails silo, IHostApplicationLifetime lifetime) : Grain, IOptimizationWorkerGrain
{
    /// <inheritdoc />
    public async Task<WorkItemOutcome> RunAsync(ClusterWorkItem item, CancellationToken cancellationToken)
    {
        workshop.Started();
        bool cancelled = false;
        int finished = 0;
        // the item stops when its run is cancelled, or when this silo is stopping (the item then runs elsewhere)
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        try
        {
            if (workshop.ItemStarting is { } starting) await starting(item, stop.Token);
            var (data, series, fetched) = await workshop.CoinAsync(item);
            var strategy = StrategyCatalog.TryGet(item.StrategyId, out var definition) ? definition
                : throw new InvalidOperationException($"Silo {silo.Name} does not know the strategy '{item.StrategyId}'.");
            var evaluator = new CombinationEvaluator(WorkItemRules.Settings(item.Rules), (Objective)item.Rules.Objective,
                item.Rules.OutOfSampleFraction, item.Rules.WalkForwardWindows, series);
            var measured = await Task.Run(() => Measure(item, data, strategy, evaluator, ref finished, stop.Token), stop.Token);
            return new WorkItemOutcome
            {
                ItemId = item.ItemId, Silo = silo.SiloAddress.ToParsableString(), Combinations = measured,
                IndicatorSeries = series.SeriesComputed, FetchedCandles = fetched,
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
            throw;
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            cancelled = true;
            throw new SiloLeavingException($"Silo {silo.Name} is stopping; work item {item.ItemId} did not finish there.");
        }
        finally
        {
            workshop.Finished(finished, cancelled);
        }
    }

    /// <inheritdoc />
    public Task<SiloCapacity> DescribeAsync() => Task.FromResult(new SiloCapacity
    {
        Silo = silo.SiloAddress.ToParsableString(), Name = silo.Name, Cores = Environment.ProcessorCount, Workers = workshop.Workers,
        Running = workshop.Running, CombinationsDone = workshop.CombinationsDone,
    });

    /// <inheritdoc />
    public Task RetireAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private static MeasuredCombination[] Measure(ClusterWorkItem item, OptimizationData data, StrategyDefinition strategy, CombinationEvaluator evaluator,
        ref int finished, CancellationToken ct)
    {
        var measured = new MeasuredCombination[item.Count];
        for (int i = 0; i < item.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var parameters = new ParameterSet(item.ParameterNames.Select((name, k) => KeyValuePair.Create(name, item.Values[i][k])));
            var figures = evaluator.Measure(data, strategy, parameters);
            measured[i] = new MeasuredCombination
            {
                Index = item.Indexes[i], InSample = figures.InSample, OutOfSample = figures.OutOfSample,
                Train = figures.Windows.Select(w => w.Train).ToArray(), Test = figures.Windows.Select(w => w.Test).ToArray(),
                CandleEvaluations = figures.CandleEvaluations,
            };
            finished++;
        }
        return measured;
    }
}
