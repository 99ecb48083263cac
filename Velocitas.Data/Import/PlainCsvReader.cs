using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Velocitas.Engine.Market;

namespace Velocitas.Data.Import;

/// <summary>
/// The fast path for the known plain layouts (data.binance.vision klines, TradingView and any file whose times are Unix
/// numbers): the lines are counted, then read in 1 MB chunks straight into the candle array, fields split on the
/// separator, numbers read with the same <see cref="FastNumber"/> and checks as the CsvHelper path. It gives up (returns
/// false) at the first thing it does not handle exactly like that path — a quote, padding, a lone CR, a short row, a
/// value that would be rejected — and the file is then read again by CsvHelper, so reports, rejected lines and candles
/// are the same either way. The rows it reads go through the same cleaning step (order, duplicates, partial newest
/// candle, timeframe, gaps).
/// </summary>
internal static class PlainCsvReader
{
    private const int ChunkSize = 1 << 20;

    /// <summary>True when <paramref name="layout"/> is one this reader handles.</summary>
    public static bool Handles(CsvLayout layout) =>
        layout.TimeEncoding == TimeEncoding.UnixAuto && layout.TimeOfDayColumn is null && layout.SymbolColumn is null
        && !layout.DecimalComma && layout.Separator is not ('"' or ' ') && layout.Separator < 128;

    /// <summary>
    /// Reads every data row into one array of candles in file order (<paramref name="read"/>); false when the file needs the
    /// general path. A large file is read in line-aligned ranges on several threads (<paramref name="segments"/>: how many;
    /// 0 picks by size): the ranges' lines are counted first, so that each range writes its candles straight to their place.
    /// </summary>
    public static bool TryRead(Stream stream, CsvLayout layout, [NotNullWhen(true)] out PlainRows? read, IProgress<double>? progress, CancellationToken ct, int segments = 0)
    {
        read = null;
        var source = new ByteSource(stream);
        var starts = LineSegments.Starts(source, layout.SkipLines, segments > 0 ? segments : LineSegments.CountFor(source.Length));
        var ranges = new LineRange[starts.Count];
        for (int k = 0; k < ranges.Length; k++) ranges[k] = new LineRange(starts[k], k + 1 < starts.Count ? starts[k + 1] : source.Length, k == 0 ? layout.SkipLines : 0);

        // each range's lines, counted on its own thread, tell where its rows go and which line its first one is on
        OnEveryRange(ranges, range => range.Lines = LineSegments.CountLines(source, range.From, range.To, ct), stop: null);
        long rowsAtMost = 0, linesBefore = 0;
        foreach (var range in ranges)
        {
            range.FirstIndex = rowsAtMost;
            range.LinesBefore = linesBefore;
            rowsAtMost += Math.Max(0, range.Lines - range.SkipLines);
            linesBefore += range.Lines;
        }
        if (linesBefore > int.MaxValue || rowsAtMost > Array.MaxLength) return false; // no candle file is that long; the general path says so

        var candles = GC.AllocateUninitializedArray<Candle>((int)rowsAtMost); // every row read is written; what empty lines leave over is cut off below
        var lines = GC.AllocateUninitializedArray<int>((int)rowsAtMost);
        var precisions = GC.AllocateUninitializedArray<byte>((int)rowsAtMost);
        var shared = new SharedProgress(source.Length, progress);
        OnEveryRange(ranges, range => Read(source, layout, range, candles, lines, precisions, shared, ct), stop: shared);
        if (ranges.Any(r => r.Failed)) return false;

        // close up what empty lines left: each range's rows move to just after the previous range's
        int count = 0;
        bool ascending = true;
        long previous = long.MinValue;
        foreach (var range in ranges)
        {
            if (range.Rows == 0) continue;
            ascending &= range.Ascending && candles[range.FirstIndex].Time.UtcTicks > previous; // each range was checked as it was read: here where two meet
            previous = candles[range.FirstIndex + range.Rows - 1].Time.UtcTicks;
            if (range.FirstIndex != count)
            {
                Array.Copy(candles, range.FirstIndex, candles, count, range.Rows);
                Array.Copy(lines, range.FirstIndex, lines, count, range.Rows);
                Array.Copy(precisions, range.FirstIndex, precisions, count, range.Rows);
            }
            count += range.Rows;
        }
        if (count == 0) return false;
        if (count < candles.Length) Array.Resize(ref candles, count);
        read = new PlainRows(candles, lines, precisions, ascending);
        return true;
    }

    /// <summary>
    /// As <see cref="TryRead(Stream, CsvLayout, out PlainRows?, IProgress{double}?, CancellationToken, int)"/>, appending the
    /// rows to <paramref name="rows"/> (tests compare them with the general path's).
    /// </summary>
    public static bool TryRead(Stream stream, CsvLayout layout, List<CandleFileParser.Row> rows, out long rowsRead, IProgress<double>? progress, CancellationToken ct, int segments = 0)
    {
        rowsRead = 0;
        if (!TryRead(stream, layout, out var read, progress, ct, segments)) return false;
        read.AddTo(rows);
        rowsRead = read.Candles.Length;
        return true;
    }

    /// <summary>Runs <paramref name="work"/> on every range, the first on the calling thread and every other one on a thread of its own; rethrows the first failure.</summary>
    private static void OnEveryRange(LineRange[] ranges, Action<LineRange> work, SharedProgress? stop)
    {
        var others = new Task[ranges.Length - 1];
        for (int k = 1; k < ranges.Length; k++)
        {
            var range = ranges[k];
            others[k - 1] = Task.Run(() => work(range));
        }
        try
        {
            work(ranges[0]);
        }
        catch
        {
            stop?.Stop();
            throw;
        }
        finally
        {
            try { Task.WaitAll(others); }
            catch (AggregateException e) { ExceptionDispatchInfo.Throw(e.InnerException!); }
        }
    }

    /// <summary>One line-aligned byte range of the file: where its rows go and what reading it found.</summary>
    private sealed class LineRange(long from, long to, int skipLines)
    {
        public long From { get; } = from;
        public long To { get; } = to;
        public int SkipLines { get; } = skipLines;
        /// <summary>Lines in the range, empty ones included (counted before it is read).</summary>
        public long Lines { get; set; }
        /// <summary>Lines of the file before the range.</summary>
        public long LinesBefore { get; set; }
        /// <summary>Where the range's first row goes in the candle array.</summary>
        public long FirstIndex { get; set; }
        public int Rows { get; set; }
        /// <summary>Every row of the range is strictly after the one before it (checked while reading).</summary>
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

    /// <summary>Reads the lines of one range into their places; sets <see cref="LineRange.Failed"/> at the first row the fast path does not handle.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Read(ByteSource source, CsvLayout layout, LineRange range, Candle[] candles, int[] lines, byte[] precisions, SharedProgress shared, CancellationToken ct)
    {
        byte separator = (byte)layout.Separator;
        int minFields = layout.MinFields;
        int volumeColumn = layout.VolumeColumn ?? -1;
        int maxColumn = Math.Max(minFields - 1, volumeColumn);
        Span<Range> fields = stackalloc Range[maxColumn + 2];
        long at = range.FirstIndex, stopAt = range.FirstIndex + Math.Max(0, range.Lines - range.SkipLines);
        long position = range.From;
        long line = 0, reported = 0;
        bool ascending = true;
        long previous = long.MinValue; // UTC ticks of the row before
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int filled = 0;
            bool end = false;
            while (!end)
            {
                int want = (int)Math.Min(buffer.Length - filled, range.To - position);
                int read = want > 0 ? source.Read(position, buffer.AsSpan(filled, want)) : 0;
                if (read == 0) end = true;
                position += read;
                filled += read;
                var data = buffer.AsSpan(0, filled);
                int start = 0;
                while (true)
                {
                    // one search finds the line's end or what the fast path leaves to the general one: a quote, a lone CR
                    int found = data[start..].IndexOfAny((byte)'\n', (byte)'\r', (byte)'"');
                    int stop, next;
                    if (found < 0)
                    {
                        if (!end || start == data.Length) break;
                        stop = next = data.Length; // the file's last line, without a line feed
                    }
                    else
                    {
                        stop = start + found;
                        if (data[stop] == '"') { range.Failed = true; return; }
                        if (data[stop] == '\n') next = stop + 1;
                        else if (stop + 1 < data.Length)
                        {
                            if (data[stop + 1] != '\n') { range.Failed = true; return; }
                            next = stop + 2; // CR LF
                        }
                        else if (!end) break; // the CR's line feed comes with the next chunk
                        else next = data.Length; // a CR ends the file
                    }
                    var text = data[start..stop];
                    start = next;
                    line++;
                    if (line <= range.SkipLines || text.IsEmpty) continue;
                    if (at == stopAt) { range.Failed = true; return; } // more lines than counted: the file changed while it was read
                    if (((at - range.FirstIndex + 1) & 0xFFF) == 0)
                    {
                        ct.ThrowIfCancellationRequested();
                        if (shared.Stopped) { range.Failed = true; return; }
                        long done = position - filled + start - range.From;
                        shared.Add(done - reported);
                        reported = done;
                    }
                    // the candle is written where it belongs; a row the fast path does not take leaves the whole file to the general path
                    if (!TryRow(text, separator, fields, minFields, volumeColumn, layout, out candles[at], out precisions[at])) { range.Failed = true; return; }
                    lines[at] = (int)(range.LinesBefore + line);
                    long ticks = candles[at].Time.UtcTicks;
                    ascending &= ticks > previous;
                    previous = ticks;
                    at++;
                }
                // a line longer than a chunk is not a candle
                if (start == 0 && filled == buffer.Length) { range.Failed = true; return; }
                data[start..].CopyTo(buffer);
                filled -= start;
            }
        }
        finally
        {
            range.Rows = (int)(at - range.FirstIndex);
            range.Ascending = ascending;
            if (range.Failed) shared.Stop();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryRow(ReadOnlySpan<byte> text, byte separator, Span<Range> fields, int minFields, int volumeColumn, CsvLayout layout, out Candle candle, out byte precision)
    {
        candle = default;
        precision = 0;
        int count = Split(text, separator, fields);
        if (count < minFields) return false;
        foreach (var range in fields[..Math.Min(count, fields.Length)])
        {
            var field = text[range];
            if (field.Length > 0 && (field[0] == ' ' || field[0] == '\t' || field[^1] == ' ' || field[^1] == '\t')) return false;
        }
        var timeField = text[fields[layout.TimeColumn]];
        DateTimeOffset time = default;
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
        candle = new Candle(time, open, high, low, close, volume);
        bool consistent = o.Scale >= 0 && o.Scale == h.Scale && o.Scale == l.Scale && o.Scale == c.Scale
            ? Consistent(o.Digits, h.Digits, l.Digits, c.Digits)
            : CandleFileParser.Inconsistency(candle) is null;
        return consistent;
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Split(ReadOnlySpan<byte> text, byte separator, Span<Range> fields)
    {
        int count = 0, fieldStart = 0, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // 32 bytes compared at once; each separator found is a set bit of the mask
            var separators = Vector256.Create(separator);
            ref byte first = ref MemoryMarshal.GetReference(text);
            for (; i <= text.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                uint mask = Vector256.Equals(Vector256.LoadUnsafe(ref first, (nuint)i), separators).ExtractMostSignificantBits();
                for (; mask != 0; mask &= mask - 1)
                {
                    int at = i + BitOperations.TrailingZeroCount(mask);
                    fields[count++] = new Range(fieldStart, at);
                    if (count == fields.Length) return count;
                    fieldStart = at + 1;
                }
            }
        }
        for (; i < text.Length; i++)
        {
            if (text[i] != separator) continue;
            fields[count++] = new Range(fieldStart, i);
            if (count == fields.Length) return count;
            fieldStart = i + 1;
        }
        fields[count++] = new Range(fieldStart, text.Length);
        return count;
    }

}
