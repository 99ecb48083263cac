using System.Text;
using Velocitas.Data.Import;

namespace Velocitas.Data.Tests;

/// <summary>
/// The fast path for plain Unix-time layouts must give exactly what the CsvHelper path gives: the same candles (value and
/// scale of every price), the same report, the same rejected lines — whether it reads the file itself or hands it back.
/// </summary>
public class PlainCsvFastPathTests
{
    private const string Kline = "1619827200000,57697.25000000,57697.26000000,57533.75000000,57545.06000000,106.99194300,1619827259999,6165380.96,4248,40.81,2351783.49,0";

    private static string Klines(int count, Func<int, string?>? row = null, string newline = "\n")
    {
        var b = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            long t = 1619827200000 + (i * 60_000L);
            decimal p = 57000m + (i % 17) - (i % 5);
            b.Append(row?.Invoke(i) ?? $"{t},{p}.50000000,{p + 3}.00000000,{p - 2}.25000000,{p + 1}.10000000,{10 + (i % 7)}.123,{t + 59999},1.0,42,1.0,1.0,0").Append(newline);
        }
        return b.ToString();
    }

    public static TheoryData<string, string> Files() => new()
    {
        { "binance klines", Klines(500) },
        { "CRLF and no final newline", Klines(300, newline: "\r\n").TrimEnd() },
        { "an empty line in the middle", Klines(100) + "\n" + Klines(100).Replace("16198", "16199") },
        { "newest first", string.Join("\n", Klines(200).Split('\n', StringSplitOptions.RemoveEmptyEntries).Reverse()) + "\n" },
        { "exact duplicates", Klines(100) + Klines(50) },
        { "partial newest candle", Klines(60) + "1619830800000,57000.5,57003,56998.25,57001.1,0.01,1619830859999,1,1,1,1,0\n" },
        { "seconds and milliseconds for the same minute", Klines(30) + "1619827500,57000.5,57003,56998.25,57001.1,10,1,1,1,1,1,0\n" },
        { "a bad close on line 40 (handed back)", Klines(100, i => i == 39 ? "1619829540000,1,2,0.5,oops,10,1,1,1,1,1,0" : null) },
        { "high below low (handed back)", Klines(100, i => i == 10 ? "1619827800000,5,4,6,5,10,1,1,1,1,1,0" : null) },
        { "a quoted field (handed back)", Klines(50, i => i == 3 ? "1619827380000,\"57000.5\",57003,56998.25,57001.1,10,1,1,1,1,1,0" : null) },
        { "padded fields (handed back)", Klines(50, i => i == 7 ? "1619827620000, 57000.5,57003,56998.25,57001.1,10,1,1,1,1,1,0" : null) },
        { "a null volume (handed back)", Klines(50, i => i == 9 ? "1619827740000,57000.5,57003,56998.25,57001.1,null,1,1,1,1,1,0" : null) },
        { "an empty volume", Klines(50, i => i == 9 ? "1619827740000,57000.5,57003,56998.25,57001.1,,1,1,1,1,1,0" : null) },
        { "a short row (handed back)", Klines(50, i => i == 20 ? "1619828400000,57000.5,57003" : null) },
        { "header with unix seconds and extra columns", "time,open,high,low,close,Volume,RSI\n" + string.Join("\n", Enumerable.Range(0, 200).Select(i => $"{1700000000 + (i * 3600)},{100 + (i % 9)}.5,{110 + (i % 9)},{90 + (i % 9)}.25,{101 + (i % 9)},{1000 + i},55.5")) + "\n" },
        { "a gap", Klines(100) + Klines(100).Replace("161982", "161992") },
        { "a single kline", Kline + "\n" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void The_fast_path_gives_exactly_what_the_general_path_gives(string what, string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        var fast = Parse(bytes, fastPath: true);
        var general = Parse(bytes, fastPath: false);

        Assert.True(fast.Candles.Length > 0, what);
        Assert.Equal(!what.Contains("handed back"), ReadsFast(bytes));
        Assert.Equal(Describe(general.Candles), Describe(fast.Candles));
        Assert.Equal(VelocitasJson.Serialize(general.Report), VelocitasJson.Serialize(fast.Report));
        Assert.Equal(general.Layout.Format, fast.Layout.Format);
    }

    [Fact]
    public void The_real_month_of_binance_klines_reads_the_same_on_both_paths()
    {
        var bytes = File.ReadAllBytes(SharedData.Real("BTCUSDT-1m-2021-05.csv"));
        var fast = Parse(bytes, fastPath: true);
        var general = Parse(bytes, fastPath: false);

        Assert.Equal(44_640, fast.Candles.Length);
        Assert.Equal(Describe(general.Candles), Describe(fast.Candles));
        Assert.Equal(VelocitasJson.Serialize(general.Report), VelocitasJson.Serialize(fast.Report));
    }

    [Fact]
    public void The_fast_path_is_used_for_binance_klines_and_not_for_text_dates()
    {
        var klines = CsvSniffer.Sniff(new MemoryStream(Encoding.UTF8.GetBytes(Klines(50))), "k.csv");
        var goog = CsvSniffer.Sniff(File.OpenRead(SharedData.Reference("GOOG.csv")), "GOOG.csv");

        Assert.True(PlainCsvReader.Handles(klines));
        Assert.False(PlainCsvReader.Handles(goog));
    }

    [Fact]
    public void Cancelling_the_fast_path_stops_the_read()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => CandleFileParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(Klines(10_000))), "k.csv", null, fastPath: true, cts.Token));
    }

    private static bool ReadsFast(byte[] bytes)
    {
        var stream = new MemoryStream(bytes);
        var layout = CsvSniffer.Sniff(stream, "file.csv");
        stream.Position = 0;
        return PlainCsvReader.Handles(layout) && PlainCsvReader.TryRead(stream, layout, [], out _, null, CancellationToken.None);
    }

    private static ParsedCandleFile Parse(byte[] bytes, bool fastPath) => CandleFileParser.Parse(new MemoryStream(bytes), "file.csv", null, fastPath, CancellationToken.None);

    // every field with its decimal scale ("57000.50000000" and "57000.5" are different bits)
    private static string[] Describe(Velocitas.Engine.Market.Candle[] candles) =>
        candles.Select(c => $"{c.Time:O} {c.Open} {c.High} {c.Low} {c.Close} {c.Volume:R}").ToArray();
}
