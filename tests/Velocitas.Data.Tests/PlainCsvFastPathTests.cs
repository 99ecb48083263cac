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
        { "open above high, one scale (handed back)", Klines(100, i => i == 12 ? "1619827920000,7.00,6.00,4.00,5.00,10,1,1,1,1,1,0" : null) },
        { "close below low, one scale (handed back)", Klines(100, i => i == 13 ? "1619827980000,5.00,6.00,4.00,3.99,10,1,1,1,1,1,0" : null) },
        { "a zero low, one scale (handed back)", Klines(100, i => i == 14 ? "1619828040000,5.00,6.00,0.00,5.00,10,1,1,1,1,1,0" : null) },
        { "close above high, mixed scales (handed back)", Klines(100, i => i == 15 ? "1619828100000,5.0,6,4.00,6.5,10,1,1,1,1,1,0" : null) },
        { "a negative open (handed back)", Klines(100, i => i == 16 ? "1619828160000,-5.00,6.00,4.00,5.00,10,1,1,1,1,1,0" : null) },
        { "prices at the range's edges, one scale", Klines(100, i => i == 17 ? "1619828220000,4.00,6.00,4.00,6.00,10,1,1,1,1,1,0" : null) },
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

    [Theory]
    [MemberData(nameof(Files))]
    public void Reading_in_parallel_ranges_gives_exactly_what_one_sequential_read_gives(string what, string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        foreach (int segments in new[] { 2, 3, 7 })
        {
            var (sequentialFast, sequential, sequentialRows) = ReadRows(bytes, 1);
            var (parallelFast, parallel, parallelRows) = ReadRows(bytes, segments);

            Assert.Equal(sequentialFast, parallelFast);
            Assert.Equal(!what.Contains("handed back"), parallelFast);
            Assert.Equal(sequentialRows, parallelRows);
            if (parallelFast) Assert.Equal(sequential.Select(r => $"{r.Line} {r.Precision} {r.Candle}"), parallel.Select(r => $"{r.Line} {r.Precision} {r.Candle}"));
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Parsing_in_parallel_ranges_gives_exactly_what_the_general_path_gives(string what, string content)
    {
        // rows in strict time order are taken from each range where it was read; any other file is joined first
        var bytes = Encoding.UTF8.GetBytes(content);
        var general = Parse(bytes, fastPath: false);
        foreach (int segments in new[] { 1, 2, 3, 7 })
        {
            var fast = CandleFileParser.Parse(new MemoryStream(bytes), "file.csv", null, fastPath: true, CancellationToken.None, segments);
            Assert.True(Describe(general.Candles).SequenceEqual(Describe(fast.Candles)), $"{what}, {segments} ranges");
            Assert.Equal(VelocitasJson.Serialize(general.Report), VelocitasJson.Serialize(fast.Report));
        }
    }

    [Fact]
    public void Two_ascending_stretches_out_of_order_are_sorted_wherever_the_ranges_meet()
    {
        // each range checks its own order while it is read and the joins are checked after: a later stretch written
        // first must be found whether a range ends exactly where the stretches meet or one range holds the step back
        var later = Klines(300, i => $"{1619827200000 + ((i + 200) * 60_000L)},57000.5,57003,56998.25,57001.1,10.5,0,1.0,42,1.0,1.0,0");
        var earlier = Klines(200, i => $"{1619827200000 + (i * 60_000L)},56000.5,56003,55998.25,56001.1,11.5,0,1.0,42,1.0,1.0,0");
        var bytes = Encoding.UTF8.GetBytes(later + earlier);
        var general = Parse(bytes, fastPath: false);
        Assert.Equal(500, general.Candles.Length);
        Assert.True(general.Candles.Zip(general.Candles.Skip(1)).All(p => p.First.Time < p.Second.Time));
        for (int segments = 1; segments <= 9; segments++)
        {
            var fast = CandleFileParser.Parse(new MemoryStream(bytes), "file.csv", null, fastPath: true, CancellationToken.None, segments);
            Assert.True(Describe(general.Candles).SequenceEqual(Describe(fast.Candles)), $"{segments} ranges");
            Assert.Equal(VelocitasJson.Serialize(general.Report), VelocitasJson.Serialize(fast.Report));
        }
    }

    [Fact]
    public void A_big_file_is_read_in_parallel_ranges_with_its_line_numbers()
    {
        var bytes = Encoding.UTF8.GetBytes("open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n" + Klines(60_000));
        var (fast, rows, read) = ReadRows(bytes, 0);

        Assert.True(bytes.Length >= LineSegments.MinParallelBytes);
        Assert.True(fast);
        Assert.Equal(60_000, read);
        Assert.Equal(Enumerable.Range(2, 60_000).Select(l => (long)l), rows.Select(r => r.Line));
        Assert.Equal(new DateTimeOffset(2021, 5, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(59_999), rows[^1].Candle.Time);
    }

    [Fact]
    public void Ranges_start_at_line_starts_after_the_header()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\n" + string.Concat(Enumerable.Repeat("1,2\n", 100)));
        var starts = LineSegments.Starts(new ByteSource(new MemoryStream(bytes)), skipLines: 1, count: 4);

        Assert.Equal(4, starts.Count);
        Assert.Equal(0, starts[0]);
        Assert.All(starts.Skip(1), s => Assert.Equal((byte)'\n', bytes[s - 1]));
        Assert.True(starts[1] >= 8, "the header and the first data line stay in the first range");
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("a\n", 1)]
    [InlineData("a", 1)]
    [InlineData("a\nb", 2)]
    [InlineData("a\r\nb\r\n", 2)]
    [InlineData("a\n\n\nb\n", 4)]
    [InlineData("\n", 1)]
    public void Lines_are_counted_as_the_reader_reads_them(string text, long lines)
    {
        // the reader writes each range's rows where the lines before it say; a last line without a line feed is a line
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.Equal(lines, LineSegments.CountLines(new ByteSource(new MemoryStream(bytes)), 0, bytes.Length, CancellationToken.None));
    }

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    public void Fields_of_every_length_split_as_the_general_path_splits_them(char separator)
    {
        // prices padded with zeros to 1..40 characters put the separators at every offset of the 32-byte blocks the
        // splitter compares at once, and lines from a few bytes to over a hundred
        var random = new Random(11);
        var b = new StringBuilder();
        for (int i = 0; i < 600; i++)
        {
            long t = 1619827200000 + (i * 60_000L);
            string Price(decimal p) => p.ToString("0." + new string('0', random.Next(0, 24)), System.Globalization.CultureInfo.InvariantCulture).PadLeft(random.Next(1, 17), '0');
            decimal low = 100 + random.Next(0, 50);
            b.Append(string.Join(separator, t, Price(low + 1), Price(low + 3), Price(low), Price(low + 2), Price(random.Next(1, 99))));
            b.Append(random.Next(0, 3) == 0 ? separator + "extra" + separator + "x" : "").Append(i % 5 == 0 ? "\r\n" : "\n");
        }
        var bytes = Encoding.UTF8.GetBytes(b.ToString());
        Assert.True(ReadsFast(bytes));
        var fast = Parse(bytes, fastPath: true);
        var general = Parse(bytes, fastPath: false);
        Assert.Equal(600, fast.Candles.Length);
        Assert.Equal(Describe(general.Candles), Describe(fast.Candles));
    }

    [Fact]
    public void Empty_lines_in_every_range_leave_no_hole_among_the_candles()
    {
        // each range's rows are written where its counted lines say; the empty lines' places are closed up afterwards
        var rows = Klines(400).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var withEmpty = string.Join("\n", rows.Select((r, i) => i % 37 == 5 ? "\n" + r : r)) + "\n\n\n";
        var bytes = Encoding.UTF8.GetBytes(withEmpty);
        var general = Parse(bytes, fastPath: false);
        for (int segments = 1; segments <= 6; segments++)
        {
            var (fast, read, count) = ReadRows(bytes, segments);
            Assert.True(fast);
            Assert.Equal(400, count);
            Assert.Equal(general.Candles.Select(c => c.Time), read.Select(r => r.Candle.Time));
            var parsed = CandleFileParser.Parse(new MemoryStream(bytes), "file.csv", null, fastPath: true, CancellationToken.None, segments);
            Assert.Equal(Describe(general.Candles), Describe(parsed.Candles));
            Assert.Equal(VelocitasJson.Serialize(general.Report), VelocitasJson.Serialize(parsed.Report));
        }
        // the lines are the file's: a row after n empty lines is n lines further on
        var lines = ReadRows(bytes, 3).Rows.Select(r => r.Line).ToArray();
        Assert.Equal(1, lines[0]);
        Assert.Equal(7, lines[5]); // the sixth row follows the first empty line
    }

    [Fact]
    public void A_volume_reads_exactly_as_the_runtime_parses_it()
    {
        var random = new Random(5);
        var texts = new List<string> { "0", "0.0", "-0", "106.99194300", "9007199254740992", "9007199254740993", "0.1", "1234567.000000001", "40.81", "1e5", "00012.5000" };
        for (int i = 0; i < 20_000; i++)
        {
            long mantissa = random.NextInt64(0, 1L << 54);
            int scale = random.Next(0, 24);
            string digits = mantissa.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
            texts.Add(scale == 0 ? digits : digits[..^scale] + "." + digits[^scale..]);
        }
        foreach (string text in texts)
        {
            var utf8 = Encoding.UTF8.GetBytes(text);
            Assert.True(FastNumber.TryParseDouble(utf8, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.NumberStyles.Float, out double fast), text);
            double expected = double.Parse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(fast), $"{text}: {fast:R} vs {expected:R}");
        }
    }

    [Fact]
    public void A_price_reads_exactly_as_the_runtime_parses_it()
    {
        // digits are read eight bytes at a time: every length and position of the point, leading zeros, signs, the
        // characters just outside 0-9 (/ and :), and the 18-digit limit past which the runtime's parser takes over
        var random = new Random(7);
        var texts = new List<string> { "0", "-0", "+7", ".5", "5.", "57697.25000000", "000000000057697.25", "123456789012345678", "1234567890123456789",
            "12345678.12345678", "99999999.99999999", "1/345678", "1234:678", "12345678/", "1234567.:", "1.2.3", "-", "+", ".", "", "1e5", "1,000.5", " 1", "1 " };
        const string alphabet = "0123456789012345678901234567890123456789./:-+ e";
        for (int i = 0; i < 50_000; i++)
        {
            int length = random.Next(1, 26);
            var b = new StringBuilder();
            for (int c = 0; c < length; c++) b.Append(random.Next(0, 8) == 0 ? alphabet[random.Next(alphabet.Length)] : (char)('0' + random.Next(0, 10)));
            texts.Add(b.ToString());
            string digits = random.NextInt64(0, 1_000_000_000_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            int point = random.Next(0, digits.Length + 1);
            texts.Add(new string('0', random.Next(0, 4)) + digits[..point] + "." + digits[point..]);
        }
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        const System.Globalization.NumberStyles styles = System.Globalization.NumberStyles.Float | System.Globalization.NumberStyles.AllowThousands;
        foreach (string text in texts)
        {
            var utf8 = Encoding.UTF8.GetBytes(text);
            bool expectedOk = decimal.TryParse(text, styles, inv, out decimal expected);
            bool ok = FastNumber.TryParseDecimal(utf8, inv, styles, out decimal fast, out var plain);
            Assert.True(expectedOk == ok, $"'{text}': {ok} vs {expectedOk}");
            if (!ok) continue;
            Assert.True(decimal.GetBits(expected).SequenceEqual(decimal.GetBits(fast)), $"'{text}': {fast} vs {expected}");
            if (plain.Scale >= 0) Assert.Equal(expected, new decimal((long)plain.Digits) / (decimal)Math.Pow(10, plain.Scale));
        }
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

    private static (bool Fast, List<CandleFileParser.Row> Rows, long RowsRead) ReadRows(byte[] bytes, int segments)
    {
        var stream = new MemoryStream(bytes);
        var layout = CsvSniffer.Sniff(stream, "file.csv");
        stream.Position = 0;
        var rows = new List<CandleFileParser.Row>();
        if (!PlainCsvReader.Handles(layout)) return (false, rows, 0);
        bool fast = PlainCsvReader.TryRead(stream, layout, rows, out long read, null, CancellationToken.None, segments);
        return (fast, rows, fast ? read : 0);
    }

    private static ParsedCandleFile Parse(byte[] bytes, bool fastPath) => CandleFileParser.Parse(new MemoryStream(bytes), "file.csv", null, fastPath, CancellationToken.None);

    // every field with its decimal scale ("57000.50000000" and "57000.5" are different bits)
    private static string[] Describe(Velocitas.Engine.Market.Candle[] candles) =>
        candles.Select(c => $"{c.Time:O} {c.Open} {c.High} {c.Low} {c.Close} {c.Volume:R}").ToArray();
}
