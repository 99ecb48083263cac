using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Velocitas.Data.Storage;
using Velocitas.Engine.Market;
using Velocitas.Web.Extensions;
using Velocitas.Web.Services;
using Velocitas.Web.Services.Downloads;
using Velocitas.Web.Tests.Feeds;

namespace Velocitas.Web.Tests.Exchanges;

/// <summary>
/// Automatic updates of a downloaded dataset on the app's real services and SQLite file, against the fake Binance, on
/// a fake clock: nothing moves until the clock is advanced, so no assertion depends on the machine's speed.
/// </summary>
public sealed class AutoUpdateTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2024, 2, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeBinance _server = new();
    // the candle opening at T0 + 100 min is still forming
    private readonly FakeTimeProvider _clock = new(T0.AddMinutes(100).AddSeconds(30));
    private readonly string _folder = Directory.CreateTempSubdirectory("velocitas-auto-").FullName;
    private ServiceProvider _services = default!;
    private DownloadService _downloads = default!;
    private DatasetStore _datasets = default!;

    public async Task InitializeAsync()
    {
        await _server.StartAsync();
        _server.SetKlines("BTCUSDT", SyntheticMarket.Generate(5, 40_000, T0, Timeframe.OneMinute, 300)); // the fake sends everything up to endTime, forming candles too
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Velocitas:DataPath"] = _folder,
            ["Velocitas:Feeds:Binance:RestBaseUrl"] = _server.RestBase.ToString(),
            ["Velocitas:Feeds:Binance:UseArchives"] = "false",
        }).Build());
        services.AddVelocitasApp();
        _services = services.BuildServiceProvider();
        await _services.InitializeDatabaseAsync();
        _downloads = _services.GetRequiredService<DownloadService>();
        _datasets = _services.GetRequiredService<DatasetStore>();
        await _downloads.StartAsync(CancellationToken.None); // the hosted service: its timer runs on the fake clock
    }

    public async Task DisposeAsync()
    {
        await _downloads.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private async Task<int> DownloadAsync()
    {
        var job = await _downloads.StartAsync(new DownloadRequest("binance", "BTCUSDT", "1m", T0, null, "auto"));
        await _downloads.WaitAsync(job);
        Assert.Equal(DownloadState.Completed, job.State);
        return job.DatasetId!.Value;
    }

    /// <summary>Advances the fake clock and waits until the automatic updates have looked at the datasets at that time.</summary>
    private async Task AdvanceAsync(TimeSpan by)
    {
        _clock.Advance(by);
        var now = _clock.GetUtcNow();
        for (int i = 0; i < 3_000 && !(_downloads.AutoUpdateCheckedAt >= now); i++) await Task.Delay(10);
        Assert.True(_downloads.AutoUpdateCheckedAt >= now, $"no automatic check at {now:HH:mm:ss}");
    }

    private DownloadJob[] Updates() => _downloads.Jobs.Where(j => j.Kind == "update").ToArray();

    [Fact]
    public async Task Off_by_default_no_dataset_is_updated()
    {
        int id = await DownloadAsync();
        await AdvanceAsync(TimeSpan.FromMinutes(30));
        Assert.Empty(Updates());
        Assert.Equal(100, (await _datasets.GetAsync(id))!.Rows);
        Assert.Null((await _datasets.GetAsync(id))!.AutoUpdateMinutes);
    }

    [Fact]
    public async Task After_its_interval_the_dataset_gains_the_closed_candles_never_the_forming_one()
    {
        int id = await DownloadAsync();
        var before = (await _datasets.GetAsync(id))!;
        Assert.Equal((100, T0.AddMinutes(99)), (before.Rows, before.Last)); // the forming candle at T0 + 100 was not stored
        Assert.True(await _datasets.SetAutoUpdateAsync(id, 5));
        var cache = _services.GetRequiredService<CandleCache>(); // what charts and backtests read
        Assert.Equal(100, (await cache.GetAsync(id, CancellationToken.None)).Length);

        await AdvanceAsync(TimeSpan.FromMinutes(2)); // 2.5 min since the last candle closed: not yet
        Assert.Empty(Updates());

        await AdvanceAsync(TimeSpan.FromMinutes(3)); // 5.5 min: due; now T0 + 105.5 and the candle at T0 + 105 is forming
        var update = Assert.Single(Updates());
        await _downloads.WaitAsync(update);
        Assert.Equal(DownloadState.Completed, update.State);
        var after = (await _datasets.GetAsync(id))!;
        Assert.Equal((105, T0.AddMinutes(104)), (after.Rows, after.Last));
        Assert.Equal(T0.AddMinutes(104), (await cache.GetAsync(id, CancellationToken.None))[^1].Time); // charts and backtests see the new candles
        var stored = await _datasets.LoadCandlesAsync(id, T0.AddMinutes(100), T0.AddMinutes(200), CancellationToken.None);
        Assert.Equal(SyntheticMarket.Generate(5, 40_000, T0, Timeframe.OneMinute, 300).Skip(100).Take(5).Select(c => (c.Time, c.Open, c.Close)), stored.Select(c => (c.Time, c.Open, c.Close)));

        await AdvanceAsync(TimeSpan.FromMinutes(1)); // 1.5 min after the new last candle closed: nothing to do yet
        Assert.Single(Updates());
        await AdvanceAsync(TimeSpan.FromMinutes(4)); // 5.5 min again: the next update
        Assert.Equal(2, Updates().Length);
        await _downloads.WaitAsync(Updates()[0]);
        Assert.Equal((110, T0.AddMinutes(109)), ((await _datasets.GetAsync(id))!.Rows, (await _datasets.GetAsync(id))!.Last));
    }

    [Fact]
    public async Task Shutdown_stops_an_update_in_flight_leaves_the_dataset_unchanged_and_starts_no_more()
    {
        int id = await DownloadAsync();
        await _datasets.SetAutoUpdateAsync(id, 5);
        _server.KlineDelay = TimeSpan.FromMinutes(10); // the exchange does not answer (real time): the update is in flight
        int downloaded = _server.KlineRequests;

        await AdvanceAsync(TimeSpan.FromMinutes(5));
        var update = Assert.Single(Updates());
        Assert.Equal(DownloadState.Running, update.State);
        // in flight: its request has reached the exchange (a busy machine may not have sent it yet when the job starts)
        for (int i = 0; i < 3_000 && _server.KlineRequests == downloaded; i++) await Task.Delay(10);
        int requests = _server.KlineRequests;
        Assert.Equal(downloaded + 1, requests);

        await _downloads.StopAsync(CancellationToken.None);

        Assert.Equal(DownloadState.Cancelled, update.State);
        Assert.Contains("the dataset is unchanged", string.Join(" ", update.Notes));
        Assert.Equal(100, (await _datasets.GetAsync(id))!.Rows);
        _clock.Advance(TimeSpan.FromMinutes(30)); // stopped: no timer left to start another
        await Task.Delay(100);
        Assert.Single(Updates());
        Assert.Equal(requests, _server.KlineRequests);
    }
}
