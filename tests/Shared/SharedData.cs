namespace Velocitas.Testing;

/// <summary>Paths of the shared data files (../shared/data next to the repository); linked into each test project that reads them.</summary>
internal static class SharedData
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Velocitas.Web.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("Cannot find the repository root (Velocitas.Web.sln) above " + AppContext.BaseDirectory);
        return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
    });

    public static string Real(string file) => Path.Combine(Root.Value, "real", file);

    public static string Reference(string file) => Path.Combine(Root.Value, "reference", file);
}
