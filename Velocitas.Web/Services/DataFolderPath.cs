namespace Velocitas.Web.Services;

/// <summary>
/// Resolves a client-given path against the data folder the way the operating system will open it — every
/// symbolic link followed — and accepts it only when the real file lies inside the (real) data folder.
/// </summary>
public static class DataFolderPath
{
    /// <summary>The real full path of <paramref name="path"/> (relative to the data folder, or absolute), or null when it leads outside.</summary>
    public static string? Resolve(string dataFolder, string path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Any(char.IsControl)) return null;
        try
        {
            string root = RealPath(Path.GetFullPath(dataFolder));
            string full = RealPath(Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(dataFolder, path)));
            return full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
        }
        catch (IOException)
        {
            return null; // a link loop
        }
    }

    /// <summary>The path with every existing component's links resolved, from the root down (as realpath does).</summary>
    public static string RealPath(string fullPath, int linksLeft = 40)
    {
        string current = Path.GetPathRoot(fullPath)!;
        var parts = fullPath[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < parts.Length; i++)
        {
            string next = Path.Combine(current, parts[i]);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.Exists && info.LinkTarget is { } target)
            {
                if (linksLeft == 0) throw new IOException($"Too many levels of symbolic links at {next}.");
                string resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target));
                string rest = string.Join(Path.DirectorySeparatorChar, parts[(i + 1)..]);
                return RealPath(rest.Length == 0 ? resolved : Path.Combine(resolved, rest), linksLeft - 1);
            }
            current = next;
        }
        return current;
    }
}
