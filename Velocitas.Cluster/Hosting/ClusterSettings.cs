using System.Net;

namespace Velocitas.Cluster.Hosting;

/// <summary>
/// Configuration section <c>Velocitas:Cluster</c>. With no <see cref="Membership"/> there is no cluster and
/// optimisations run in-process as always.
/// </summary>
public sealed class ClusterSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Velocitas:Cluster";

    /// <summary>How silos find each other: empty (no cluster), <c>Localhost</c> (one machine, for development and tests) or <c>Postgres</c> (ADO.NET membership table).</summary>
    public string? Membership { get; set; }

    /// <summary>Silos with the same cluster id form one cluster.</summary>
    public string ClusterId { get; set; } = "velocitas";

    /// <summary>Identifies the application across deployments.</summary>
    public string ServiceId { get; set; } = "velocitas";

    /// <summary>Port silos talk to each other on (each silo on a machine needs its own).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients connect on (each silo on a machine needs its own).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Localhost membership: the silo port of the primary silo (the web app's), which every silo joins through.</summary>
    public int PrimarySiloPort { get; set; } = 11111;

    /// <summary>Postgres membership: the address other machines reach this silo on (default: the machine's own address).</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Postgres membership: connection string of the membership database (default: the app's PostgreSQL database).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Work items this silo runs at once (default: its cores).</summary>
    public int Workers { get; set; } = Environment.ProcessorCount;

    /// <summary>Combinations per work item.</summary>
    public int CombinationsPerItem { get; set; } = 16;

    /// <summary>Longest a work item may take before its silo is considered lost and the item runs elsewhere.</summary>
    public int ItemTimeoutSeconds { get; set; } = 600;

    /// <summary>True when a cluster is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Membership);

    /// <summary>True with PostgreSQL membership.</summary>
    public bool UsesPostgres => string.Equals(Membership, "Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every problem of these settings, naming the key; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var p = new List<string>();
        if (!Enabled) return p;
        if (!UsesPostgres && !string.Equals(Membership, "Localhost", StringComparison.OrdinalIgnoreCase))
            p.Add($"{Section}:Membership must be Localhost or Postgres (was '{Membership}'); leave it empty to run optimisations in this process only.");
        if (string.IsNullOrWhiteSpace(ClusterId)) p.Add($"{Section}:ClusterId must not be empty.");
        if (string.IsNullOrWhiteSpace(ServiceId)) p.Add($"{Section}:ServiceId must not be empty.");
        Port(p, "SiloPort", SiloPort);
        Port(p, "GatewayPort", GatewayPort);
        Port(p, "PrimarySiloPort", PrimarySiloPort);
        if (SiloPort == GatewayPort) p.Add($"{Section}:SiloPort and GatewayPort must differ (both {SiloPort}).");
        if (UsesPostgres && string.IsNullOrWhiteSpace(ConnectionString))
            p.Add($"{Section}:ConnectionString is required with Postgres membership (or use the PostgreSQL database: Velocitas:Database:Provider=Postgres).");
        if (AdvertisedAddress is { Length: > 0 } a && !IPAddress.TryParse(a, out _)) p.Add($"{Section}:AdvertisedAddress must be an IP address (was '{a}').");
        if (Workers is < 1 or > 1024) p.Add($"{Section}:Workers must be between 1 and 1024 (was {Workers}).");
        if (CombinationsPerItem is < 1 or > 100_000) p.Add($"{Section}:CombinationsPerItem must be between 1 and 100000 (was {CombinationsPerItem}).");
        if (ItemTimeoutSeconds is < 5 or > 86_400) p.Add($"{Section}:ItemTimeoutSeconds must be between 5 and 86400 (was {ItemTimeoutSeconds}).");
        return p;
    }

    private static void Port(List<string> p, string key, int value)
    {
        if (value is < 1 or > 65_535) p.Add($"{Section}:{key} must be a port between 1 and 65535 (was {value}).");
    }
}
