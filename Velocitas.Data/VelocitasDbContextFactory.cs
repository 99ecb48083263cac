using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Velocitas.Data;

/// <summary>
/// Creates contexts for the configured provider. Registered as the <see cref="IDbContextFactory{TContext}"/>
/// singletons use; each call returns a new, short-lived context.
/// </summary>
public sealed class VelocitasDbContextFactory : IDbContextFactory<VelocitasDbContext>
{
    private readonly Func<VelocitasDbContext> _create;

    /// <summary>Creates the factory for a provider, with EF Core interceptors registered by the host (diagnostics, fault injection in tests).</summary>
    public VelocitasDbContextFactory(DatabaseOptions options, string dataFolder, IEnumerable<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>? interceptors = null)
    {
        var extra = interceptors?.ToArray() ?? [];
        DataFolder = dataFolder;
        IsPostgres = options.IsPostgres;
        if (IsPostgres)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
                throw new InvalidOperationException("Velocitas:Database:Provider is Postgres but no connection string is configured (ConnectionStrings:Velocitas or Velocitas:Database:ConnectionString).");
            var o = new DbContextOptionsBuilder<PostgresVelocitasDbContext>().UseNpgsql(options.ConnectionString).AddInterceptors(extra).Options;
            _create = () => new PostgresVelocitasDbContext(o);
        }
        else
        {
            Directory.CreateDirectory(dataFolder);
            ConnectionString = $"Data Source={DatabaseOptions.SqliteFile(dataFolder)};Cache=Shared;Pooling=True";
            var o = new DbContextOptionsBuilder<SqliteVelocitasDbContext>()
                .UseSqlite(ConnectionString, s => s.CommandTimeout(120))
                .AddInterceptors(extra)
                .Options;
            _create = () => new SqliteVelocitasDbContext(o);
        }
    }

    /// <summary>The data folder (SQLite file, uploads).</summary>
    public string DataFolder { get; }

    /// <summary>True on PostgreSQL.</summary>
    public bool IsPostgres { get; }

    /// <summary>SQLite connection string (null on PostgreSQL).</summary>
    public string? ConnectionString { get; }

    /// <inheritdoc />
    public VelocitasDbContext CreateDbContext() => _create();
}

/// <summary>Design-time factory for <c>dotnet ef migrations add --context SqliteVelocitasDbContext</c>.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteVelocitasDbContext>
{
    /// <inheritdoc />
    public SqliteVelocitasDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteVelocitasDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Design-time factory for <c>dotnet ef migrations add --context PostgresVelocitasDbContext</c>.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresVelocitasDbContext>
{
    /// <inheritdoc />
    public PostgresVelocitasDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresVelocitasDbContext>().UseNpgsql("Host=localhost;Database=velocitas_design").Options);
}
