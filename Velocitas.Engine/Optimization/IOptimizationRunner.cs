namespace Velocitas.Engine.Optimization;

/// <summary>
/// Where an optimisation's combinations run: in this process on all cores (<see cref="InProcessOptimizationRunner"/>,
/// the default) or spread over the machines of a cluster. Every runner gives the same result for the same request.
/// </summary>
public interface IOptimizationRunner
{
    /// <summary>Runs the search; cancelling keeps what finished. Throws <see cref="ArgumentException"/> for a bad request.</summary>
    Task<OptimizationResult> RunAsync(OptimizationRequest request, IProgress<OptimizationProgress>? progress, CancellationToken cancellationToken);
}

/// <summary>Runs the search with <see cref="Optimizer.Run"/> on the calling thread and the thread pool of this process.</summary>
public sealed class InProcessOptimizationRunner : IOptimizationRunner
{
    /// <summary>The one instance (it has no state).</summary>
    public static InProcessOptimizationRunner Instance { get; } = new();

    /// <inheritdoc />
    public Task<OptimizationResult> RunAsync(OptimizationRequest request, IProgress<OptimizationProgress>? progress, CancellationToken cancellationToken) =>
        Task.FromResult(Optimizer.Run(request, progress, cancellationToken));
}
