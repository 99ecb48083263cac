using Npgsql;

namespace Velocitas.Cluster.Hosting;

/// <summary>
/// Orleans' own PostgreSQL scripts for ADO.NET membership (Sql/PostgreSQL-Main.sql and Sql/PostgreSQL-Clustering.sql,
/// shipped unchanged), applied once: under an advisory lock, so silos starting together do not race, and only when
/// the membership table is missing.
/// </summary>
public static class PostgresMembershipSchema
{
    private const long LockId = 0x56454c4f43495441; // "VELOCITA"

    /// <summary>The scripts, in the order they run.</summary>
    public static IReadOnlyList<string> Scripts { get; } = ["PostgreSQL-Main.sql", "PostgreSQL-Clustering.sql"];

    /// <summary>Creates the membership tables, queries and functions unless they exist. Returns true when it created them.</summary>
    public static async Task<bool> EnsureAsync(string connectionString, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_lock({LockId})", connection)) await lockCommand.ExecuteNonQueryAsync(ct);
        try
        {
            await using (var exists = new NpgsqlCommand("SELECT to_regclass('orleansmembershiptable') IS NOT NULL", connection))
            {
                if (await exists.ExecuteScalarAsync(ct) is true) return false;
            }
            await using var transaction = await connection.BeginTransactionAsync(ct);
            foreach (string script in Scripts)
            {
                await using var command = new NpgsqlCommand(Read(script), connection, transaction);
                await command.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
            return true;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockId})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>The text of a shipped script.</summary>
    public static string Read(string script)
    {
        using var stream = typeof(PostgresMembershipSchema).Assembly.GetManifestResourceStream($"Velocitas.Cluster.Sql.{script}")
            ?? throw new InvalidOperationException($"The script {script} is not embedded in Velocitas.Cluster.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
