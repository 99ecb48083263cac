using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Velocitas.Data.Import;
using Velocitas.Data.Storage;
using Velocitas.Engine.Optimization;
using Velocitas.Web.Extensions;
using Velocitas.Web.Services;

namespace Velocitas.Web.Tests;

/// <summary>Finished optimisations live in the database, not in the process.</summary>
public class OptimizationMemoryTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("velocitas-opt-memory-").FullName;
    private ServiceProvider _services = default!;
    private int _datasetId;

    public async Task InitializeAsync()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Velocitas:DataPath"] = _folder }).Build();
        _services = new ServiceCollection().AddSingleton<IConfiguration>(config).AddVelocitasCore()
            .AddSingleton<CandleCache>().AddSingleton<IOptimizationRunner>(InProcessOptimizationRunner.Instance).AddSingleton<OptimizationService>().BuildServiceProvider();
        await _services.InitializeDatabaseAsync();
        var parsed = CandleFileParser.Parse(SharedData.Reference("GOOG.csv"));
        _datasetId = (await _services.GetRequiredService<DatasetStore>().ImportAsync(parsed, "GOOG", "GOOG", "test", "GOOG.csv")).Dataset.Id;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_finished_optimisation_is_released_by_the_service_and_its_result_stays_in_the_database()
    {
        var service = _services.GetRequiredService<OptimizationService>();
        var (job, result, savedId) = await RunOnce(service);

        Assert.Empty(service.Jobs);
        await AssertCollected(job, result);
        var saved = await _services.GetRequiredService<OptimizationStore>().GetAsync(savedId);
        Assert.NotNull(saved);
        Assert.Equal(10 * 10, saved!.Combinations.Count);
    }

    [Fact]
    public async Task A_cancelled_optimisation_is_released_too()
    {
        var service = _services.GetRequiredService<OptimizationService>();
        var (job, result, savedId) = await RunOnce(service, cancel: true);

        Assert.Empty(service.Jobs);
        await AssertCollected(job, result);
        Assert.Equal("cancelled", (await _services.GetRequiredService<OptimizationStore>().GetAsync(savedId))!.Summary.Status);
    }

    // 100 combinations; the cancelled run asks for 10,569 (millions of candle evaluations), so Cancel lands long before its end
    private OptimizationSetup Setup(bool big = false) => new()
    {
        DatasetIds = [_datasetId],
        Strategies = new Dictionary<string, Dictionary<string, string>>
        {
            ["sma-crossover"] = big ? new() { ["fast"] = "2:40:1", ["slow"] = "30:300:1" } : new() { ["fast"] = "2:20:2", ["slow"] = "30:120:10" },
        },
        MinTrades = 1,
    };

    // in their own frame, so no local of the test method keeps the job or its result alive
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task<(WeakReference Job, WeakReference Result, int SavedId)> RunOnce(OptimizationService service, bool cancel = false)
    {
        var job = await service.StartAsync(Setup(big: cancel));
        if (cancel) job.Cancel();
        var details = await job.Completion;
        return (new WeakReference(job), new WeakReference(details), details.Summary.Id);
    }

    private static async Task AssertCollected(WeakReference job, WeakReference result)
    {
        for (int i = 0; i < 10 && (job.IsAlive || result.IsAlive); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Yield();
        }
        Assert.False(job.IsAlive, "the finished job is still referenced");
        Assert.False(result.IsAlive, "the finished job's result is still referenced");
    }
}
