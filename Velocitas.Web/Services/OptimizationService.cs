using System.Collections.Concurrent;
using Velocitas.Data.Storage;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Optimization;
using Velocitas.Engine.Strategies;

namespace Velocitas.Web.Services;

/// <summary>Prepares, runs (off the request thread, on all cores, or on the cluster's silos when there is one) and saves optimisations.</summary>
public sealed class OptimizationService(DatasetStore datasets, CandleCache cache, OptimizationStore store, IOptimizationRunner runner)
{
    private readonly ConcurrentDictionary<Guid, OptimizationJob> _jobs = new();

    /// <summary>
    /// Jobs running now. A finished (or cancelled) job is let go as soon as its result is saved: results live in the
    /// database, so repeated large optimisations do not grow the process; whoever started a job keeps its result.
    /// </summary>
    public IReadOnlyCollection<OptimizationJob> Jobs => _jobs.Values.ToList();

    /// <summary>
    /// Builds the engine request: loads the datasets, parses the ranges, checks the whole. Throws
    /// <see cref="OptimizationSetupException"/> naming the part of the setup that is wrong.
    /// </summary>
    public async Task<(OptimizationRequest Request, OptimizationSettingsRecord Record)> PrepareAsync(OptimizationSetup setup, CancellationToken ct = default)
    {
        if (setup.DatasetIds.Count == 0) throw new OptimizationSetupException(SetupPart.Datasets, "Choose at least one dataset.");
        if (setup.Strategies.Count == 0) throw new OptimizationSetupException(SetupPart.Strategies, "Choose at least one strategy.");
        var request = new OptimizationRequest
        {
            Data = await LoadDataAsync(setup.DatasetIds, ct),
            Strategies = Searches(setup.Strategies),
            Settings = setup.Settings,
            Objective = setup.Objective,
            MinTrades = setup.MinTrades,
            OutOfSampleFraction = setup.OutOfSampleFraction,
            WalkForwardWindows = setup.WalkForwardWindows,
            RandomBudget = setup.RandomBudget,
            Seed = setup.Seed,
        };
        if (request.DataProblems() is { Count: > 0 } short_) throw new OptimizationSetupException(SetupPart.Datasets, string.Join(" ", short_));
        if (request.Problems() is { Count: > 0 } problems) throw new OptimizationSetupException(SetupPart.Settings, string.Join(" ", problems));
        return (request, OptimizationSettingsRecord.Of(request));
    }

    private async Task<List<OptimizationData>> LoadDataAsync(IReadOnlyList<int> ids, CancellationToken ct)
    {
        var data = new List<OptimizationData>();
        foreach (int id in ids.Distinct())
        {
            var d = await datasets.GetAsync(id, ct) ?? throw new OptimizationSetupException(SetupPart.Datasets, $"Dataset #{id} does not exist.");
            data.Add(new OptimizationData(d.Name, d.Symbol, await cache.GetAsync(id, ct), Timeframe.TryParse(d.Timeframe, out var tf) ? tf : Timeframe.OneHour, d.Id));
        }
        return data;
    }

    /// <summary>The strategies and their parsed ranges; a blank range keeps the parameter's default.</summary>
    private static List<StrategySearch> Searches(IReadOnlyDictionary<string, Dictionary<string, string>> strategies)
    {
        var searches = new List<StrategySearch>();
        foreach (var (id, ranges) in strategies)
        {
            if (!StrategyCatalog.TryGet(id, out var definition))
                throw new OptimizationSetupException(SetupPart.Strategies, $"Unknown strategy '{id}'. Available: {string.Join(", ", StrategyCatalog.All.Select(s => s.Id))}.");
            try
            {
                var search = new StrategySearch(definition, ranges.Where(r => !string.IsNullOrWhiteSpace(r.Value))
                    .ToDictionary(r => r.Key, r => ParameterRange.Parse(r.Value, $"{definition.Id}.{r.Key}")));
                if (search.Grid.Sets.Count == 0)
                    throw new OptimizationSetupException(SetupPart.Strategies, $"{definition.Id}: these ranges give no valid combination ({search.Grid.Skipped:N0} rejected), e.g. {search.Grid.FirstRejection}");
                searches.Add(search);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException and not OptimizationSetupException)
            {
                throw new OptimizationSetupException(SetupPart.Strategies, ex.Message, ex);
            }
        }
        return searches;
    }

    /// <summary>Starts an optimisation in the background; its result is saved when it finishes or is cancelled.</summary>
    public async Task<OptimizationJob> StartAsync(OptimizationSetup setup, CancellationToken ct = default)
    {
        var (request, record) = await PrepareAsync(setup, ct);
        var job = new OptimizationJob(setup, request.Combinations);
        _jobs[job.Id] = job;
        job.Completion = Task.Run(async () =>
        {
            try
            {
                var result = await runner.RunAsync(request, new InlineProgress(job.Report), job.Token);
                return await store.SaveAsync(string.IsNullOrWhiteSpace(setup.Name) ? DefaultName(request) : setup.Name, record, result);
            }
            finally
            {
                _jobs.TryRemove(job.Id, out _);
                if (job.Total >= LargeRun) ReturnMemoryWhenIdle();
            }
        });
        return job;
    }

    /// <summary>Runs to the end and returns the saved result (API and CLI).</summary>
    public async Task<OptimizationRunDetails> RunAsync(OptimizationSetup setup, CancellationToken ct = default)
    {
        var job = await StartAsync(setup, ct);
        await using var _ = ct.Register(job.Cancel);
        return await job.Completion;
    }

    // a run this large leaves hundreds of MB of garbage (every combination's metrics, the JSON written for the database)
    private const int LargeRun = 10_000;

    /// <summary>
    /// After a large run, once no optimisation is running and its caller has had a moment to take the result, one
    /// compacting collection gives the run's garbage back to the operating system, so repeated large optimisations do
    /// not leave the process at its high-water mark.
    /// </summary>
    private void ReturnMemoryWhenIdle() => _ = Task.Run(async () =>
    {
        await Task.Delay(TimeSpan.FromSeconds(2));
        if (_jobs.IsEmpty) GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    });

    private static string DefaultName(OptimizationRequest r) =>
        $"{string.Join(", ", r.Strategies.Select(s => s.Strategy.Id))} on {string.Join(", ", r.Data.Select(d => d.Symbol).Distinct())}";

    private sealed class InlineProgress(Action<OptimizationProgress> report) : IProgress<OptimizationProgress>
    {
        public void Report(OptimizationProgress value) => report(value);
    }
}
