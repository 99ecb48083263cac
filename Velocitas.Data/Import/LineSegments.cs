namespace Velocitas.Data.Import;

/// <summary>
/// Cuts a file into byte ranges that each start at the beginning of a line, so the ranges can be read in parallel.
/// The first range always holds the banner and header lines (<c>skipLines</c>) and the first data line.
/// </summary>
internal static class LineSegments
{
    private const int Probe = 1 << 16;

    /// <summary>Smallest file split in two: below this, a second thread costs more than it saves.</summary>
    public const long MinParallelBytes = 4L << 20;

    /// <summary>The number of ranges to read a file of <paramref name="length"/> bytes in.</summary>
    public static int CountFor(long length) =>
        length < MinParallelBytes ? 1 : (int)Math.Clamp(Math.Min(Environment.ProcessorCount, length / (MinParallelBytes / 2)), 1, 8);

    /// <summary>
    /// Start offsets of up to <paramref name="count"/> ranges (the first is 0; each range ends where the next starts,
    /// the last at the end of the file). Fewer ranges come back when lines are too long or the file too short.
    /// </summary>
    public static List<long> Starts(ByteSource source, int skipLines, int count)
    {
        var starts = new List<long> { 0 };
        if (count <= 1) return starts;
        long minimum = AfterLines(source, skipLines + 1);
        if (minimum < 0) return starts;
        Span<byte> probe = new byte[Probe];
        for (int k = 1; k < count; k++)
        {
            long target = Math.Max(minimum, source.Length * k / count);
            long start = NextLineStart(source, target, probe);
            if (start < 0 || start >= source.Length) break;
            if (start > starts[^1]) starts.Add(start);
        }
        return starts;
    }

    /// <summary>The offset just past the first <paramref name="lines"/> lines, or -1 when they run past the first probe.</summary>
    private static long AfterLines(ByteSource source, int lines)
    {
        Span<byte> head = new byte[Probe];
        int read = Fill(source, 0, head);
        int position = 0;
        for (int l = 0; l < lines; l++)
        {
            int newline = head[position..read].IndexOf((byte)'\n');
            if (newline < 0) return -1;
            position += newline + 1;
        }
        return position;
    }

    /// <summary>The first offset at or after <paramref name="offset"/> that begins a line, or -1 when no line ends within a probe.</summary>
    private static long NextLineStart(ByteSource source, long offset, Span<byte> probe)
    {
        // the byte before the offset tells whether the offset itself begins a line
        int read = Fill(source, offset - 1, probe);
        int newline = probe[..read].IndexOf((byte)'\n');
        return newline < 0 ? -1 : offset + newline;
    }

    /// <summary>
    /// The lines from <paramref name="from"/> (a line start) to <paramref name="to"/>, empty ones included: one per line
    /// feed, and one more when the last line has none (the end of a file).
    /// </summary>
    public static long CountLines(ByteSource source, long from, long to, CancellationToken ct)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            long lines = 0;
            byte last = (byte)'\n';
            for (long position = from; position < to;)
            {
                ct.ThrowIfCancellationRequested();
                int read = source.Read(position, buffer.AsSpan(0, (int)Math.Min(buffer.Length, to - position)));
                if (read == 0) break;
                var chunk = buffer.AsSpan(0, read);
                lines += chunk.Count((byte)'\n');
                last = chunk[^1];
                position += read;
            }
            return last == (byte)'\n' ? lines : lines + 1;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int Fill(ByteSource source, long offset, Span<byte> into)
    {
        int total = 0;
        while (total < into.Length)
        {
            int read = source.Read(offset + total, into[total..]);
            if (read == 0) break;
            total += read;
        }
        return total;
    }
}
