using Velocitas.Data.Import;

namespace Velocitas.Data.Tests;

/// <summary>
/// A corpus of broken and awkward files: each one gives a specific error naming the file and line, or is
/// repaired in a documented way (and the repair is reported). None throws anything else or imports partial data.
/// </summary>
public class MalformedCorpusTests
{
    private const string Header = "Date,Open,High,Low,Close,Volume\n";
    private const string Good = "2024-01-01,10,11,9,10.5,100\n2024-01-02,10.5,12,10,11,120\n2024-01-03,11,11.5,10.2,10.8,90\n";

    /// <summary>Files that cannot be imported: (name, content, expected line or null, message fragment).</summary>
    public static TheoryData<string, string, long?, string> Rejected => new()
    {
        { "empty.csv", "", null, "the file is empty" },
        { "blank-lines.csv", "\n\n   \n\n", null, "the file has no rows" },
        { "header-only.csv", Header, 1, "has a header but no data rows" },
        { "banner-only.csv", "https://www.CryptoDataDownload.com\n", 1, "no candle rows follow the banner" },
        { "three-columns.csv", "Date,Close,Volume\n2024-01-01,10,100\n", 1, "found 3 column(s)" },
        { "missing-close.csv", "Date,Open,High,Low,Volume\n2024-01-01,10,11,9,100\n", 1, "the header has no Close column" },
        { "missing-time.csv", "Foo,Open,High,Low,Close\nx,10,11,9,10\n", 1, "the header has no Date/Time column" },
        { "all-text.csv", Header + "2024-01-01,a,b,c,d,e\n2024-01-02,a,b,c,d,e\n", 2, "no row could be read as a candle. Open 'a' is not a number." },
        { "mostly-bad.csv", Header + "2024-01-01,10,11,9,10,1\n2024-01-02,x,11,9,10,1\n2024-01-03,x,11,9,10,1\n2024-01-04,x,11,9,10,1\n", 3, "3 of 4 rows could not be read" },
        { "words.csv", "hello,this,is,not,a,csv,of,candles\nand,neither,is,this,line,at,all,really\n", 1, "the header has no Date/Time, Open, High, Low, Close column; found [hello, this, is, not, a, csv, of, candles]" },
        { "unknown-first-field.csv", "abc,10,11,9,10,1\n", 1, "cannot tell what 'abc' is" },
        { "bad-dates.csv", Header + "yesterday,10,11,9,10,1\nlast week,10,11,9,10,1\n", 2, "time 'yesterday' is not a date/time" },
        { "unix-out-of-range.csv", "time,open,high,low,close\n99999999999999999999,1,1,1,1\n", 2, "is not a Unix timestamp between 1970 and 2100" },
        { "single-column.csv", "just one column\n1\n2\n", 2, "found 1 column(s) separated by ','; expected at least 5" },
    };

    [Theory, MemberData(nameof(Rejected))]
    public void Unreadable_files_are_rejected_with_file_line_and_expectation(string name, string content, long? line, string fragment)
    {
        using var file = new TempFile(name, content);
        var ex = Assert.Throws<CsvImportException>(() => CandleFileParser.Parse(file.Path, name));

        Assert.Equal(name, ex.File);
        Assert.Equal(line, ex.Line);
        Assert.Contains(fragment, ex.Message);
        Assert.StartsWith(line is null ? $"{name}: " : $"{name}:{line}: ", ex.Message);
    }

    [Fact]
    public void Binary_garbage_is_not_a_csv()
    {
        var bytes = new byte[4096];
        new Random(1).NextBytes(bytes);
        bytes[10] = 0;
        using var file = new TempFile("garbage.bin", bytes);
        var ex = Assert.Throws<CsvImportException>(() => CandleFileParser.Parse(file.Path, "garbage.bin"));
        Assert.Contains("not a text CSV file", ex.Message);
    }

    [Fact]
    public void A_huge_line_is_refused_without_reading_it_into_memory()
    {
        using var file = new TempFile("huge.csv", Header + new string('9', 200_000) + ",1,1,1,1\n");
        var ex = Assert.Throws<CsvImportException>(() => CandleFileParser.Parse(file.Path, "huge.csv"));
        Assert.Equal(2, ex.Line);
        Assert.Contains("longer than 65,536 characters", ex.Message);
    }

    /// <summary>Files that import after a documented repair: (name, content, rows imported, rejected line or 0, reason fragment or "").</summary>
    public static TheoryData<string, string, int, long, string> Repaired => new()
    {
        { "one-bad-number.csv", Header + Good + "2024-01-04,abc,11,9,10,1\n", 3, 5, "Open 'abc' is not a number." },
        { "high-below-low.csv", Header + Good + "2024-01-04,10,9,11,10,1\n", 3, 5, "high 9 is below low 11." },
        { "negative-price.csv", Header + Good + "2024-01-04,-10,11,9,10,1\n", 3, 5, "prices must be positive" },
        { "zero-price.csv", Header + Good + "2024-01-04,0,0,0,0,0\n", 3, 5, "prices must be positive" },
        { "open-outside-range.csv", Header + Good + "2024-01-04,15,11,9,10,1\n", 3, 5, "open 15 is outside the low..high range 9..11." },
        { "nan-value.csv", Header + Good + "2024-01-04,NaN,11,9,10,1\n", 3, 5, "Open is missing ('NaN')." },
        { "empty-close.csv", Header + Good + "2024-01-04,10,11,9,,1\n", 3, 5, "Close is empty." },
        { "negative-volume.csv", Header + Good + "2024-01-04,10,11,9,10,-5\n", 3, 5, "Volume '-5' is not a non-negative number." },
        { "short-row.csv", Header + Good + "2024-01-04,10,11\n", 3, 5, "expected at least 5 columns" },
        { "mixed-separators.csv", Header + Good + "2024-01-04;10;11;9;10;1\n", 3, 5, "expected at least 5 columns separated by ','" },
        { "bad-date-row.csv", Header + Good + "2024-13-45,10,11,9,10,1\n", 3, 5, "time '2024-13-45' is not a date/time" },
        { "repeated-header.csv", Header + Good + Header + "2024-01-04,10,11,9,10,1\n", 4, 5, "repeated header line" },
        { "yahoo-null-rows.csv", "Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-01,10,11,9,10,10,5\n2024-01-02,null,null,null,null,null,null\n2024-01-03,10,11,9,10,10,5\n", 2, 3, "row has no prices" },
        { "exact-duplicates.csv", Header + Good + Good, 3, 0, "" },
        { "out-of-order.csv", Header + "2024-01-03,11,11.5,10.2,10.8,90\n2024-01-01,10,11,9,10.5,100\n2024-01-02,10.5,12,10,11,120\n", 3, 0, "" },
        { "bom.csv", "\uFEFF" + Header + Good, 3, 0, "" },
        { "crlf.csv", (Header + Good).Replace("\n", "\r\n"), 3, 0, "" },
        { "trailing-blank-lines.csv", Header + Good + "\n\n\n", 3, 0, "" },
        { "quoted-fields.csv", "\"Date\",\"Open\",\"High\",\"Low\",\"Close\",\"Volume\"\n\"2024-01-01\",\"1,010.5\",\"1,020\",\"1,000\",\"1,015\",\"12\"\n", 1, 0, "" },
        { "spaces-around.csv", " Date , Open , High , Low , Close , Volume \n 2024-01-01 , 10 , 11 , 9 , 10 , 1 \n", 1, 0, "" },
    };

    [Theory, MemberData(nameof(Repaired))]
    public void Awkward_files_are_repaired_and_the_repair_is_reported(string name, string content, int imported, long rejectedLine, string reason)
    {
        using var file = new TempFile(name, content);
        var parsed = CandleFileParser.Parse(file.Path, name);

        Assert.Equal(imported, parsed.Report.RowsImported);
        Assert.Equal(imported, parsed.Candles.Length);
        Assert.True(parsed.Candles.Zip(parsed.Candles.Skip(1)).All(p => p.First.Time < p.Second.Time), "candles ascending without duplicates");
        Assert.All(parsed.Candles, c => Assert.Null(CandleFileParser.Inconsistency(c)));
        if (rejectedLine > 0)
        {
            var row = Assert.Single(parsed.Report.RowsRejected);
            Assert.Equal(rejectedLine, row.Line);
            Assert.Contains(reason, row.Reason);
        }
        else
        {
            Assert.Empty(parsed.Report.RowsRejected);
        }
    }

    [Fact]
    public void Exact_duplicates_and_reordering_are_counted_and_noted()
    {
        using var dup = new TempFile("dup.csv", Header + Good + Good);
        Assert.Equal(3, CandleFileParser.Parse(dup.Path).Report.DuplicatesDropped);

        using var order = new TempFile("order.csv", Header + "2024-01-03,11,11.5,10.2,10.8,90\n2024-01-01,10,11,9,10.5,100\n2024-01-02,10.5,12,10,11,120\n");
        Assert.Contains(CandleFileParser.Parse(order.Path).Report.Notes, n => n.Contains("out of time order"));
    }

    [Fact]
    public void Quoted_numbers_with_thousands_separators_parse_exactly()
    {
        using var file = new TempFile("q.csv", "\"Date\",\"Open\",\"High\",\"Low\",\"Close\",\"Volume\"\n\"2024-01-01\",\"1,010.5\",\"1,020\",\"1,000\",\"1,015\",\"12\"\n");
        var c = Assert.Single(CandleFileParser.Parse(file.Path).Candles);
        Assert.Equal((1010.5m, 1020m, 1000m, 1015m), (c.Open, c.High, c.Low, c.Close));
    }
}
