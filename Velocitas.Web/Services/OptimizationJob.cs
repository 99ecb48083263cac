using Velocitas.Data.Storage;
using Velocitas.Engine.Optimization;

namespace Velocitas.Web.Services;

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
