namespace Velocitas.Data;

/// <summary>Which database Velocitas uses (configuration section <c>Velocitas:Database</c>).</summary>
public sealed class DatabaseOptions
{
    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Connection string for PostgreSQL (ignored for SQLite).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>True when the provider is PostgreSQL.</summary>
    public bool IsPostgres => Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase)
        || Provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase)
        || Provider.Equals("Npgsql", StringComparison.OrdinalIgnoreCase);

    /// <summary>The SQLite database file in <paramref name="dataFolder"/>.</summary>
    public static string SqliteFile(string dataFolder) => Path.Combine(dataFolder, "velocitas.db");
}
