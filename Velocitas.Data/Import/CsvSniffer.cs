using System.Globalization;
using System.Text;

namespace Velocitas.Data.Import;

/// <summary>
/// Reads the first lines of a candle file and works out its layout: banner and header lines, separator,
/// which column holds the time and the prices, and how times and numbers are written.
/// </summary>
public static class CsvSniffer
{
    /// <summary>Longest line the importer accepts, in characters.</summary>
    public const int MaxLineLength = 64 * 1024;

    private const int SampleLines = 40;
    private static readonly char[] Separators = [',', ';', '\t', '|'];

    /// <summary>Detects the layout of <paramref name="path"/>; <paramref name="displayName"/> names the file in errors.</summary>
    public static CsvLayout Sniff(string path, string displayName)
    {
        using var stream = File.OpenRead(path);
        return Sniff(stream, displayName);
    }

    /// <summary>Detects the layout from the start of <paramref name="stream"/> (which is not rewound).</summary>
    public static CsvLayout Sniff(Stream stream, string displayName)
    {
        var lines = ReadSample(stream, displayName);
        return Detect(lines, displayName);
    }

    /// <summary>The first non-empty lines with their 1-based line numbers.</summary>
    internal static List<(int Number, string Text)> ReadSample(Stream stream, string file)
    {
        var head = new byte[Math.Min(8192, Math.Max(1, (int)Math.Min(stream.CanSeek ? stream.Length : 8192, 8192)))];
        int got = stream.Read(head, 0, head.Length);
        if (got == 0) throw new CsvImportException(file, null, "the file is empty; expected candle rows (time, open, high, low, close, volume).");
        if (LooksBinary(head.AsSpan(0, got)))
            throw new CsvImportException(file, null, "this is not a text CSV file (it contains binary data); expected candle rows such as 2024-01-01,42000,42500,41800,42300,1234.");
        if (stream.CanSeek) stream.Position = 0;
        else throw new ArgumentException("The stream must be seekable.", nameof(stream));

        var lines = new List<(int, string)>();
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var buffer = new StringBuilder();
        int number = 0;
        while (lines.Count < SampleLines)
        {
            buffer.Clear();
            bool any = false;
            int c;
            while ((c = reader.Read()) >= 0)
            {
                any = true;
                if (c == '\n') break;
                if (c == '\r')
                {
                    if (reader.Peek() == '\n') reader.Read();
                    break;
                }
                if (buffer.Length >= MaxLineLength)
                    throw new CsvImportException(file, number + 1, $"the line is longer than {MaxLineLength:N0} characters; a candle row is a few dozen characters (is this a CSV of candles?).");
                buffer.Append((char)c);
            }
            if (!any) break;
            number++;
            string text = buffer.ToString().Trim();
            if (text.Length > 0) lines.Add((number, text));
        }
        if (lines.Count == 0) throw new CsvImportException(file, null, "the file has no rows; expected candle rows (time, open, high, low, close, volume).");
        return lines;
    }

    private static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        int control = 0;
        foreach (byte b in bytes)
        {
            if (b == 0) return true;
            if (b < 32 && b is not (9 or 10 or 13)) control++;
        }
        return control > bytes.Length / 20;
    }

    private static CsvLayout Detect(List<(int Number, string Text)> lines, string file)
    {
        int i = 0;
        char? hinted = null;
        if (lines[i].Text.StartsWith("sep=", StringComparison.OrdinalIgnoreCase) && lines[i].Text.Length == 5)
        {
            hinted = lines[i].Text[4];
            i++;
        }
        // banner lines (CryptoDataDownload puts its URL first)
        while (i < lines.Count && IsBanner(lines[i].Text)) i++;
        if (i >= lines.Count) throw new CsvImportException(file, lines[^1].Number, "no candle rows follow the banner line(s).");

        char separator = hinted ?? ChooseSeparator(lines.Skip(i).Select(l => l.Text).ToList());
        var first = Split(lines[i].Text, separator);
        if (first.Length < 5)
            throw new CsvImportException(file, lines[i].Number,
                $"found {first.Length} column(s) separated by '{Show(separator)}'; expected at least 5 (time, open, high, low, close) separated by comma, semicolon or tab.");

        int average = (int)Math.Ceiling(lines.Skip(i + 1).Select(l => l.Text.Length + 1).DefaultIfEmpty(60).Average());
        var layout = IsHeader(first) ? FromHeader(lines, i, separator, file) : Headerless(lines, i, separator, first, file);
        return layout with { AverageLineLength = average };
    }

    private static CsvLayout FromHeader(List<(int Number, string Text)> lines, int headerIndex, char separator, string file)
    {
        var header = Split(lines[headerIndex].Text, separator);
        var names = header.Select(Normalize).ToArray();
        var (dataIndex, format) = FirstDataLine(lines, headerIndex, separator, names);
        if (dataIndex >= lines.Count)
            throw new CsvImportException(file, lines[headerIndex].Number, "the file has a header but no data rows.");

        var (open, high, low, close) = PriceColumns(names);
        var missing = new List<string>();
        if (open < 0) missing.Add("Open");
        if (high < 0) missing.Add("High");
        if (low < 0) missing.Add("Low");
        if (close < 0) missing.Add("Close");
        int symbolColumn = FindColumn(names, "symbol", "ticker", "pair");

        var sample = Split(lines[dataIndex].Text, separator);
        var (time, timeOfDay) = TimeColumns(names, sample);
        if (time < 0) missing.Insert(0, "Date/Time");
        if (missing.Count > 0)
            throw new CsvImportException(file, lines[headerIndex].Number,
                $"the header has no {string.Join(", ", missing)} column; found [{string.Join(", ", header)}]. Expected columns named Date (or Time/Timestamp), Open, High, Low, Close and optionally Volume, in any order.");

        var encoding = IsNumber(Field(sample, time)) && timeOfDay is null ? TimeEncoding.UnixAuto : TimeEncoding.Text;
        if (format == CsvFormat.Generic) format = KnownFormat(header, names, symbolColumn, time, encoding);

        string? baseAsset = symbolColumn >= 0 ? Field(sample, symbolColumn).Split('/', '-', '_')[0].Trim().ToLowerInvariant() : null;
        int volume = ChooseVolume(names, baseAsset);
        return new CsvLayout
        {
            Format = format,
            Separator = separator,
            SkipLines = lines[dataIndex].Number - 1,
            TimeColumn = time,
            TimeOfDayColumn = timeOfDay,
            TimeEncoding = encoding,
            OpenColumn = open,
            HighColumn = high,
            LowColumn = low,
            CloseColumn = close,
            VolumeColumn = volume >= 0 ? volume : null,
            SymbolColumn = symbolColumn >= 0 ? symbolColumn : null,
            DecimalComma = UsesDecimalComma(lines.Skip(dataIndex), separator, open),
            DayFirst = IsDayFirst(lines.Skip(dataIndex), separator, time),
            Header = header,
        };
    }

    /// <summary>
    /// The index of the first data line after the header, and the format when the header lines tell it: yfinance
    /// writes "Price,Close,High,..." then "Ticker,BTC-USD,..." then "Date,,,,", and its first column is then the date.
    /// </summary>
    private static (int DataIndex, CsvFormat Format) FirstDataLine(List<(int Number, string Text)> lines, int headerIndex, char separator, string[] names)
    {
        int dataIndex = headerIndex + 1;
        if (!(names[0] == "price" && dataIndex < lines.Count && Normalize(Split(lines[dataIndex].Text, separator)[0]) == "ticker"))
            return (dataIndex, CsvFormat.Generic);
        dataIndex++;
        if (dataIndex < lines.Count && Normalize(Split(lines[dataIndex].Text, separator)[0]) is "date" or "datetime") dataIndex++;
        names[0] = "date";
        return (dataIndex, CsvFormat.YFinance);
    }

    /// <summary>The column of the first of <paramref name="candidates"/> present in the header, or −1.</summary>
    private static int FindColumn(string[] names, params string[] candidates)
    {
        foreach (string c in candidates)
        {
            int k = Array.IndexOf(names, c);
            if (k >= 0) return k;
        }
        return -1;
    }

    /// <summary>The open, high, low and close columns (−1 when missing).</summary>
    private static (int Open, int High, int Low, int Close) PriceColumns(string[] names) => (
        FindColumn(names, "open", "o", "open price", "openprice"),
        FindColumn(names, "high", "h", "high price", "highprice"),
        FindColumn(names, "low", "l", "low price", "lowprice"),
        FindColumn(names, "close", "c", "close price", "closeprice", "last", "price close"));

    /// <summary>
    /// The time column (−1 when none), and a separate time-of-day column when the date and the clock are in two
    /// columns (Date + Time with a clock value); an unnamed first column that holds dates is the time.
    /// </summary>
    private static (int Time, int? TimeOfDay) TimeColumns(string[] names, string[] sample)
    {
        int time = FindColumn(names, "unix", "unix timestamp", "unixtimestamp", "timestamp", "open time", "opentime", "datetime", "date time", "date/time", "time", "date", "dt", "ts", "");
        int? timeOfDay = null;
        int date = FindColumn(names, "date");
        int clock = FindColumn(names, "time");
        if (date >= 0 && clock >= 0 && FindColumn(names, "unix", "unix timestamp", "timestamp", "open time", "opentime", "datetime") < 0)
        {
            if (IsClock(Field(sample, clock))) { time = date; timeOfDay = clock; }
            else time = IsNumber(Field(sample, clock)) ? clock : date;
        }
        if (time < 0 && names.Length > 0 && !IsNumber(Field(sample, 0)) && LooksLikeDate(Field(sample, 0))) time = 0;
        return (time, timeOfDay);
    }

    /// <summary>A generic header recognised as a known exporter's by its column names.</summary>
    private static CsvFormat KnownFormat(string[] header, string[] names, int symbolColumn, int time, TimeEncoding encoding)
    {
        if (names.Contains("unix") && symbolColumn >= 0) return CsvFormat.CryptoDataDownload;
        if (names.Contains("adj close")) return CsvFormat.Yahoo;
        if (header.Any(h => h.Trim().StartsWith('<'))) return CsvFormat.MetaTraderTab;
        if (names[time] == "time" && encoding == TimeEncoding.UnixAuto) return CsvFormat.TradingView;
        return CsvFormat.Generic;
    }

    private static CsvLayout Headerless(List<(int Number, string Text)> lines, int dataIndex, char separator, string[] first, string file)
    {
        string f0 = first[0];
        var layout = new CsvLayout
        {
            Format = CsvFormat.GenericHeaderless,
            Separator = separator,
            SkipLines = lines[dataIndex].Number - 1,
            TimeColumn = 0,
            TimeEncoding = IsNumber(f0) ? TimeEncoding.UnixAuto : TimeEncoding.Text,
            OpenColumn = 1,
            HighColumn = 2,
            LowColumn = 3,
            CloseColumn = 4,
            VolumeColumn = first.Length > 5 ? 5 : null,
            DecimalComma = UsesDecimalComma(lines.Skip(dataIndex), separator, 1),
        };
        if (IsNumber(f0) && first.Length >= 11)
            return layout with { Format = CsvFormat.BinanceKlines };
        if (IsMetaTraderDate(f0) && first.Length >= 6 && IsClock(first[1]))
        {
            return layout with
            {
                Format = CsvFormat.MetaTrader,
                TimeOfDayColumn = 1,
                TimeEncoding = TimeEncoding.Text,
                OpenColumn = 2,
                HighColumn = 3,
                LowColumn = 4,
                CloseColumn = 5,
                VolumeColumn = first.Length > 6 ? 6 : null,
                DecimalComma = UsesDecimalComma(lines.Skip(dataIndex), separator, 2),
            };
        }
        if (IsNumber(f0) || LooksLikeDate(f0))
            return layout with { DayFirst = IsDayFirst(lines.Skip(dataIndex), separator, 0) };
        throw new CsvImportException(file, lines[dataIndex].Number,
            $"cannot tell what '{Truncate(f0)}' is: expected a header row naming Date/Time, Open, High, Low, Close (and Volume) columns, or rows starting with a date or a Unix timestamp.");
    }

    private static int ChooseVolume(string[] names, string? baseAsset)
    {
        int exact = Array.FindIndex(names, n => n is "volume" or "base volume" or "volume base" or "volume (base)");
        if (exact >= 0) return exact;
        // MetaTrader: <VOL> (real volume) is 0 for most forex symbols; tick volume is what traders use
        int tick = Array.FindIndex(names, n => n is "tickvol" or "tick volume" or "tick_volume");
        if (tick >= 0) return tick;
        int vol = Array.IndexOf(names, "vol");
        if (vol >= 0) return vol;
        if (baseAsset is not null)
        {
            int b = Array.IndexOf(names, "volume " + baseAsset);
            if (b >= 0) return b;
        }
        return Array.FindIndex(names, n => (n.StartsWith("volume", StringComparison.Ordinal) || n == "real volume")
            && !n.Contains("usd") && !n.Contains("quote") && !n.Contains("currency"));
    }

    private static bool IsBanner(string line) =>
        line.StartsWith("http", StringComparison.OrdinalIgnoreCase)
        || line.StartsWith("www.", StringComparison.OrdinalIgnoreCase)
        || line.Contains("cryptodatadownload", StringComparison.OrdinalIgnoreCase) && line.IndexOfAny(Separators) < 0
        || (line.IndexOfAny(Separators) < 0 && !IsNumber(line));

    private static char ChooseSeparator(List<string> sample)
    {
        char best = ',';
        int bestScore = -1;
        foreach (char s in Separators)
        {
            var counts = sample.Select(l => Split(l, s).Length).ToList();
            int mode = counts.GroupBy(c => c).OrderByDescending(g => g.Count()).First().Key;
            if (mode < 5) continue;
            int score = (counts.Count(c => c == mode) * 100) + mode;
            if (score > bestScore) (best, bestScore) = (s, score);
        }
        return best;
    }

    private static bool IsHeader(string[] fields)
    {
        int known = fields.Count(f => Normalize(f) is "open" or "high" or "low" or "close" or "volume" or "date" or "time" or "timestamp" or "unix" or "price" or "o" or "h" or "l" or "c");
        if (known >= 2) return true;
        // a row whose price fields are not numbers is a header (unknown names)
        return fields.Skip(1).Take(4).All(f => !IsNumber(f) && f.Length > 0);
    }

    /// <summary>Lower case, trimmed, without MetaTrader's angle brackets, quotes or a BOM.</summary>
    internal static string Normalize(string name) =>
        name.Trim().Trim('\uFEFF', '"', '\'').Trim('<', '>').Replace('_', ' ').Trim().ToLowerInvariant();

    internal static string[] Split(string line, char separator) =>
        line.Split(separator).Select(f => f.Trim().Trim('"')).ToArray();

    private static string Field(string[] fields, int index) => index >= 0 && index < fields.Length ? fields[index] : "";

    internal static bool IsNumber(string s) =>
        s.Length > 0 && decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static bool IsClock(string s) =>
        TimeSpan.TryParseExact(s, [@"hh\:mm", @"hh\:mm\:ss", @"h\:mm", @"h\:mm\:ss"], CultureInfo.InvariantCulture, out _);

    private static bool IsMetaTraderDate(string s) =>
        DateTime.TryParseExact(s, "yyyy.MM.dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static bool LooksLikeDate(string s) =>
        s.Length >= 8 && char.IsAsciiDigit(s[0]) && (s.Contains('-') || s.Contains('/') || s.Contains('.'));

    private static bool UsesDecimalComma(IEnumerable<(int Number, string Text)> data, char separator, int column) =>
        separator != ',' && data.Take(10).Select(l => Field(Split(l.Text, separator), column))
            .Any(f => f.Contains(',') && !f.Contains('.'));

    private static bool IsDayFirst(IEnumerable<(int Number, string Text)> data, char separator, int column) =>
        data.Select(l => Field(Split(l.Text, separator), column))
            .Where(f => f.Count(ch => ch == '/') == 2 && f.IndexOf('/') <= 2)
            .Any(f => int.TryParse(f[..f.IndexOf('/')], out int d) && d > 12);

    private static string Show(char c) => c == '\t' ? "\\t" : c.ToString();

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
