namespace Velocitas.Data.Import;

/// <summary>
/// Reads bytes of a seekable stream at any offset, from several threads at once: a file is read through its handle
/// (no shared position), any other stream one read at a time under a lock.
/// </summary>
internal sealed class ByteSource(Stream stream)
{
    private readonly Lock _gate = new();

    /// <summary>The stream's length in bytes.</summary>
    public long Length { get; } = stream.Length;

    /// <summary>Reads up to <paramref name="into"/>'s length from <paramref name="offset"/>; 0 at the end.</summary>
    public int Read(long offset, Span<byte> into)
    {
        if (stream is FileStream file) return RandomAccess.Read(file.SafeFileHandle, into, offset);
        lock (_gate)
        {
            stream.Position = offset;
            return stream.Read(into);
        }
    }
}
