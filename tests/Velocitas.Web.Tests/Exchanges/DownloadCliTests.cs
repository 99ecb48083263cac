using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Velocitas.Engine.Market;
using Velocitas.Web.Cli;
using Velocitas.Web.Tests.Feeds;

namespace Velocitas.Web.Tests.Exchanges;

public class DownloadCliTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("velocitas-dl-").FullName;
    private readonly FakeBinance _server = new();
    private List<Candle> _candles = [];
    private DateTimeOffset _t0;

    public async Task InitializeAsync()
    {
        await _server.StartAsync();
        var now = DateTimeOffset.UtcNow;
        _t0 = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-3);
        // three days of 1m candles up to the current minute, with a 30-minute outage on the first day
        int minutes = (int)(now - _t0).TotalMinutes + 1;
        _candles = SyntheticMarket.Generate(11, 60_000, _t0, Timeframe.OneMinute, minutes)
            .Where(c => c.Time < _t0.AddHours(5) || c.Time >= _t0.AddHours(5).AddMinutes(30)).ToList();
        _server.SetKlines("BTCUSDT", _candles.Where(c => c.Time < _t0.AddDays(2)));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private async Task<(int Code, string Out, string Err)> Run(string restBase, params string[] args)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Velocitas:DataPath"] = _folder,
            ["Velocitas:Feeds:Binance:RestBaseUrl"] = restBase,
            ["Velocitas:Feeds:Binance:ArchiveBaseUrl"] = restBase,
        }).Build();
        var o = new StringWriter();
        var e = new StringWriter();
        int code = await CliApp.RunAsync(args, o, e, config);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public async Task Download_stores_a_dataset_and_prints_the_import_report_with_the_outage_as_a_gap_then_update_adds_only_what_is_missing()
    {
        string rest = _server.RestBase.ToString();
        var (code, output, err) = await Run(rest, "download", "--exchange", "binance", "--symbol", "BTCUSDT", "--interval", "1m",
            "--from", _t0.ToString("yyyy-MM-dd"), "--to", _t0.AddDays(2).ToString("yyyy-MM-dd"), "--json");

        Assert.True(code == 0, err);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(2 * 1440 - 30, json.GetProperty("rowsImported").GetInt64());
        Assert.Equal(_t0, json.GetProperty("first").GetDateTimeOffset());
        Assert.Equal(_t0.AddDays(2).AddMinutes(-1), json.GetProperty("last").GetDateTimeOffset());
        var gap = Assert.Single(json.GetProperty("gaps").EnumerateArray());
        Assert.Equal(30, gap.GetProperty("missing").GetInt64());
        Assert.Equal("binance", json.GetProperty("exchange").GetString());
        Assert.False(json.GetProperty("incomplete").GetBoolean());
        int id = json.GetProperty("datasetId").GetInt32();

        // a day and a bit later: the update fetches only the new closed candles (never the forming one)
        _server.SetKlines("BTCUSDT", _candles);
        int before = _server.KlineRequests;
        (code, output, err) = await Run(rest, "update", "--dataset", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        Assert.True(code == 0, err);
        json = JsonDocument.Parse(output).RootElement;
        var now = DateTimeOffset.UtcNow;
        long expected = _candles.LongCount(c => c.Time >= _t0.AddDays(2) && c.Time.AddMinutes(1) <= now);
        Assert.InRange(json.GetProperty("rowsImported").GetInt64(), expected - 1, expected);
        Assert.InRange(_server.KlineRequests - before, 1, 3);
    }

    [Fact]
    public async Task Unknown_symbols_intervals_and_an_unreachable_exchange_exit_1_with_one_clear_line()
    {
        string rest = _server.RestBase.ToString();
        var unknown = await Run(rest, "download", "--exchange", "binance", "--symbol", "NOPEUSDT", "--interval", "1m", "--from", "2024-01-01");
        Assert.Equal((1, "error: Binance does not list NOPEUSDT.\n"), (unknown.Code, unknown.Err.Replace("\r", "")));

        var interval = await Run(rest, "download", "--exchange", "binance", "--symbol", "BTCUSDT", "--interval", "2m", "--from", "2024-01-01");
        Assert.Equal(1, interval.Code);
        Assert.StartsWith("error: Binance has no 2m candles; use 1m, 3m", interval.Err);

        var offline = await Run("http://127.0.0.1:1", "download", "--exchange", "binance", "--symbol", "BTCUSDT", "--interval", "1m", "--from", "2024-01-01");
        Assert.Equal(1, offline.Code);
        Assert.StartsWith("error: Binance could not be reached:", offline.Err);
        Assert.Single(offline.Err.Trim().Split('\n'));
    }
}
