using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Velocitas.Web.Cli;
using Velocitas.Engine.Live.Binance;
using Velocitas.Engine.Market;
using Velocitas.Engine.Market.Exchanges.Binance;
using Velocitas.Web.Tests.Feeds;
using Xunit.Abstractions;

namespace Velocitas.Web.Tests.Exchanges;

/// <summary>
/// The README's download figures: one year of 1m candles (525,600) from the fake Binance server over REST paging and
/// over the zip archives, the fetch of one more day, and a whole <c>update --dataset</c> by one day (fetch, one
/// transaction into SQLite). Measures only when VELOCITAS_FIGURES=1 (it takes a while).
/// </summary>
public class DownloadFigures(ITestOutputHelper output)
{
    [Fact]
    public async Task One_year_of_1m_candles_over_REST_and_over_the_archives()
    {
        if (Environment.GetEnvironmentVariable("VELOCITAS_FIGURES") != "1") return;
        await using var server = new FakeBinance();
        await server.StartAsync();
        var start = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var now = start.AddDays(366);
        var candles = SyntheticMarket.Generate(1, 30_000, start, Timeframe.OneMinute, 525_600 + 1440).ToList();
        server.SetKlines("BTCUSDT", candles);
        using var http = new HttpClient();
        var clock = new Fixed(now);
        foreach (bool archives in new[] { false, true })
        {
            var exchange = new BinanceExchange(http, new BinanceOptions { RestBaseUrl = server.RestBase, ArchiveBaseUrl = server.RestBase, UseArchives = archives }, clock);
            var btc = await exchange.ResolveAsync("BTCUSDT", CancellationToken.None);
            var sw = Stopwatch.StartNew();
            long n = 0;
            await foreach (var page in exchange.GetKlinesAsync(btc, Timeframe.OneMinute, start, start.AddDays(365), CancellationToken.None)) n += page.Candles.Count;
            sw.Stop();
            output.WriteLine($"{(archives ? "archives" : "REST")}: {n:N0} candles in {sw.Elapsed.TotalSeconds:0.0} s = {n / sw.Elapsed.TotalSeconds:N0} candles/s ({exchange.Policy.Traffic.Requests} requests)");
        }
        var update = new BinanceExchange(http, new BinanceOptions { RestBaseUrl = server.RestBase, ArchiveBaseUrl = server.RestBase }, clock);
        var sym = await update.ResolveAsync("BTCUSDT", CancellationToken.None);
        var watch = Stopwatch.StartNew();
        long m = 0;
        await foreach (var page in update.GetKlinesAsync(sym, Timeframe.OneMinute, start.AddDays(365), now, CancellationToken.None)) m += page.Candles.Count;
        output.WriteLine($"update by one day: {m:N0} candles fetched in {watch.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Updating_a_30_day_dataset_by_one_day_through_the_update_command()
    {
        if (Environment.GetEnvironmentVariable("VELOCITAS_FIGURES") != "1") return;
        string folder = Directory.CreateTempSubdirectory("velocitas-fig-").FullName;
        await using var server = new FakeBinance();
        await server.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var t0 = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-31);
        var candles = SyntheticMarket.Generate(1, 30_000, t0, Timeframe.OneMinute, (int)(now - t0).TotalMinutes + 1).ToList();
        server.SetKlines("BTCUSDT", candles);
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Velocitas:DataPath"] = folder,
            ["Velocitas:Feeds:Binance:RestBaseUrl"] = server.RestBase.ToString(),
            ["Velocitas:Feeds:Binance:ArchiveBaseUrl"] = server.RestBase.ToString(),
        }).Build();
        var o = new StringWriter();
        var dayAgo = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddDays(-1);
        Assert.Equal(0, await CliApp.RunAsync(["download", "--exchange", "binance", "--symbol", "BTCUSDT", "--interval", "1m",
            "--from", t0.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--to", dayAgo.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), "--json"], o, new StringWriter(), config));
        int id = JsonDocument.Parse(o.ToString()).RootElement.GetProperty("datasetId").GetInt32();

        o = new StringWriter();
        int requests = server.KlineRequests;
        var watch = Stopwatch.StartNew();
        Assert.Equal(0, await CliApp.RunAsync(["update", "--dataset", id.ToString(CultureInfo.InvariantCulture), "--json"], o, new StringWriter(), config));
        watch.Stop();
        long added = JsonDocument.Parse(o.ToString()).RootElement.GetProperty("rowsImported").GetInt64();
        output.WriteLine($"update --dataset by {added:N0} candles ({server.KlineRequests - requests} klines requests, stored in one transaction): {watch.Elapsed.TotalMilliseconds:0} ms");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, true); } catch (IOException) { }
    }

    private sealed class Fixed(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
