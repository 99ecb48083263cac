using System.Reflection;
using System.Runtime.Loader;

namespace Velocitas.Compiler;

/// <summary>
/// A collectible load context holding one compiled strategy version. The strategy API and the BCL resolve to the
/// app's own copies (so a user's <c>Strategy</c> is the engine's <c>Strategy</c>); unloading it frees the version once
/// nothing refers to its types any more.
/// </summary>
internal sealed class StrategyLoadContext(string name) : AssemblyLoadContext(name, isCollectible: true)
{
    protected override Assembly? Load(AssemblyName assemblyName) => null; // everything else comes from the default context
}
