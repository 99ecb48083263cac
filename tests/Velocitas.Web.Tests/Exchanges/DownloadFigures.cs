using System.Diagnostics;
using Velocitas.Engine.Live.Binance;
using Velocitas.Engine.Market;
using Velocitas.Engine.Market.Exchanges.Binance;
using Velocitas.Web.Tests.Feeds;
using Xunit.Abstractions;

namespace Velocitas.Web.Tests.Exchanges;

/// <summary>
/// The README's download figures: one year of 1m candles (525,600) from the fake Binance server over REST paging and
/// over the zip archives, and an update by one day. Measures only when VELOCITAS_FIGURES=1 (it takes a while).
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

    private sealed class Fixed(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
