using Velocitas.Web.Extensions;

namespace Velocitas.Web.Services;

/// <summary>
/// Keeps uploaded files inside the data folder under names it chooses (never the client's file name),
/// streaming them to disk with a size limit.
/// </summary>
public sealed class UploadStore(VelocitasOptions options, TimeProvider clock)
{
    /// <summary>Largest accepted upload in bytes.</summary>
    public long MaxBytes => options.MaxUploadMegabytes * 1024 * 1024;

    /// <summary>Streams <paramref name="content"/> to a new file; throws <see cref="UploadTooLargeException"/> past the limit (the partial file is removed).</summary>
    public async Task<StoredUpload> SaveAsync(Stream content, string originalName, CancellationToken ct = default)
    {
        Directory.CreateDirectory(options.UploadFolder);
        string id = $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}";
        string path = Path.Combine(options.UploadFolder, id + ".csv");
        long total = 0;
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > MaxBytes) throw new UploadTooLargeException(originalName, MaxBytes);
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        return new StoredUpload(id, path, SafeDisplayName(originalName), total);
    }

    /// <summary>
    /// Removes uploads left behind by a previous run (a crash or kill mid-upload, or a staged file never imported):
    /// staged uploads live only as long as the process. Returns how many files were removed.
    /// </summary>
    public int CleanLeftovers()
    {
        if (!Directory.Exists(options.UploadFolder)) return 0;
        int removed = 0;
        foreach (string file in Directory.EnumerateFiles(options.UploadFolder))
        {
            try
            {
                File.Delete(file);
                removed++;
            }
            catch (IOException)
            {
                // in use by another process on the same folder: leave it
            }
        }
        return removed;
    }

    /// <summary>Resolves an upload id to its file; null when unknown or outside the upload folder.</summary>
    public string? PathOf(string id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-'))) return null;
        string path = Path.GetFullPath(Path.Combine(options.UploadFolder, id + ".csv"));
        return path.StartsWith(Path.GetFullPath(options.UploadFolder) + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(path) ? path : null;
    }

    /// <summary>Removes an upload (after import or when abandoned).</summary>
    public void Delete(string id)
    {
        if (PathOf(id) is { } path) File.Delete(path);
    }

    /// <summary>The client's file name reduced to a harmless display name.</summary>
    public static string SafeDisplayName(string name)
    {
        string n = Path.GetFileName(name.Replace('\\', '/'));
        n = new string(n.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return n.Length == 0 ? "upload.csv" : n.Length > 120 ? n[..120] : n;
    }
}

/// <summary>A file saved by <see cref="UploadStore"/>.</summary>
public sealed record StoredUpload(string Id, string Path, string DisplayName, long Bytes);

/// <summary>An upload over the configured size limit.</summary>
public sealed class UploadTooLargeException(string file, long limit)
    : Exception($"{file} is larger than the upload limit of {limit / (1024 * 1024)} MB (Velocitas:MaxUploadMegabytes).");
