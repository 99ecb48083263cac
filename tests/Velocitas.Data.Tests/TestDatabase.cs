using Microsoft.Extensions.Time.Testing;
using Velocitas.Data.Storage;

namespace Velocitas.Data.Tests;

/// <summary>A real database for a test: a SQLite file in a temp folder (or PostgreSQL when given options), migrated and seeded.</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _folder;

    private TestDatabase(string folder, DatabaseOptions options)
    {
        _folder = folder;
        Options = options;
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        Factory = new VelocitasDbContextFactory(options, folder);
        Files = new CandleFiles(Path.Combine(folder, "candles"));
        Datasets = new DatasetStore(Factory, Clock, Files);
        DatabaseOnly = new DatasetStore(Factory, Clock);
        Backtests = new BacktestStore(Factory, Clock);
        Optimizations = new OptimizationStore(Factory, Clock);
    }

    public OptimizationStore Optimizations { get; }

    public DatabaseOptions Options { get; }
    public FakeTimeProvider Clock { get; }
    public VelocitasDbContextFactory Factory { get; }
    public DatasetStore Datasets { get; }

    /// <summary>The binary candle files of <see cref="Datasets"/>.</summary>
    public CandleFiles Files { get; }

    /// <summary>The same database read without candle files (what the files must reproduce).</summary>
    public DatasetStore DatabaseOnly { get; }
    public BacktestStore Backtests { get; }
    public string Folder => _folder;

    public static async Task<TestDatabase> CreateAsync(DatabaseOptions? options = null, string? folder = null)
    {
        var db = new TestDatabase(folder ?? Directory.CreateTempSubdirectory("velocitas-db-").FullName, options ?? new DatabaseOptions());
        await DatabaseInitializer.InitializeAsync(db.Factory, db.Datasets);
        return db;
    }

    /// <summary>A second instance over the same storage, as after a process restart.</summary>
    public Task<TestDatabase> ReopenAsync() => CreateAsync(Options, _folder);

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    public void Delete()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A fact that runs only when VELOCITAS_TEST_POSTGRES holds a connection string (CI starts a server and sets it).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("VELOCITAS_TEST_POSTGRES")))
            Skip = "Set VELOCITAS_TEST_POSTGRES to a PostgreSQL connection string to run this test (.ci/run does).";
    }
}
