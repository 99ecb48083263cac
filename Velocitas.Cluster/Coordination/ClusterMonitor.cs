using Orleans.Runtime;
using Velocitas.Cluster.Contracts;

namespace Velocitas.Cluster.Coordination;

/// <summary>A silo as the cluster panel shows it.</summary>
/// <param name="Address">Silo address.</param>
/// <param name="Name">Silo name.</param>
/// <param name="Status">Membership status (Active, ShuttingDown, Dead...).</param>
/// <param name="Cores">Cores of its machine, when it answered.</param>
/// <param name="Workers">Work items it runs at once, when it answered.</param>
/// <param name="Running">Work items it is running now, when it answered.</param>
/// <param name="CombinationsDone">Combinations it finished since it started, when it answered.</param>
public sealed record SiloStatusView(string Address, string Name, string Status, int? Cores, int? Workers, int? Running, long? CombinationsDone);

/// <summary>One running distributed optimisation.</summary>
/// <param name="Id">Run id.</param>
/// <param name="Done">Combinations finished.</param>
/// <param name="Total">Combinations planned.</param>
/// <param name="Items">Work items in all.</param>
/// <param name="Requeued">Items handed out again after a silo failed.</param>
/// <param name="ElapsedSeconds">Time so far.</param>
/// <param name="CandlesPerSecond">Candle evaluations per second so far.</param>
/// <param name="Silos">Per silo: items in flight and combinations done.</param>
public sealed record ClusterRunView(Guid Id, int Done, int Total, int Items, int Requeued, double ElapsedSeconds, double CandlesPerSecond,
    IReadOnlyList<SiloShareView> Silos);

/// <summary>A silo's part of a run.</summary>
/// <param name="Address">Silo address.</param>
/// <param name="InFlight">Items it is running.</param>
/// <param name="Combinations">Combinations whose results came from it.</param>
public sealed record SiloShareView(string Address, int InFlight, int Combinations);

/// <summary>The cluster at a glance.</summary>
/// <param name="ClusterId">Cluster id.</param>
/// <param name="Membership">localhost or postgres.</param>
/// <param name="Silos">Every silo the membership knows of, active first.</param>
/// <param name="Runs">Distributed optimisations running now.</param>
public sealed record ClusterStatusView(string ClusterId, string Membership, IReadOnlyList<SiloStatusView> Silos, IReadOnlyList<ClusterRunView> Runs)
{
    /// <summary>Cores of the active silos that answered.</summary>
    public int Cores => Silos.Where(s => s.Status == "Active").Sum(s => s.Cores ?? 0);

    /// <summary>Work items in flight over all runs.</summary>
    public int ItemsInFlight => Runs.Sum(r => r.Silos.Sum(s => s.InFlight));
}

/// <summary>The cluster's status, for the API and the Optimization page.</summary>
public interface IClusterStatus
{
    /// <summary>The silos and runs now; each active silo is asked for its figures (at most <paramref name="wait"/>).</summary>
    Task<ClusterStatusView> StatusAsync(TimeSpan wait, CancellationToken ct = default);
}

/// <summary>What the cluster is doing: its silos (asked directly) and the runs this process coordinates.</summary>
public sealed class ClusterMonitor(IGrainFactory grains, IClusterMembershipService membership, ClusterIdentity identity) : IClusterStatus
{
    private readonly Lock _gate = new();
    private readonly List<ClusterRun> _runs = [];

    /// <summary>Distributed runs in progress.</summary>
    public IReadOnlyList<ClusterRun> Runs
    {
        get { lock (_gate) return [.. _runs]; }
    }

    /// <summary>Lists <paramref name="run"/> until the returned handle is disposed.</summary>
    public IDisposable Track(ClusterRun run)
    {
        lock (_gate) _runs.Add(run);
        return new Untrack(this, run);
    }

    /// <inheritdoc />
    public async Task<ClusterStatusView> StatusAsync(TimeSpan wait, CancellationToken ct = default)
    {
        var members = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status is SiloStatus.Active or SiloStatus.Joining or SiloStatus.ShuttingDown or SiloStatus.Stopping)
            .OrderBy(m => m.Status != SiloStatus.Active).ThenBy(m => m.SiloAddress.ToParsableString(), StringComparer.Ordinal).ToList();
        var silos = await Task.WhenAll(members.Select(async m =>
        {
            SiloCapacity? capacity = null;
            if (m.Status == SiloStatus.Active)
            {
                try
                {
                    RequestContext.Set(Orleans.Runtime.Placement.IPlacementDirector.PlacementHintKey, m.SiloAddress);
                    var grain = grains.GetGrain<IOptimizationWorkerGrain>($"{m.SiloAddress.ToParsableString()}|status");
                    capacity = await grain.DescribeAsync().WaitAsync(wait, ct);
                    if (capacity.Silo != m.SiloAddress.ToParsableString())
                    {
                        // placed before the silo was a placement target: shown without figures this time, placed again next time
                        await grain.RetireAsync();
                        capacity = null;
                    }
                }
                catch (Exception ex) when (ex is OrleansException or TimeoutException)
                {
                    // shown without figures
                }
                finally
                {
                    RequestContext.Remove(Orleans.Runtime.Placement.IPlacementDirector.PlacementHintKey);
                }
            }
            return new SiloStatusView(m.SiloAddress.ToParsableString(), m.Name, m.Status.ToString(), capacity?.Cores, capacity?.Workers, capacity?.Running, capacity?.CombinationsDone);
        }));
        return new ClusterStatusView(identity.ClusterId, identity.Membership, silos, Runs.Select(View).ToList());
    }

    /// <summary>A run as the panel shows it.</summary>
    public static ClusterRunView View(ClusterRun run)
    {
        double seconds = run.Elapsed.TotalSeconds;
        return new ClusterRunView(run.Id, run.Done, run.Plan.Combinations.Count, run.Items.Count, run.Requeued, seconds,
            seconds > 0 ? run.CandleEvaluations / seconds : 0,
            run.Silos.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new SiloShareView(s.Key, s.Value.InFlight, s.Value.Combinations)).ToList());
    }

    private sealed class Untrack(ClusterMonitor monitor, ClusterRun run) : IDisposable
    {
        public void Dispose()
        {
            lock (monitor._gate) monitor._runs.Remove(run);
        }
    }
}

/// <summary>Which cluster this silo is in, for the status.</summary>
/// <param name="ClusterId">Cluster id.</param>
/// <param name="Membership">localhost or postgres.</param>
public sealed record ClusterIdentity(string ClusterId, string Membership);
