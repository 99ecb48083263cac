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
    /// <summary>
    /// Parses the file at <paramref name="path"/>; <paramref name="displayName"/> names it in messages. With
    /// <paramref name="flagOutliers"/> false the search for candles far from their neighbours is skipped
    /// (<see cref="ImportReport.Outliers"/> stays empty): for readers that do not show it, such as the command line's backtests.
    /// </summary>
    public static ParsedCandleFile Parse(string path, string? displayName = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default,
        bool flagOutliers = true)
    {
        string name = displayName ?? Path.GetFileName(path);
        if (!File.Exists(path)) throw new CsvImportException(name, null, "the file does not exist.");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Parse(stream, name, progress, fastPath: true, cancellationToken, flagOutliers: flagOutliers);
    }

    /// <summary>Parses a seekable stream holding a candle file.</summary>
    public static ParsedCandleFile Parse(Stream stream, string displayName, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        Parse(stream, displayName, progress, fastPath: true, cancellationToken);

    /// <summary>Parses with or without the fast path for plain layouts (tests compare the two).</summary>
    internal static ParsedCandleFile Parse(Stream stream, string displayName, IProgress<double>? progress, bool fastPath, CancellationToken cancellationToken, int segments = 0,
        bool flagOutliers = true)
    {
        var layout = CsvSniffer.Sniff(stream, displayName);
        stream.Position = 0;
        if (fastPath && PlainCsvReader.Handles(layout))
        {
            if (PlainCsvReader.TryRead(stream, layout, out var plain, progress, cancellationToken, segments))
            {
                progress?.Report(1);
                if (plain.Ascending) return CleanInOrder(plain, layout, flagOutliers);
                var unordered = new List<Row>(plain.Candles.Length);
                plain.AddTo(unordered);
                return Clean(unordered, layout, unordered.Count, [], 0, null, flagOutliers);
            }
            stream.Position = 0;
        }
        var rows = new List<Row>(EstimatedRows(stream.Length, layout));
        var read = CsvRowReader.Read(stream, displayName, layout, rows, progress, cancellationToken);
        progress?.Report(1);
        read.ThrowWhenUnusable(displayName, layout, rows.Count);
        return Clean(rows, layout, read.RowsRead, read.Rejected, read.RejectedCount, read.Symbol, flagOutliers);
    }

    /// <summary>Rows expected in <paramref name="bytes"/> of the file (5 % over the sampled line length, so the list rarely grows).</summary>
    internal static int EstimatedRows(long bytes, CsvLayout layout) =>
        (int)Math.Clamp(bytes / Math.Max(16, layout.AverageLineLength) * 21 / 20, 16, 24_000_000);

    /// <summary>
    /// Puts the rows in ascending time order, drops duplicates and a still-forming newest candle, then reports
    /// the timeframe, gaps and outliers of what is left.
    /// </summary>
    private static ParsedCandleFile Clean(List<Row> rows, CsvLayout layout, long rowsRead, List<RejectedRow> rejected, long rejectedCount, string? symbol, bool flagOutliers)
    {
        var notes = new List<string>();
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows);
        SortAscending(span, notes);
        var (kept, duplicates, conflicting) = DropDuplicates(span, notes);
        span = span[..kept];
        if (PartialNewest(span) is { } partial)
        {
            span = span[..^1];
            rejectedCount++;
            rejected.Add(partial.Rejection);
            notes.Add(partial.Note);
        }

        var candles = GC.AllocateUninitializedArray<Candle>(span.Length); // every candle is written just below
        for (int c = 0; c < span.Length; c++) candles[c] = span[c].Candle;
        return Report(candles, layout, rowsRead, duplicates, conflicting, rejected, rejectedCount, notes, symbol, flagOutliers);
    }

    private static ParsedCandleFile Report(Candle[] candles, CsvLayout layout, long rowsRead, long duplicates, long conflicting, List<RejectedRow> rejected,
        long rejectedCount, List<string> notes, string? symbol, bool flagOutliers)
    {
        var timeframe = Timeframe.Infer(candles);
        var gaps = timeframe is { } tf ? FindGaps(candles, tf) : [];
        if (gaps.Count > 0) notes.Add($"{gaps.Count:N0} gap(s) in the series (missing candles); they are reported, not filled.");
        var outliers = flagOutliers ? CandleOutliers.Find(candles) : [];
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
    /// <see cref="Clean"/> for rows already in strict time order (the usual file): nothing to sort or drop but a
    /// still-forming newest candle, so the candles are the ones the fast path read, in place.
    /// </summary>
    private static ParsedCandleFile CleanInOrder(PlainRows plain, CsvLayout layout, bool flagOutliers)
    {
        var candles = plain.Candles;
        var notes = new List<string>();
        var rejected = new List<RejectedRow>();
        long rejectedCount = 0;
        if (PartialNewest(candles, plain.Lines[candles.Length - 1]) is { } partial)
        {
            Array.Resize(ref candles, candles.Length - 1);
            rejectedCount++;
            rejected.Add(partial.Rejection);
            notes.Add(partial.Note);
        }
        return Report(candles, layout, plain.Candles.Length, 0, 0, rejected, rejectedCount, notes, null, flagOutliers);
    }

    /// <summary>Newest-first files are reversed, otherwise unordered rows are sorted by time (then by line).</summary>
    private static void SortAscending(Span<Row> span, List<string> notes)
    {
        if (IsAscending(span)) return;
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

    /// <summary>
    /// Of rows with the same time keeps the one with the finer timestamp (ms over s), then the first in the file,
    /// moving the kept rows to the front; returns how many were kept, dropped, and dropped with other prices.
    /// </summary>
    private static (int Kept, long Duplicates, long Conflicting) DropDuplicates(Span<Row> span, List<string> notes)
    {
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
        if (duplicates > 0)
        {
            notes.Add(conflicting == 0
                ? $"Dropped {duplicates:N0} exact duplicate row(s)."
                : $"Dropped {duplicates:N0} row(s) with an already-seen time; {conflicting:N0} of them had different prices (the row with the finer timestamp, else the first, was kept).");
        }
        return (keptCount, duplicates, conflicting);
    }

    /// <summary>Rows <see cref="PartialNewest(ReadOnlySpan{Candle}, long)"/> reads: the newest and the 20 before it.</summary>
    private const int PartialWindow = 21;

    private static (RejectedRow Rejection, string Note)? PartialNewest(ReadOnlySpan<Row> rows)
    {
        if (rows.Length < PartialWindow) return null;
        var newest = new Candle[PartialWindow];
        for (int i = 0; i < newest.Length; i++) newest[i] = rows[rows.Length - PartialWindow + i].Candle;
        return PartialNewest(newest, rows[^1].Line);
    }

    /// <summary>
    /// A still-forming newest candle (exports taken during the period) has a fraction of the usual volume: its
    /// rejection and note when the newest candle's volume is under 2 % of the median of the previous 20, else null.
    /// <paramref name="line"/> is the newest candle's line in the file.
    /// </summary>
    private static (RejectedRow Rejection, string Note)? PartialNewest(ReadOnlySpan<Candle> candles, long line)
    {
        if (candles.Length < PartialWindow) return null;
        var previous = new double[20];
        for (int p = 0; p < 20; p++) previous[p] = candles[candles.Length - 21 + p].Volume;
        Array.Sort(previous);
        double median = (previous[9] + previous[10]) / 2;
        var last = candles[^1];
        if (!(median > 0 && last.Volume < median * 0.02)) return null;
        var rejection = new RejectedRow(line,
            $"the newest candle ({last.Time:yyyy-MM-dd HH:mm}) looks partial (still forming): its volume {last.Volume:G6} is {last.Volume / median:P1} of the median of the previous 20; dropped.", IsRepair: true);
        return (rejection, $"Dropped the newest candle {last.Time:yyyy-MM-dd HH:mm}: it looks partial (volume {last.Volume / median:P1} of normal).");
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
