using Velocitas.Engine.Market;

namespace Velocitas.Data.Storage;

/// <summary>
/// The folder of binary candle files (<see cref="CandleFile"/>), one per dataset (<c>candles/&lt;id&gt;.vcf</c> next to
/// the database), so a big dataset is read in one sequential pass instead of row by row from the database. The
/// database stays the truth: a file is used only while its stamp matches the dataset's row and its contents check
/// out, and it is replaced atomically (written aside, then moved over). Files that cannot be written or read are
/// simply not used.
/// </summary>
public sealed class CandleFiles(string folder)
{
    /// <summary>The folder holding the files.</summary>
    public string Folder { get; } = folder;

    /// <summary>The file of dataset <paramref name="datasetId"/>.</summary>
    public string PathOf(int datasetId) => Path.Combine(Folder, $"{datasetId}.vcf");

    /// <summary>The dataset's candles when its file exists, matches <paramref name="stamp"/> and is intact; otherwise null.</summary>
    public Candle[]? TryRead(int datasetId, CandleFileStamp stamp) => Read(datasetId, stream => CandleFile.TryRead(stream, stamp));

    /// <summary>What <paramref name="read"/> makes of the dataset's file; null when there is none or it cannot be read.</summary>
    private T? Read<T>(int datasetId, Func<Stream, T?> read) where T : class
    {
        string path = PathOf(datasetId);
        if (!File.Exists(path)) return null;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 20, FileOptions.SequentialScan);
            return read(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Candles held as blocks, as a big dataset is held after <see cref="TryReadCompact"/> (the candles must be in
    /// ascending time with prices a block can hold: <see cref="CandleFile.CanHold"/>); for warming that code up.
    /// </summary>
    public static CandleSeries Compact(Candle[] candles)
    {
        if (candles.Length == 0 || !CandleFile.CanHold(candles)) throw new ArgumentException("Compact candles need at least one candle and prices a block can hold.", nameof(candles));
        var stamp = new CandleFileStamp(0, candles.Length, candles[0].Time.ToUnixTimeMilliseconds(), candles[^1].Time.ToUnixTimeMilliseconds(), 0);
        using var stream = new MemoryStream();
        CandleFile.Write(stream, stamp, candles);
        stream.Position = 0;
        return CandleFile.TryReadCompact(stream, stamp) ?? throw new InvalidOperationException("The candles did not read back as blocks.");
    }

    /// <summary>The dataset's candles kept as its file's blocks (see <see cref="CandleFile.TryReadCompact"/>), or null as <see cref="TryRead"/>.</summary>
    public CandleSeries? TryReadCompact(int datasetId, CandleFileStamp stamp) => Read(datasetId, stream => CandleFile.TryReadCompact(stream, stamp));

    /// <summary>
    /// Writes (or replaces) the dataset's file; false when the candles do not match the stamp, a price cannot be held
    /// compactly, or the file cannot be written (the dataset is then read from the database).
    /// </summary>
    public bool TryWrite(int datasetId, CandleFileStamp stamp, ReadOnlySpan<Candle> candles)
    {
        if (candles.Length == 0 || candles.Length != stamp.Count || candles[0].Time.ToUnixTimeMilliseconds() != stamp.FirstMs
            || candles[^1].Time.ToUnixTimeMilliseconds() != stamp.LastMs || !CandleFile.CanHold(candles))
            return false;
        string path = PathOf(datasetId);
        string aside = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Folder);
            using (var stream = new FileStream(aside, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 20))
                CandleFile.Write(stream, stamp, candles);
            File.Move(aside, path, overwrite: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(aside);
            return false;
        }
    }

    /// <summary>
    /// Starts the dataset's file from blocks encoded for the database (<see cref="CandleFile.EncodeRow"/>), so an import
    /// encodes its candles once; null when the folder cannot be written. Nothing replaces the current file until
    /// <see cref="PendingFile.Complete"/>; disposing a pending file that was not completed removes it.
    /// </summary>
    public PendingFile? BeginWrite(int datasetId)
    {
        string path = PathOf(datasetId);
        string aside = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Folder);
            return new PendingFile(path, aside, new FileStream(aside, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 20));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(aside);
            return null;
        }
    }

    /// <summary>A candle file being written aside (see <see cref="BeginWrite"/>); a failed write only leaves the dataset without a file.</summary>
    public sealed class PendingFile : IDisposable
    {
        private readonly string _path, _aside;
        private readonly FileStream _stream;
        private readonly CandleFile.Writer _writer;
        private bool _failed, _done;

        internal PendingFile(string path, string aside, FileStream stream)
        {
            (_path, _aside, _stream) = (path, aside, stream);
            _writer = new CandleFile.Writer(stream);
        }

        /// <summary>Appends the next encoded block.</summary>
        public void Append(ReadOnlySpan<byte> block)
        {
            if (_failed) return;
            try
            {
                _writer.Append(block);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _failed = true;
            }
        }

        /// <summary>Writes the header with <paramref name="stamp"/> and moves the file into place; false when it could not be written.</summary>
        public bool Complete(CandleFileStamp stamp)
        {
            if (_failed || _done) return false;
            try
            {
                _writer.Complete(stamp);
                _stream.Dispose();
                File.Move(_aside, _path, overwrite: true);
                _done = true;
                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                _failed = true;
                return false;
            }
        }

        /// <inheritdoc />
        public void Dispose()
        {
            _stream.Dispose();
            if (!_done) TryDelete(_aside);
        }
    }

    /// <summary>Removes the dataset's file (after its candles changed or it was deleted); it is written again when next needed.</summary>
    public void Invalidate(int datasetId) => TryDelete(PathOf(datasetId));

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // a file that cannot be removed is still never trusted: its stamp no longer matches the dataset
        }
    }
}
