using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Velocitas.Engine.Market;

namespace Velocitas.Data.Import;

/// <summary>
/// The fast path for the known plain layouts (data.binance.vision klines, TradingView and any file whose times are Unix
/// numbers): one pass over the bytes in 1 MB chunks, fields split on the separator, numbers read with the same
/// <see cref="FastNumber"/> and checks as the CsvHelper path. It gives up (returns false) at the first thing it does not
/// handle exactly like that path — a quote, padding, a lone CR, a short row, a value that would be rejected — and the
/// file is then read again by CsvHelper, so reports, rejected lines and candles are the same either way. The rows it
/// reads go through the same cleaning step (order, duplicates, partial newest candle, timeframe, gaps).
/// </summary>
internal static class PlainCsvReader
{
    private const int ChunkSize = 1 << 20;

    /// <summary>True when <paramref name="layout"/> is one this reader handles.</summary>
    public static bool Handles(CsvLayout layout) =>
        layout.TimeEncoding == TimeEncoding.UnixAuto && layout.TimeOfDayColumn is null && layout.SymbolColumn is null
        && !layout.DecimalComma && layout.Separator is not ('"' or ' ') && layout.Separator < 128;

    /// <summary>
    /// Reads every data row into <paramref name="rows"/>; false (rows unusable) when the file needs the general path.
    /// A large file is read in line-aligned ranges on several threads (<paramref name="segments"/>: how many; 0 picks by
    /// size); the rows come back in file order with their line numbers, exactly as one sequential read gives them.
    /// </summary>
    public static bool TryRead(Stream stream, CsvLayout layout, List<CandleFileParser.Row> rows, out long rowsRead, IProgress<double>? progress, CancellationToken ct, int segments = 0)
    {
        if (!TryReadSegments(stream, layout, rows, out rowsRead, out var parts, progress, ct, segments)) return false;
        Join(rows, parts);
        return true;
    }

    /// <summary>The rows of one line-aligned range of the file; their line numbers count from the range's start (add <see cref="LineOffset"/>).</summary>
    /// <param name="Rows">The range's rows in file order.</param>
    /// <param name="LineOffset">Lines of the file before the range.</param>
    /// <param name="Ascending">Every row of the range is strictly after the one before it (checked while reading).</param>
    public sealed record Segment(List<CandleFileParser.Row> Rows, long LineOffset, bool Ascending);

    /// <summary>
    /// As <see cref="TryRead"/>, leaving each range's rows where they were read (the first range's in <paramref name="rows"/>),
    /// so a caller that can use them in place need not copy them into one list (<see cref="Join"/> does).
    /// </summary>
    public static bool TryReadSegments(Stream stream, CsvLayout layout, List<CandleFileParser.Row> rows, out long rowsRead, out IReadOnlyList<Segment> parts,
        IProgress<double>? progress, CancellationToken ct, int segments = 0)
    {
        parts = [];
        var source = new ByteSource(stream);
        var starts = LineSegments.Starts(source, layout.SkipLines, segments > 0 ? segments : LineSegments.CountFor(source.Length));
        var reads = new SegmentRead[starts.Count];
        var shared = new SharedProgress(source.Length, progress);
        for (int k = 0; k < reads.Length; k++)
        {
            long to = k + 1 < starts.Count ? starts[k + 1] : source.Length;
            reads[k] = new SegmentRead(starts[k], to, k == 0 ? layout.SkipLines : 0, k == 0 ? rows : new List<CandleFileParser.Row>(CandleFileParser.EstimatedRows(to - starts[k], layout)));
        }
        var others = reads.Skip(1).Select(r => Task.Run(() => Read(source, layout, r, shared, ct), ct)).ToArray();
        try
        {
            Read(source, layout, reads[0], shared, ct);
        }
        catch
        {
            shared.Stop();
            throw;
        }
        finally
        {
            try { Task.WaitAll(others); }
            catch (AggregateException e) { ExceptionDispatchInfo.Throw(e.InnerException!); }
        }
        rowsRead = reads.Sum(r => r.RowsRead);
        if (reads.Any(r => r.Failed)) return false;
        var found = new List<Segment>(reads.Length);
        long lineOffset = 0;
        foreach (var read in reads)
        {
            found.Add(new Segment(read.Rows, lineOffset, read.Ascending));
            lineOffset += read.Lines;
        }
        parts = found;
        return reads.Any(r => r.Rows.Count > 0);
    }

    /// <summary>Appends every range after the first (which is <paramref name="rows"/>) to <paramref name="rows"/>, numbering lines from the file's start.</summary>
    public static void Join(List<CandleFileParser.Row> rows, IReadOnlyList<Segment> parts)
    {
        int total = parts.Sum(p => p.Rows.Count);
        if (rows.Capacity < total) rows.Capacity = total;
        foreach (var part in parts.Skip(1))
        {
            foreach (var row in part.Rows) rows.Add(row with { Line = row.Line + part.LineOffset });
            part.Rows.Clear();
            part.Rows.Capacity = 0;
        }
    }

    /// <summary>One line-aligned byte range and what reading it found.</summary>
    private sealed class SegmentRead(long from, long to, int skipLines, List<CandleFileParser.Row> rows)
    {
        public long From { get; } = from;
        public long To { get; } = to;
        public int SkipLines { get; } = skipLines;
        public List<CandleFileParser.Row> Rows { get; } = rows;
        public long Lines { get; set; }
        public long RowsRead { get; set; }
        public bool Ascending { get; set; }
        public bool Failed { get; set; }
    }

    /// <summary>Bytes read by all ranges, reported by the calling thread only; and the signal to stop when one range fails.</summary>
    private sealed class SharedProgress(long length, IProgress<double>? progress)
    {
        private long _consumed;
        private volatile bool _stopped;
        private readonly int _owner = Environment.CurrentManagedThreadId;

        public bool Stopped => _stopped;

        public void Stop() => _stopped = true;

        public void Add(long bytes)
        {
            long consumed = Interlocked.Add(ref _consumed, bytes);
            if (progress is not null && Environment.CurrentManagedThreadId == _owner) progress.Report(length == 0 ? 1 : (double)consumed / length);
        }
    }

    /// <summary>Reads the lines of one range; sets <see cref="SegmentRead.Failed"/> at the first row the fast path does not handle.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Read(ByteSource source, CsvLayout layout, SegmentRead segment, SharedProgress shared, CancellationToken ct)
    {
        byte separator = (byte)layout.Separator;
        int minFields = layout.MinFields;
        int volumeColumn = layout.VolumeColumn ?? -1;
        int maxColumn = Math.Max(minFields - 1, volumeColumn);
        Span<Range> fields = stackalloc Range[maxColumn + 2];
        var rows = segment.Rows;
        long position = segment.From;
        long line = 0, rowsRead = 0, reported = 0;
        bool ascending = true;
        long previous = long.MinValue; // UTC ticks of the row before
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int filled = 0;
            bool end = false;
            while (!end)
            {
                int want = (int)Math.Min(buffer.Length - filled, segment.To - position);
                int read = want > 0 ? source.Read(position, buffer.AsSpan(filled, want)) : 0;
                if (read == 0) end = true;
                position += read;
                filled += read;
                var data = buffer.AsSpan(0, filled);
                int start = 0;
                while (true)
                {
                    int newline = data[start..].IndexOf((byte)'\n');
                    if (newline < 0 && !end) break;
                    int stop = newline < 0 ? data.Length : start + newline;
                    if (newline < 0 && stop == start) break;
                    var text = data[start..stop];
                    start = newline < 0 ? data.Length : stop + 1;
                    line++;
                    if (text.Length > 0 && text[^1] == '\r') text = text[..^1];
                    if (text.IndexOf((byte)'\r') >= 0 || text.IndexOf((byte)'"') >= 0) { segment.Failed = true; return; }
                    if (line <= segment.SkipLines || text.IsEmpty) continue;
                    rowsRead++;
                    if ((rowsRead & 0xFFF) == 0)
                    {
                        ct.ThrowIfCancellationRequested();
                        if (shared.Stopped) { segment.Failed = true; return; }
                        long done = position - filled + start - segment.From;
                        shared.Add(done - reported);
                        reported = done;
                    }
                    if (!TryRow(text, line, separator, fields, minFields, volumeColumn, layout, out var row)) { segment.Failed = true; return; }
                    long ticks = row.Candle.Time.UtcTicks;
                    ascending &= ticks > previous;
                    previous = ticks;
                    rows.Add(row);
                }
                // a line longer than a chunk is not a candle
                if (start == 0 && filled == buffer.Length) { segment.Failed = true; return; }
                data[start..].CopyTo(buffer);
                filled -= start;
            }
        }
        finally
        {
            segment.Lines = line;
            segment.RowsRead = rowsRead;
            segment.Ascending = ascending;
            if (segment.Failed) shared.Stop();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryRow(ReadOnlySpan<byte> text, long line, byte separator, Span<Range> fields, int minFields, int volumeColumn, CsvLayout layout, out CandleFileParser.Row row)
    {
        row = default;
        int count = Split(text, separator, fields);
        if (count < minFields) return false;
        foreach (var range in fields[..Math.Min(count, fields.Length)])
        {
            var field = text[range];
            if (field.Length > 0 && (field[0] == ' ' || field[0] == '\t' || field[^1] == ' ' || field[^1] == '\t')) return false;
        }
        var timeField = text[fields[layout.TimeColumn]];
        DateTimeOffset time = default;
        byte precision = 0;
        bool timeOk = FastNumber.TryParseInteger(timeField, out long whole)
            ? TimestampParser.TryFromUnix(whole, out time, out precision)
            : decimal.TryParse(timeField, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal unix) && TimestampParser.TryFromUnix(unix, out time, out precision);
        if (!timeOk) return false;
        const NumberStyles styles = NumberStyles.Float | NumberStyles.AllowThousands;
        var inv = CultureInfo.InvariantCulture;
        // an empty or "null" price does not parse, so such rows are left to the general path and its messages
        if (!FastNumber.TryParseDecimal(text[fields[layout.OpenColumn]], inv, styles, out decimal open, out var o)
            || !FastNumber.TryParseDecimal(text[fields[layout.HighColumn]], inv, styles, out decimal high, out var h)
            || !FastNumber.TryParseDecimal(text[fields[layout.LowColumn]], inv, styles, out decimal low, out var l)
            || !FastNumber.TryParseDecimal(text[fields[layout.CloseColumn]], inv, styles, out decimal close, out var c))
            return false;
        double volume = 0;
        if (volumeColumn >= 0 && volumeColumn < count && !text[fields[volumeColumn]].IsEmpty)
        {
            // "null", "N/A" or "-" volumes (read as 0 by the general path) do not parse and go to it too
            if (!FastNumber.TryParseDouble(text[fields[volumeColumn]], inv, styles, out volume) || !double.IsFinite(volume) || volume < 0) return false;
        }
        var candle = new Candle(time, open, high, low, close, volume);
        bool consistent = o.Scale >= 0 && o.Scale == h.Scale && o.Scale == l.Scale && o.Scale == c.Scale
            ? Consistent(o.Digits, h.Digits, l.Digits, c.Digits)
            : CandleFileParser.Inconsistency(candle) is null;
        if (!consistent) return false;
        row = new CandleFileParser.Row(candle, line, precision);
        return true;
    }

    /// <summary>
    /// <see cref="CandleFileParser.Inconsistency"/>'s rules on the digits of four non-negative prices of one scale (which
    /// compare exactly as the prices do): all positive, high not below low, open and close within low..high.
    /// </summary>
    private static bool Consistent(ulong open, ulong high, ulong low, ulong close) =>
        open > 0 && high > 0 && low > 0 && close > 0 && high >= low && open <= high && open >= low && close <= high && close >= low;

    /// <summary>
    /// Splits on <paramref name="separator"/> into the first fields' ranges; returns how many fields there are, counting no
    /// further than <paramref name="fields"/> holds (one more than the last column read, so a short row still shows, and
    /// the columns a candle does not use, such as the six after a kline's volume, are not split at all).
    /// </summary>
    private static int Split(ReadOnlySpan<byte> text, byte separator, Span<Range> fields)
    {
        int count = 0, position = 0;
        while (count < fields.Length)
        {
            int next = text[position..].IndexOf(separator);
            int end = next < 0 ? text.Length : position + next;
            fields[count++] = new Range(position, end);
            if (next < 0) break;
            position = end + 1;
        }
        return count;
    }

}
