using Velocitas.Compiler;
using Velocitas.Engine.Strategies;

namespace Velocitas.Web.Services.Lab;

/// <summary>What the Lab's last compile of the editor's text gave.</summary>
/// <param name="Diagnostics">Errors and warnings with line and column.</param>
/// <param name="Definition">The compiled strategy when it compiled (parameters for the form, factory for a backtest).</param>
/// <param name="Elapsed">Compile time.</param>
public sealed record LabCompile(IReadOnlyList<CompileDiagnostic> Diagnostics, StrategyDefinition? Definition, TimeSpan Elapsed)
{
    /// <summary>Errors only.</summary>
    public IEnumerable<CompileDiagnostic> Errors => Diagnostics.Where(d => d.IsError);
}

/// <summary>
/// The code being edited in one Lab page: compiles it as the user types and keeps only the newest compiled version
/// loaded (each compile replaces and unloads the one before, so typing does not pile up load contexts). A compile that
/// finishes after a newer one started is dropped. Not saved anywhere: saving goes through <see cref="UserStrategyService"/>.
/// </summary>
public sealed class LabDraft : IDisposable
{
    /// <summary>Id of a draft's runs (never stored: a draft's backtests are not saved to History).</summary>
    public const string DraftId = "lab-draft";

    private readonly Lock _gate = new();
    private CompiledStrategy? _loaded;
    private long _sequence;
    private bool _disposed;

    /// <summary>The newest compile, or null before the first.</summary>
    public LabCompile? Current { get; private set; }

    /// <summary>
    /// Compiles <paramref name="source"/> off the caller's thread and makes it current; null when a newer compile
    /// started meanwhile (its result wins) or the draft was disposed.
    /// </summary>
    public async Task<LabCompile?> CompileAsync(string source, string displayName, string file = "Strategy.cs")
    {
        long sequence = Interlocked.Increment(ref _sequence);
        if (source.Length > UserStrategyService.MaxSourceLength)
        {
            var tooBig = new LabCompile([new CompileDiagnostic(file, 1, 1, $"The file has {source.Length:N0} characters; a strategy may have at most {UserStrategyService.MaxSourceLength:N0}.", true, "VEL100")], null, TimeSpan.Zero);
            return Accept(sequence, tooBig, null) ? tooBig : null;
        }
        var result = await Task.Run(() => StrategyCompiler.Compile(source, file));
        var definition = result.Strategy?.Define(DraftId, displayName, StrategyStyle.Custom, $"Unsaved code in the Lab ({result.Strategy.ClassName}).");
        var compile = new LabCompile(result.Diagnostics, definition, result.Elapsed);
        if (Accept(sequence, compile, result.Strategy)) return compile;
        result.Strategy?.Unload();
        return null;
    }

    private bool Accept(long sequence, LabCompile compile, CompiledStrategy? strategy)
    {
        CompiledStrategy? previous;
        lock (_gate)
        {
            if (_disposed || sequence != Interlocked.Read(ref _sequence)) return false;
            previous = _loaded;
            _loaded = strategy;
            Current = compile;
        }
        if (previous is not null && !previous.IsUnloaded) previous.Unload();
        return true;
    }

    /// <summary>Unloads the compiled draft.</summary>
    public void Dispose()
    {
        CompiledStrategy? loaded;
        lock (_gate)
        {
            _disposed = true;
            loaded = _loaded;
            _loaded = null;
            Current = null;
        }
        if (loaded is not null && !loaded.IsUnloaded) loaded.Unload();
    }
}
