using System.Collections.Concurrent;
using Velocitas.Data.Storage;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;
using Velocitas.Engine.Optimization;
using Velocitas.Engine.Strategies;

namespace Velocitas.Web.Services;

/// <summary>What the user asked to optimise (from the page, the API or the CLI).</summary>
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

/// <summary>An optimisation running in the background: progress, cancel, and the saved result when done.</summary>
public sealed class OptimizationJob
{
    private readonly CancellationTokenSource _cts = new();
    private volatile OptimizationProgress _progress;

    internal OptimizationJob(OptimizationSetup setup, int total)
    {
        Setup = setup;
        Total = total;
        _progress = new OptimizationProgress(0, total, TimeSpan.Zero);
    }

    /// <summary>Runs it makes in all.</summary>
    public int Total { get; }

    public Guid Id { get; } = Guid.NewGuid();
    public OptimizationSetup Setup { get; }
    public OptimizationProgress Progress => _progress;
    public Task<OptimizationRunDetails> Completion { get; internal set; } = default!;
    public event Action<OptimizationProgress>? ProgressChanged;
    internal CancellationToken Token => _cts.Token;

    /// <summary>Stops the search; the finished combinations are saved.</summary>
    public void Cancel() => _cts.Cancel();

    internal void Report(OptimizationProgress p)
    {
        _progress = p;
        ProgressChanged?.Invoke(p);
    }
}

/// <summary>Prepares, runs (off the request thread, on all cores) and saves optimisations.</summary>
public sealed class OptimizationService(DatasetStore datasets, CandleCache cache, OptimizationStore store)
{
    private readonly ConcurrentDictionary<Guid, OptimizationJob> _jobs = new();

    /// <summary>
    /// Jobs running now. A finished (or cancelled) job is let go as soon as its result is saved: results live in the
    /// database, so repeated large optimisations do not grow the process; whoever started a job keeps its result.
    /// </summary>
    public IReadOnlyCollection<OptimizationJob> Jobs => _jobs.Values.ToList();

    /// <summary>Builds the engine request: loads the datasets, parses the ranges. Throws <see cref="ArgumentException"/> or <see cref="FormatException"/> with what is wrong.</summary>
    public async Task<(OptimizationRequest Request, OptimizationSettingsRecord Record)> PrepareAsync(OptimizationSetup setup, CancellationToken ct = default)
    {
        if (setup.DatasetIds.Count == 0) throw new ArgumentException("Choose at least one dataset.");
        if (setup.Strategies.Count == 0) throw new ArgumentException("Choose at least one strategy.");
        var data = new List<OptimizationData>();
        foreach (int id in setup.DatasetIds.Distinct())
        {
            var d = await datasets.GetAsync(id, ct) ?? throw new ArgumentException($"Dataset #{id} does not exist.");
            data.Add(new OptimizationData(d.Name, d.Symbol, await cache.GetAsync(id, ct), Timeframe.TryParse(d.Timeframe, out var tf) ? tf : Timeframe.OneHour, d.Id));
        }
        var searches = new List<StrategySearch>();
        foreach (var (id, ranges) in setup.Strategies)
        {
            var definition = StrategyCatalog.Get(id);
            searches.Add(new StrategySearch(definition, ranges.Where(r => !string.IsNullOrWhiteSpace(r.Value))
                .ToDictionary(r => r.Key, r => ParameterRange.Parse(r.Value, $"{definition.Id}.{r.Key}"))));
        }
        foreach (var search in searches)
        {
            var grid = search.Grid;
            if (grid.Sets.Count == 0)
                throw new ArgumentException($"{search.Strategy.Id}: these ranges give no valid combination ({grid.Skipped:N0} rejected), e.g. {grid.FirstRejection}");
        }
        var request = new OptimizationRequest
        {
            Data = data,
            Strategies = searches,
            Settings = setup.Settings,
            Objective = setup.Objective,
            MinTrades = setup.MinTrades,
            OutOfSampleFraction = setup.OutOfSampleFraction,
            WalkForwardWindows = setup.WalkForwardWindows,
            RandomBudget = setup.RandomBudget,
            Seed = setup.Seed,
        };
        var problems = request.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems));
        var record = new OptimizationSettingsRecord(data.Select(d => d.Name).ToList(), data.Select(d => d.DatasetId).ToList(), data.Select(d => d.Symbol).ToList(),
            setup.Strategies.Select(s => new StrategyRangeRecord(StrategyCatalog.Get(s.Key).Id, s.Value)).ToList(),
            setup.Settings, setup.Objective.ToString().ToLowerInvariant(), setup.MinTrades, setup.OutOfSampleFraction, setup.WalkForwardWindows, setup.RandomBudget, setup.Seed);
        return (request, record);
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
                var result = Optimizer.Run(request, new InlineProgress(job.Report), job.Token);
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
