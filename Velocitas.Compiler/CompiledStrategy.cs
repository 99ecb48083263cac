using System.Runtime.CompilerServices;
using Velocitas.Engine.Strategies;

namespace Velocitas.Compiler;

/// <summary>
/// One compiled version of a user strategy, loaded in its own collectible context. Create catalogue entries from it
/// with <see cref="Define"/>; <see cref="Unload"/> when no run uses it any more.
/// </summary>
public sealed class CompiledStrategy
{
    private StrategyLoadContext? _context;
    private Type? _type;

    internal CompiledStrategy(StrategyLoadContext context, Type type, StrategyClass strategyClass)
    {
        _context = context;
        _type = type;
        Class = strategyClass;
        ClassName = type.Name;
        Parameters = strategyClass.Parameters; // plain data: still readable once unloaded
    }

    /// <summary>Name of the user's class.</summary>
    public string ClassName { get; }

    /// <summary>The class's parameters and factory.</summary>
    public StrategyClass Class { get; private set; }

    /// <summary>Parameter metadata detected from the [Parameter] properties (kept after <see cref="Unload"/>).</summary>
    public IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>True once <see cref="Unload"/> has been called.</summary>
    public bool IsUnloaded => _context is null;

    /// <summary>A catalogue entry that creates this version (guarded: every call into it has a CPU budget).</summary>
    public StrategyDefinition Define(string id, string name, StrategyStyle style, string description) =>
        StrategyDefinition.FromClass(_type ?? throw new InvalidOperationException($"{ClassName} was unloaded."), id, name, style, description, guarded: true);

    /// <summary>
    /// Lets the runtime free this version once nothing refers to its types (definitions and strategies created from it
    /// must be dropped too). Returns a handle that tells when the context has really gone.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public WeakReference Unload()
    {
        var context = _context ?? throw new InvalidOperationException($"{ClassName} was already unloaded.");
        var handle = new WeakReference(context);
        _context = null;
        _type = null;
        Class = null!;
        context.Unload();
        return handle;
    }
}
