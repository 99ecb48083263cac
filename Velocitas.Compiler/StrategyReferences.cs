using Microsoft.CodeAnalysis;

namespace Velocitas.Compiler;

/// <summary>The assemblies user code compiles against: the strategy API and the parts of the BCL the allow-list opens.</summary>
internal static class StrategyReferences
{
    private static readonly string[] Bcl = ["System.Private.CoreLib", "System.Runtime", "System.Collections", "System.Linq", "System.Runtime.Extensions", "netstandard"];

    public static IReadOnlyList<MetadataReference> All { get; } = Load();

    private static List<MetadataReference> Load()
    {
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = Bcl
            .Select(n => Path.Combine(runtime, n + ".dll"))
            .Where(File.Exists)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(Velocitas.Strategies.Strategy).Assembly.Location));
        return references;
    }
}
