using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Velocitas.Cluster.Contracts;
using Velocitas.Engine.Optimization;

namespace Velocitas.Cluster.Coordination;

/// <summary>
/// The state of one distributed run: the queue of items not yet done, each combination's result (the first answer
/// for an index wins, so an item that ran twice after a silo was thought lost counts once), and progress per silo.
/// </summary>
public sealed class ClusterRun
{
    private readonly CombinationEvaluator _evaluator;
    private readonly CombinationResult?[] _results;
    private readonly Channel<ClusterWorkItem> _queue = Channel.CreateUnbounded<ClusterWorkItem>();
    private readonly ConcurrentDictionary<string, SiloShare> _silos = new();
    private readonly ConcurrentDictionary<(string Silo, string Key), int> _series = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IProgress<OptimizationProgress>? _progress;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _done;
    private long _evaluations;
    private long _lastReport = -1_000;
    private int _requeued;

    internal ClusterRun(OptimizationPlan plan, IReadOnlyList<ClusterWorkItem> items, IProgress<OptimizationProgress>? progress)
    {
        Plan = plan;
        Items = items;
        _evaluator = plan.Evaluator();
        _results = new CombinationResult?[plan.Combinations.Count];
        _progress = progress;
        foreach (var item in items) _queue.Writer.TryWrite(item);
        if (_results.Length == 0) Complete();
    }

    /// <summary>Run id.</summary>
    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>The plan.</summary>
    public OptimizationPlan Plan { get; }

    /// <summary>All items of the run.</summary>
    public IReadOnlyList<ClusterWorkItem> Items { get; }

    /// <summary>Completes when every combination has a result (or the run failed).</summary>
    public Task Finished => _finished.Task;

    /// <summary>Combinations with a result.</summary>
    public int Done => Volatile.Read(ref _done);

    /// <summary>Items handed out again because their silo failed.</summary>
    public int Requeued => Volatile.Read(ref _requeued);

    /// <summary>Time since the run started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Candles stepped through by the accepted combinations.</summary>
    public long CandleEvaluations => Interlocked.Read(ref _evaluations);

    /// <summary>Each silo's share so far.</summary>
    public IReadOnlyDictionary<string, SiloShare> Silos => _silos;

    internal ChannelReader<ClusterWorkItem> Queue => _queue.Reader;

    internal void Dispatched(string silo) => Share(silo).Started();

    /// <summary>
    /// Takes an item's figures: each combination not yet answered gets its result; already answered ones are ignored.
    /// Returns how many were new.
    /// </summary>
    internal int Accept(string dispatchedTo, WorkItemOutcome outcome)
    {
        int accepted = 0;
        long evaluations = 0;
        foreach (var m in outcome.Combinations)
        {
            var result = _evaluator.Compose(Plan.Combinations[m.Index], WorkItemRules.Figures(m));
            if (Interlocked.CompareExchange(ref _results[m.Index], result, null) is not null) continue;
            accepted++;
            evaluations += m.CandleEvaluations;
        }
        Interlocked.Add(ref _evaluations, evaluations);
        Share(dispatchedTo).Ended();
        Share(outcome.Silo).Counted(accepted);
        _series.AddOrUpdate((outcome.Silo, Items[outcome.ItemId].Data.Key), outcome.IndicatorSeries, (_, old) => Math.Max(old, outcome.IndicatorSeries));
        int done = Interlocked.Add(ref _done, accepted);
        Report(done);
        if (done == _results.Length) Complete();
        return accepted;
    }

    /// <summary>Puts back an item whose silo failed or stopped, to run elsewhere.</summary>
    internal void Requeue(string silo, ClusterWorkItem item)
    {
        Share(silo).Ended();
        Interlocked.Increment(ref _requeued);
        _queue.Writer.TryWrite(item);
    }

    /// <summary>Returns an item that was handed out when the run was cancelled.</summary>
    internal void Abandon(string silo) => Share(silo).Ended();

    /// <summary>Ends the run with an error (a strategy failed, or no silo is left).</summary>
    internal void Fail(Exception error)
    {
        _queue.Writer.TryComplete();
        _finished.TrySetException(error);
    }

    /// <summary>The combinations that finished, and how the run went.</summary>
    internal OptimizationResult Result(bool cancelled)
    {
        var finished = _results.Where(r => r is not null).Select(r => r!).ToList();
        _progress?.Report(new OptimizationProgress(finished.Count, _results.Length, _clock.Elapsed));
        return Optimizer.Finish(Plan, finished, new Optimizer.RunFigures(cancelled, _clock.Elapsed, CandleEvaluations, _series.Values.Sum()));
    }

    private void Complete()
    {
        _queue.Writer.TryComplete();
        _finished.TrySetResult();
    }

    private void Report(int done)
    {
        long now = _clock.ElapsedMilliseconds, last = Interlocked.Read(ref _lastReport);
        if (_progress is not null && (now - last >= 100 || done == _results.Length) && Interlocked.CompareExchange(ref _lastReport, now, last) == last)
            _progress.Report(new OptimizationProgress(done, _results.Length, _clock.Elapsed));
    }

    private SiloShare Share(string silo) => _silos.GetOrAdd(silo, _ => new SiloShare());
}

/// <summary>One silo's part of a run.</summary>
public sealed class SiloShare
{
    private int _inFlight;
    private int _combinations;

    /// <summary>Items it is running now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Combinations whose result came from it.</summary>
    public int Combinations => Volatile.Read(ref _combinations);

    internal void Started() => Interlocked.Increment(ref _inFlight);

    internal void Ended() => Interlocked.Decrement(ref _inFlight);

    internal void Counted(int combinations) => Interlocked.Add(ref _combinations, combinations);
}
