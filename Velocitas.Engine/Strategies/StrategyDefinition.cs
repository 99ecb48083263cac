using Velocitas.Engine.Indicators;
using Velocitas.Strategies.Hosting;

namespace Velocitas.Engine.Strategies;

/// <summary>
/// Catalogue entry of a strategy: identity, parameter metadata, validation and a factory. The UI builds
/// its forms and the optimiser its grids from <see cref="Parameters"/>.
/// </summary>
public sealed class StrategyDefinition
{
    private readonly Func<ParameterSet, ParameterError?> _crossCheck;
    private readonly Func<StrategyDefinition, ParameterSet, IIndicatorProvider, IStrategy> _factory;

    /// <summary>Declares a strategy.</summary>
    public StrategyDefinition(
        string id,
        string name,
        StrategyStyle style,
        string description,
        IReadOnlyList<ParameterSpec> parameters,
        Func<StrategyDefinition, ParameterSet, IIndicatorProvider, IStrategy> factory,
        Func<ParameterSet, ParameterError?>? crossCheck = null,
        string? legacyName = null)
    {
        Id = id;
        Name = name;
        Style = style;
        Description = description;
        Parameters = parameters;
        LegacyName = legacyName;
        _factory = factory;
        _crossCheck = crossCheck ?? (_ => null);
        Defaults = new ParameterSet(parameters.Select(p => KeyValuePair.Create(p.Name, p.Default)));
    }

    /// <summary>
    /// Declares a strategy written on the strategy API: parameters from its <c>[Parameter]</c> properties, the
    /// cross-parameter check from its <c>CheckParameters</c>. Throws <see cref="StrategyClassException"/> for a bad declaration.
    /// </summary>
    public static StrategyDefinition FromClass(Type type, string id, string name, StrategyStyle style, string description, string? legacyName = null, bool guarded = false)
    {
        var strategyClass = StrategyClass.Describe(type, guarded);
        return new StrategyDefinition(id, name, style, description, strategyClass.Parameters,
            (d, p, indicators) => new StrategyRunner(d, p, strategyClass, indicators), strategyClass.Check, legacyName)
        {
            Class = strategyClass,
        };
    }

    /// <summary>The strategy-API class behind this entry, if it is one.</summary>
    public StrategyClass? Class { get; private init; }

    /// <summary>Stable identifier (e.g. <c>sma-crossover</c>).</summary>
    public string Id { get; }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>What kind of market the strategy is for.</summary>
    public StrategyStyle Style { get; }

    /// <summary>The rule in plain language.</summary>
    public string Description { get; }

    /// <summary>Name the original Python service used (e.g. <c>SMA_Crossover</c>), if any.</summary>
    public string? LegacyName { get; }

    /// <summary>Parameter metadata, in display order.</summary>
    public IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>Every parameter at its default.</summary>
    public ParameterSet Defaults { get; }

    /// <summary>
    /// Checks <paramref name="values"/> (missing names take their default; names match case-insensitively)
    /// and returns the complete set, or every problem found.
    /// </summary>
    public (ParameterSet? Set, IReadOnlyList<ParameterError> Errors) Validate(IReadOnlyDictionary<string, double>? values)
    {
        var errors = new List<ParameterError>();
        if (values is not null)
        {
            foreach (string name in values.Keys)
            {
                if (!Parameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
                {
                    errors.Add(new ParameterError(name,
                        $"{Id} has no parameter '{name}' (expected {string.Join(", ", Parameters.Select(p => p.Name))})."));
                }
            }
        }
        var bound = new List<KeyValuePair<string, double>>(Parameters.Count);
        foreach (var spec in Parameters)
        {
            double value = spec.Default;
            if (values is not null)
            {
                foreach (var kv in values)
                {
                    if (string.Equals(kv.Key, spec.Name, StringComparison.OrdinalIgnoreCase)) value = kv.Value;
                }
            }
            if (spec.Check(value) is { } problem) errors.Add(new ParameterError(spec.Name, problem));
            bound.Add(KeyValuePair.Create(spec.Name, value));
        }
        if (errors.Count > 0) return (null, errors);
        var set = new ParameterSet(bound);
        if (_crossCheck(set) is { } cross) return (null, [cross]);
        return (set, []);
    }

    /// <summary>Validates and returns the complete set; throws <see cref="StrategyParameterException"/> otherwise.</summary>
    public ParameterSet Bind(IReadOnlyDictionary<string, double>? values)
    {
        var (set, errors) = Validate(values);
        return set ?? throw new StrategyParameterException(Id, errors);
    }

    /// <summary>
    /// Creates a fresh strategy instance (defaults for missing values). Its indicators come from
    /// <paramref name="indicators"/>: computed incrementally by default, or shared precomputed series in optimisations.
    /// </summary>
    public IStrategy Create(IReadOnlyDictionary<string, double>? values = null, IIndicatorProvider? indicators = null) =>
        _factory(this, Bind(values), indicators ?? StreamingIndicators.Instance);

    /// <inheritdoc />
    public override string ToString() => Id;
}
