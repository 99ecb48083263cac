using System.Buffers;
using System.Globalization;
using System.Text;
using CsvHelper;
using Velocitas.Engine.Market;

namespace Velocitas.Data.Import;

/// <summary>
/// Reads a candle CSV of any supported layout (see <see cref="CsvFormat"/>) with CsvHelper — plain layouts with Unix
/// times first through the faster <see cref="PlainCsvReader"/>, which hands anything unusual back — validates each
/// row, sorts ascending, drops duplicates (keeping the finer-timestamped row), drops a still-forming newest
/// candle, infers the timeframe and finds gaps. Rows that cannot be used are listed with their line and the
/// reason; a file that cannot be understood throws <see cref="CsvImportException"/>.
/// </summary>
public static class CandleFileParser
{
    private static readonly NumberFormatInfo CommaDecimal = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "" };

    /// <summary>Parses the file at <paramref name="path"/>; <paramref name="displayName"/> names it in messages.</summary>
    public static ParsedCandleFile Parse(string path, string? displayName = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        string name = displayName ?? Path.GetFileName(path);
        if (!File.Exists(path)) throw new CsvImportException(name, null, "the file does not exist.");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Parse(stream, name, progress, cancellationToken);
    }

    /// <summary>Parses a seekable stream holding a candle file.</summary>
    public static ParsedCandleFile Parse(Stream stream, string displayName, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        Parse(stream, displayName, progress, fastPath: true, cancellationToken);

    /// <summary>Parses with or without the fast path for plain layouts (tests compare the two).</summary>
    internal static ParsedCandleFile Parse(Stream stream, string displayName, IProgress<double>? progress, bool fastPath, CancellationToken cancellationToken)
    {
        var layout = CsvSniffer.Sniff(stream, displayName);
        stream.Position = 0;
        var rows = new List<Row>((int)Math.Clamp(stream.Length / Math.Max(16, layout.AverageLineLength) * 21 / 20, 16, 8_000_000));
        if (fastPath && PlainCsvReader.Handles(layout))
        {
            if (PlainCsvReader.TryRead(stream, layout, rows, out long plainRows, progress, cancellationToken))
            {
                progress?.Report(1);
                return Clean(rows, layout, plainRows, [], 0, null);
            }
            rows.Clear();
            stream.Position = 0;
        }
        var rejected = new List<RejectedRow>();
        long rejectedCount = 0, rowsRead = 0;
        string? symbol = null;

        void Reject(long line, string reason, bool repair = false)
        {
            rejectedCount++;
            if (rejected.Count < ImportReport.MaxListedRejections) rejected.Add(new RejectedRow(line, reason, repair));
        }

        var options = CsvReaderOptions.Default with
        {
            Separator = layout.Separator,
            HasHeader = false,
            TrackLineNumbers = true,
            AllowLineBreaksInQuotes = false,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            MaxRecordSize = 1 << 20,
        };
        IFormatProvider provider = layout.DecimalComma ? CommaDecimal : CultureInfo.InvariantCulture;
        long length = stream.Length;
        string timeHeader = layout.Header.Count > layout.TimeColumn ? layout.Header[layout.TimeColumn].Trim() : "";
        Span<char> chars = stackalloc char[128];

        using (var reader = CsvReader.Create(stream, options, leaveOpen: true))
        {
            long line = 0;
            try
            {
                while (reader.Read())
                {
                    line = reader.LineNumber;
                    if (line <= layout.SkipLines) continue;
                    rowsRead++;
                    if ((rowsRead & 0xFFF) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        progress?.Report(length == 0 ? 1 : (double)reader.ByteOffset / length);
                    }
                    if (reader.FieldCount < layout.MinFields)
                    {
                        Reject(line, $"expected at least {layout.MinFields} columns separated by '{(layout.Separator == '\t' ? "\\t" : layout.Separator)}', found {reader.FieldCount}.");
                        continue;
                    }
                    if (!TryReadTime(reader, layout, chars, out var time, out byte precision, out string? timeError))
                    {
                        string raw = reader.GetString(layout.TimeColumn) ?? "";
                        bool repeatedHeader = timeHeader.Length > 0 && string.Equals(raw, timeHeader, StringComparison.OrdinalIgnoreCase);
                        Reject(line, repeatedHeader ? "repeated header line (skipped)." : timeError!, repeatedHeader);
                        continue;
                    }
                    if (!TryPrice(reader, layout.OpenColumn, "Open", provider, out decimal open, out string? error)
                        || !TryPrice(reader, layout.HighColumn, "High", provider, out decimal high, out error)
                        || !TryPrice(reader, layout.LowColumn, "Low", provider, out decimal low, out error)
                        || !TryPrice(reader, layout.CloseColumn, "Close", provider, out decimal close, out error))
                    {
                        bool noPrices = IsNull(reader.GetSpan(layout.OpenColumn)) && IsNull(reader.GetSpan(layout.HighColumn))
                            && IsNull(reader.GetSpan(layout.LowColumn)) && IsNull(reader.GetSpan(layout.CloseColumn));
                        Reject(line, noPrices ? "row has no prices (e.g. a market holiday in a Yahoo export); skipped." : error!, noPrices);
                        continue;
                    }
                    double volume = 0;
                    if (layout.VolumeColumn is int vc && vc < reader.FieldCount && !IsNull(reader.GetSpan(vc)))
                    {
                        if (!TryVolume(reader.GetSpan(vc), provider, out volume) || volume < 0)
                        {
                            Reject(line, $"Volume '{Show(reader.GetSpan(vc))}' is not a non-negative number.");
                            continue;
                        }
                    }
                    var candle = new Candle(time, open, high, low, close, volume);
                    if (Inconsistency(candle) is { } problem)
                    {
                        Reject(line, problem);
                        continue;
                    }
                    if (symbol is null && layout.SymbolColumn is int sc && sc < reader.FieldCount)
                        symbol = reader.GetString(sc)?.Replace("/", "").Replace("-", "").Replace("_", "").ToUpperInvariant();
                    rows.Add(new Row(candle, line, precision));
                }
            }
            catch (CsvFormatException ex)
            {
                throw new CsvImportException(displayName, ex.LineNumber > 0 ? ex.LineNumber : line + 1, $"unreadable CSV: {ex.Message}");
            }
        }
        progress?.Report(1);

        if (rows.Count == 0)
        {
            if (rowsRead == 0) throw new CsvImportException(displayName, layout.SkipLines > 0 ? layout.SkipLines : null, "the file has a header but no data rows.");
            var firstProblem = rejected[0];
            throw new CsvImportException(displayName, firstProblem.Line, $"no row could be read as a candle. {firstProblem.Reason}");
        }
        long bad = rejectedCount - rejected.Count(r => r.IsRepair);
        if (bad * 2 > rowsRead)
        {
            var firstProblem = rejected[0];
            throw new CsvImportException(displayName, firstProblem.Line,
                $"{rejectedCount:N0} of {rowsRead:N0} rows could not be read, so the file is probably not in a layout Velocitas understands. First problem: {firstProblem.Reason}");
        }

        return Clean(rows, layout, rowsRead, rejected, rejectedCount, symbol);
    }

    private static ParsedCandleFile Clean(List<Row> rows, CsvLayout layout, long rowsRead, List<RejectedRow> rejected, long rejectedCount, string? symbol)
    {
        var notes = new List<string>();
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows);
        if (!IsAscending(span))
        {
            if (IsDescending(span))
            {
                span.Reverse();
                notes.Add("The file lists the newest candle first; the candles were put in ascending time order.");
            }
            else
            {
                span.Sort(static (a, b) => a.Candle.Time != b.Candle.Time ? a.Candle.Time.CompareTo(b.Candle.Time) : a.Line.CompareTo(b.Line));
                notes.Add("Some rows were out of time order; the candles were sorted by time.");
            }
        }

        // duplicates: keep the row with the finer timestamp (ms over s), then the first in the file
        int keptCount = 0;
        long duplicates = 0, conflicting = 0;
        int i = 0;
        while (i < span.Length)
        {
            int j = i + 1;
            int best = i;
            while (j < span.Length && span[j].Candle.Time == span[i].Candle.Time)
            {
                if (span[j].Precision > span[best].Precision || (span[j].Precision == span[best].Precision && span[j].Line < span[best].Line)) best = j;
                j++;
            }
            for (int k = i; k < j; k++)
            {
                if (k == best) continue;
                duplicates++;
                if (!SamePrices(span[k].Candle, span[best].Candle)) conflicting++;
            }
            span[keptCount++] = span[best];
            i = j;
        }
        span = span[..keptCount];
        if (duplicates > 0)
        {
            notes.Add(conflicting == 0
                ? $"Dropped {duplicates:N0} exact duplicate row(s)."
                : $"Dropped {duplicates:N0} row(s) with an already-seen time; {conflicting:N0} of them had different prices (the row with the finer timestamp, else the first, was kept).");
        }

        // a still-forming newest candle (exports taken during the period) has a fraction of the usual volume
        if (span.Length >= 21)
        {
            var previous = new double[20];
            for (int p = 0; p < 20; p++) previous[p] = span[span.Length - 21 + p].Candle.Volume;
            Array.Sort(previous);
            double median = (previous[9] + previous[10]) / 2;
            var last = span[^1].Candle;
            if (median > 0 && last.Volume < median * 0.02)
            {
                long line = span[^1].Line;
                span = span[..^1];
                rejectedCount++;
                rejected.Add(new RejectedRow(line,
                    $"the newest candle ({last.Time:yyyy-MM-dd HH:mm}) looks partial (still forming): its volume {last.Volume:G6} is {last.Volume / median:P1} of the median of the previous 20; dropped.", IsRepair: true));
                notes.Add($"Dropped the newest candle {last.Time:yyyy-MM-dd HH:mm}: it looks partial (volume {last.Volume / median:P1} of normal).");
            }
        }

        var candles = new Candle[span.Length];
        for (int c = 0; c < span.Length; c++) candles[c] = span[c].Candle;
        var timeframe = Timeframe.Infer(candles);
        var gaps = timeframe is { } tf ? FindGaps(candles, tf) : [];
        if (gaps.Count > 0) notes.Add($"{gaps.Count:N0} gap(s) in the series (missing candles); they are reported, not filled.");
        var outliers = CandleOutliers.Find(candles);
        if (outliers.Count > 0) notes.Add($"{outliers.Count:N0} candle(s) far from their neighbours, probably bad prints (first {outliers[0].Time:yyyy-MM-dd HH:mm}); flagged, not changed: see the outliers.");

        var report = new ImportReport
        {
            Format = layout.Format,
            Timeframe = timeframe,
            RowsRead = rowsRead,
            RowsImported = candles.Length,
            DuplicatesDropped = duplicates,
            ConflictingDuplicates = conflicting,
            RowsRejected = rejected.OrderBy(r => r.Line).ToList(),
            RejectedCount = rejectedCount,
            Gaps = gaps,
            Outliers = outliers,
            First = candles.Length > 0 ? candles[0].Time : null,
            Last = candles.Length > 0 ? candles[^1].Time : null,
            Notes = notes,
            Symbol = symbol,
        };
        return new ParsedCandleFile(candles, report, layout);
    }

    /// <summary>
    /// Steps longer than the timeframe. For data without any Saturday candle (stocks, forex) a step that
    /// spans a weekend and lasts at most four days is the market being closed, not a gap.
    /// </summary>
    public static List<Gap> FindGaps(ReadOnlySpan<Candle> candles, Timeframe timeframe)
    {
        var gaps = new List<Gap>();
        var step = timeframe.Duration;
        bool weekendClosed = step <= TimeSpan.FromDays(1) && candles.Length > 14;
        if (weekendClosed)
        {
            foreach (var c in candles)
            {
                if (c.Time.DayOfWeek == DayOfWeek.Saturday) { weekendClosed = false; break; }
            }
        }
        for (int i = 1; i < candles.Length; i++)
        {
            var delta = candles[i].Time - candles[i - 1].Time;
            if (delta <= step) continue;
            if (weekendClosed && delta <= TimeSpan.FromDays(4) && SpansSaturday(candles[i - 1].Time, candles[i].Time)) continue;
            gaps.Add(new Gap(candles[i - 1].Time, candles[i].Time, (delta.Ticks / step.Ticks) - (delta.Ticks % step.Ticks == 0 ? 1 : 0)));
        }
        return gaps;
    }

    private static bool SpansSaturday(DateTimeOffset from, DateTimeOffset to)
    {
        for (var d = from.UtcDateTime.Date; d <= to.UtcDateTime.Date; d = d.AddDays(1))
        {
            if (d.DayOfWeek == DayOfWeek.Saturday) return true;
        }
        return false;
    }

    private static bool TryReadTime(CsvReader reader, CsvLayout layout, Span<char> chars, out DateTimeOffset time, out byte precision, out string? error)
    {
        time = default;
        precision = 0;
        error = null;
        var field = reader.GetSpan(layout.TimeColumn);
        if (layout.TimeEncoding == TimeEncoding.UnixAuto)
        {
            if (FastNumber.TryParseInteger(field, out long whole) ? TimestampParser.TryFromUnix(whole, out time, out precision)
                : decimal.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal unix) && TimestampParser.TryFromUnix(unix, out time, out precision))
                return true;
            error = $"time '{Show(field)}' is not a Unix timestamp between 1970 and 2100 (seconds, milliseconds or microseconds).";
            return false;
        }

        int n = Encoding.UTF8.GetChars(field, chars.Length > field.Length ? chars : new char[field.Length]);
        int length = Math.Min(n, chars.Length);
        if (n > chars.Length)
        {
            error = $"time '{Show(field)}' is too long to be a date.";
            return false;
        }
        if (layout.TimeOfDayColumn is int tc)
        {
            var clock = reader.GetSpan(tc);
            if (length + 1 + clock.Length > chars.Length)
            {
                error = $"time '{Show(clock)}' is too long to be a time of day.";
                return false;
            }
            chars[length++] = ' ';
            length += Encoding.UTF8.GetChars(clock, chars[length..]);
        }
        if (TimestampParser.TryParseText(chars[..length], layout.DayFirst, out time)) return true;
        error = $"time '{chars[..length].ToString()}' is not a date/time (expected e.g. 2024-01-31, 2024-01-31 13:00:00, 2024-01-31T13:00:00Z or 2024.01.31 13:00).";
        return false;
    }

    private static bool TryPrice(CsvReader reader, int column, string name, IFormatProvider provider, out decimal value, out string? error)
    {
        var field = reader.GetSpan(column);
        error = null;
        if (IsNull(field))
        {
            value = 0;
            error = field.IsEmpty ? $"{name} is empty." : $"{name} is missing ('{Show(field)}').";
            return false;
        }
        if (!TryNumber(field, provider, out value))
        {
            error = $"{name} '{Show(field)}' is not a number.";
            return false;
        }
        return true;
    }

    private static bool TryNumber(ReadOnlySpan<byte> field, IFormatProvider provider, out decimal value) =>
        ReferenceEquals(provider, CommaDecimal)
            ? decimal.TryParse(field, NumberStyles.Float, provider, out value)
            : FastNumber.TryParseDecimal(field, provider, NumberStyles.Float | NumberStyles.AllowThousands, out value);

    private static bool TryVolume(ReadOnlySpan<byte> field, IFormatProvider provider, out double value) =>
        double.TryParse(field, ReferenceEquals(provider, CommaDecimal) ? NumberStyles.Float : NumberStyles.Float | NumberStyles.AllowThousands, provider, out value)
        && double.IsFinite(value);

    private static bool IsNull(ReadOnlySpan<byte> field) =>
        field.IsEmpty
        || field.SequenceEqual("null"u8) || field.SequenceEqual("NULL"u8) || field.SequenceEqual("Null"u8)
        || field.SequenceEqual("NaN"u8) || field.SequenceEqual("nan"u8) || field.SequenceEqual("N/A"u8) || field.SequenceEqual("-"u8);

    /// <summary>Why a candle's prices cannot be real, or null when they are consistent.</summary>
    public static string? Inconsistency(in Candle c)
    {
        if (c.Open <= 0 || c.High <= 0 || c.Low <= 0 || c.Close <= 0)
            return $"prices must be positive (open {c.Open}, high {c.High}, low {c.Low}, close {c.Close}).";
        if (c.High < c.Low) return $"high {c.High} is below low {c.Low}.";
        if (c.Open > c.High || c.Open < c.Low) return $"open {c.Open} is outside the low..high range {c.Low}..{c.High}.";
        if (c.Close > c.High || c.Close < c.Low) return $"close {c.Close} is outside the low..high range {c.Low}..{c.High}.";
        return null;
    }

    private static string Show(ReadOnlySpan<byte> field)
    {
        string s = Encoding.UTF8.GetString(field.Length > 40 ? field[..40] : field);
        return field.Length > 40 ? s + "…" : s;
    }

    private static bool SamePrices(in Candle a, in Candle b) =>
        a.Open == b.Open && a.High == b.High && a.Low == b.Low && a.Close == b.Close;

    private static bool IsAscending(ReadOnlySpan<Row> rows)
    {
        for (int i = 1; i < rows.Length; i++)
        {
            if (rows[i].Candle.Time < rows[i - 1].Candle.Time) return false;
        }
        return true;
    }

    private static bool IsDescending(ReadOnlySpan<Row> rows)
    {
        for (int i = 1; i < rows.Length; i++)
        {
            if (rows[i].Candle.Time > rows[i - 1].Candle.Time) return false;
        }
        return true;
    }

    /// <summary>A row read from the file, with its line and the precision of its timestamp (for duplicates).</summary>
    internal readonly record struct Row(Candle Candle, long Line, byte Precision);
}
