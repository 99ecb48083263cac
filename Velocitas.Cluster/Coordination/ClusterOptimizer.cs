using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Runtime.Placement;
using Velocitas.Cluster.Contracts;
using Velocitas.Cluster.Grains;
using Velocitas.Engine.Optimization;
using Velocitas.Engine.Strategies;

namespace Velocitas.Cluster.Coordination;

/// <summary>
/// Runs an optimisation on every active silo of the cluster: the plan is cut into work items, each silo gets as many
/// lanes as it has workers, and lanes take items from one queue until it is empty. A silo that joins mid-run gets
/// lanes; the items of a silo that dies go back in the queue; cancelling stops every lane and, through the grain
/// call's token, every silo's running item. The result is the one the single-machine optimiser gives.
/// </summary>
public sealed class ClusterOptimizer(IGrainFactory grains, IClusterMembershipService membership, SiloWorkshop localWorkshop,
    ClusterRunOptions options, ClusterMonitor monitor, ILogger<ClusterOptimizer> logger) : IOptimizationRunner
{
    private IGrainFactory Grains { get; } = grains;
    private ClusterRunOptions Options { get; } = options;
    private ILogger Logger { get; } = logger;

    /// <inheritdoc />
    public async Task<OptimizationResult> RunAsync(OptimizationRequest request, IProgress<OptimizationProgress>? progress, CancellationToken cancellationToken)
    {
        // a user strategy is compiled in this process only: its optimisation runs here, as without a cluster
        if (request.Strategies.Any(s => StrategyCatalog.IsUserStrategy(s.Strategy.Id)))
        {
            Logger.LogInformation("The optimisation uses a user strategy, which only this silo has compiled: it runs in this process.");
            return await Task.Run(() => Optimizer.Run(request, progress, cancellationToken), CancellationToken.None);
        }
        var plan = OptimizationPlan.For(request);
        var shipment = new CandleShipment(request.Data);
        foreach (var (data, ticket) in shipment.Tickets) localWorkshop.Offer(ticket, data.Candles);
        var source = Grains.CreateObjectReference<ICandleSource>(shipment);
        try
        {
            var runId = Guid.NewGuid();
            var run = new ClusterRun(plan, WorkItemSplitter.Split(plan, runId, Options.CombinationsPerItem, shipment.Tickets, source), progress);
            using var _ = monitor.Track(run);
            return await DriveAsync(run, cancellationToken);
        }
        finally
        {
            Grains.DeleteObjectReference<ICandleSource>(source);
            // the reference holds the shipment weakly: without this, optimised code lets it be collected during the run
            // (nothing reads it after the split), and a silo that then asks for candles waits for an answer that never comes
            GC.KeepAlive(shipment);
        }
    }

    private async Task<OptimizationResult> DriveAsync(ClusterRun run, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var lanes = new LaneSet(this, run, stop.Token);
        var watching = WatchMembershipAsync(lanes, stop.Token);
        bool cancelled = false;
        try
        {
            await run.Finished.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }
        finally
        {
            await stop.CancelAsync();
            await lanes.StoppedAsync();
            await watching;
        }
        return run.Result(cancelled);
    }

    /// <summary>Starts lanes on each silo that becomes active, for as long as the run lasts.</summary>
    private async Task WatchMembershipAsync(LaneSet lanes, CancellationToken ct)
    {
        try
        {
            lanes.Add(Active(membership.CurrentSnapshot));
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(ct)) lanes.Add(Active(snapshot));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the run is over
        }
    }

    private static IEnumerable<SiloAddress> Active(ClusterMembershipSnapshot snapshot) =>
        snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress);

    private bool IsActive(SiloAddress silo) => membership.CurrentSnapshot.GetSiloStatus(silo) == SiloStatus.Active;

    /// <summary>Calls a grain with the hint to activate it on <paramref name="silo"/>.</summary>
    private static async Task<T> OnSiloAsync<T>(SiloAddress silo, Func<Task<T>> call)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            return await call();
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    /// <summary>A failure that says the silo is gone or unreachable (its item runs elsewhere), not that the item is wrong.</summary>
    private static bool IsSiloFault(Exception ex) => ex is OrleansException or TimeoutException;

    /// <summary>How long a silo that has just joined may take to become a placement target.</summary>
    private static readonly TimeSpan JoinWait = TimeSpan.FromSeconds(30);

    /// <summary>The lanes of one run, per silo.</summary>
    private sealed class LaneSet(ClusterOptimizer owner, ClusterRun run, CancellationToken ct)
    {
        private readonly Lock _gate = new();
        private readonly HashSet<SiloAddress> _silos = [];
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _leaving = new();
        private readonly List<Task> _lanes = [];
        private int _running;

        public void Add(IEnumerable<SiloAddress> silos)
        {
            lock (_gate)
            {
                foreach (var silo in silos)
                {
                    if (ct.IsCancellationRequested || !_silos.Add(silo)) continue;
                    Interlocked.Increment(ref _running);
                    _lanes.Add(StartSiloAsync(silo));
                }
            }
        }

        public async Task StoppedAsync()
        {
            Task[] lanes;
            lock (_gate) lanes = [.. _lanes];
            await Task.WhenAll(lanes);
        }

        private async Task StartSiloAsync(SiloAddress silo)
        {
            try
            {
                string key = silo.ToParsableString();
                if (await DescribeAsync(silo, key) is not { } capacity) return;
                owner.Logger.LogInformation("Silo {Silo} ({Name}) takes work items with {Workers} worker(s).", key, capacity.Name, capacity.Workers);
                Interlocked.Add(ref _running, capacity.Workers);
                await Task.WhenAll(Enumerable.Range(0, capacity.Workers).Select(lane => LaneAsync(silo, key, lane)));
            }
            catch (Exception ex) when (IsSiloFault(ex))
            {
                owner.Logger.LogWarning("Silo {Silo} did not answer; it gets no work in this run ({Error}).", silo, ex.Message);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // the run is over
            }
            finally
            {
                LaneEnded();
            }
        }

        /// <summary>
        /// The silo's capacity, asked of a grain placed on it. A silo that has just joined may not be known to the
        /// placement yet (the grain lands elsewhere): then it is asked again, for up to <see cref="JoinWait"/>.
        /// </summary>
        private async Task<SiloCapacity?> DescribeAsync(SiloAddress silo, string key)
        {
            for (int attempt = 0; attempt < JoinWait.TotalSeconds * 2; attempt++)
            {
                var probe = owner.Grains.GetGrain<IOptimizationWorkerGrain>($"{key}|{run.Id:N}|probe{attempt}");
                var capacity = await OnSiloAsync(silo, probe.DescribeAsync);
                if (capacity.Silo == key) return capacity;
                await probe.RetireAsync();
                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            }
            owner.Logger.LogWarning("Silo {Silo} could not be given work items: grains meant for it were placed elsewhere for {Seconds} s.", key, JoinWait.TotalSeconds);
            return null;
        }

        private async Task LaneAsync(SiloAddress silo, string key, int lane)
        {
            var grain = owner.Grains.GetGrain<IOptimizationWorkerGrain>($"{key}|{run.Id:N}|{lane}");
            int failures = 0;
            try
            {
                while (!run.Finished.IsCompleted && !_leaving.ContainsKey(key) && await run.Queue.WaitToReadAsync(ct))
                {
                    if (!run.Queue.TryRead(out var item)) continue;
                    if (!await RunItemAsync(silo, key, grain, item) && (++failures >= owner.Options.MaxLaneFailures || !owner.IsActive(silo))) return;
                    else failures = 0;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // the run is over
            }
            finally
            {
                LaneEnded();
            }
        }

        /// <summary>Runs one item on the lane; false when its silo failed (the item is back in the queue).</summary>
        private async Task<bool> RunItemAsync(SiloAddress silo, string key, IOptimizationWorkerGrain grain, ClusterWorkItem item)
        {
            run.Dispatched(key);
            try
            {
                var outcome = await OnSiloAsync(silo, () => grain.RunAsync(item, ct));
                run.Accept(key, outcome);
                return true;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                run.Abandon(key);
                throw;
            }
            catch (SiloLeavingException ex)
            {
                owner.Logger.LogInformation("{Message} It goes back in the queue.", ex.Message);
                _leaving[key] = true;
                run.Requeue(key, item);
                return false;
            }
            catch (Exception ex) when (IsSiloFault(ex))
            {
                owner.Logger.LogWarning("Work item {Item} failed on silo {Silo} ({Error}); it goes back in the queue.", item.ItemId, key, ex.Message);
                run.Requeue(key, item);
                return false;
            }
            catch (Exception ex)
            {
                run.Abandon(key);
                run.Fail(ex);
                return false;
            }
        }

        private void LaneEnded()
        {
            if (Interlocked.Decrement(ref _running) == 0 && !ct.IsCancellationRequested && !run.Finished.IsCompleted)
                run.Fail(new InvalidOperationException($"No silo is left to run the remaining {run.Plan.Combinations.Count - run.Done:N0} combinations."));
        }
    }
}
