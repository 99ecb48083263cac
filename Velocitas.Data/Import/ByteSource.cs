namespace Velocitas.Data.Import;

/// <summary>
/// Reads bytes of a seekable stream at any offset, from several threads at once: a file is read through its handle
/// (no shared position), any other stream one read at a time under a lock.
/// </summary>
internal sealed class ByteSource(Stream stream)
{
    private readonly Lock _gate = new();
    // the handle is taken once: FileStream.SafeFileHandle seeks the OS file position on every call
    private readonly Microsoft.Win32.SafeHandles.SafeFileHandle? _file = (stream as FileStream)?.SafeFileHandle;

    /// <summary>The stream's length in bytes.</summary>
    public long Length { get; } = stream.Length;

    /// <summary>Reads up to <paramref name="into"/>'s length from <paramref name="offset"/>; 0 at the end.</summary>
    public int Read(long offset, Span<byte> into)
    {
        if (_file is not null) return RandomAccess.Read(_file, into, offset);
        lock (_gate)
        {
            stream.Position = offset;
            return stream.Read(into);
        }
    }
}
