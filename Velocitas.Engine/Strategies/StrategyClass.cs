using System.Reflection;
using System.Text;
using Velocitas.Strategies;
using Velocitas.Strategies.Hosting;

namespace Velocitas.Engine.Strategies;

/// <summary>
/// A <see cref="Strategy"/> subclass read once: its <see cref="ParameterAttribute"/> properties as parameter metadata
/// (name in lower camel case, default from the initializer), and how to create an instance with given values.
/// </summary>
public sealed class StrategyClass
{
    private readonly Func<Strategy> _create;
    private readonly PropertyInfo[] _properties;

    private StrategyClass(Type type, Func<Strategy> create, PropertyInfo[] properties, IReadOnlyList<ParameterSpec> parameters, bool guarded)
    {
        Type = type;
        Guarded = guarded;
        _create = create;
        _properties = properties;
        Parameters = parameters;
    }

    /// <summary>The class.</summary>
    public Type Type { get; }

    /// <summary>True for compiled user code: every call into it runs under a <see cref="Guard"/> budget.</summary>
    public bool Guarded { get; }

    /// <summary>Parameter metadata in declaration order.</summary>
    public IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>Reads <paramref name="type"/>; throws <see cref="StrategyClassException"/> saying what is wrong with the declaration.</summary>
    public static StrategyClass Describe(Type type, bool guarded = false)
    {
        if (!typeof(Strategy).IsAssignableFrom(type))
            throw new StrategyClassException($"{type.Name} must derive from Strategy.");
        if (type.IsAbstract || type.IsGenericTypeDefinition)
            throw new StrategyClassException($"{type.Name} must be a concrete (not abstract or generic) class.");
        var ctor = type.GetConstructor(Type.EmptyTypes)
            ?? throw new StrategyClassException($"{type.Name} needs a public constructor without parameters (parameters are properties with [Parameter]).");
        // a plain constructor call: no compiled expression holding on to a collectible user assembly
        Func<Strategy> create = () => (Strategy)ctor.Invoke(null);

        var properties = new List<PropertyInfo>();
        var specs = new List<ParameterSpec>();
        Strategy defaults;
        try
        {
            using var budget = Guard.Scope();
            defaults = create();
        }
        catch (Exception ex)
        {
            throw new StrategyClassException(StrategyFaultException.From(ex, type.Assembly, $"creating {type.Name}").Message, ex);
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
        {
            if (property.GetCustomAttribute<ParameterAttribute>() is not { } attribute) continue;
            using (Guard.Scope()) specs.Add(Spec(type, property, attribute, defaults));
            properties.Add(property);
        }
        var duplicate = specs.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new StrategyClassException($"{type.Name}: two parameters are named '{duplicate.Key}'.");
        return new StrategyClass(type, create, properties.ToArray(), specs, guarded);
    }

    /// <summary>A fresh instance with <paramref name="values"/> (already validated) in its parameter properties.</summary>
    public Strategy Instantiate(ParameterSet values)
    {
        try
        {
            using var budget = Guard.Scope();
            return Bind(values);
        }
        catch (Exception ex)
        {
            throw StrategyFaultException.From(ex, Type.Assembly, $"creating {Type.Name}");
        }
    }

    /// <summary>The strategy's own check across parameters (<see cref="Strategy.CheckParameters"/>).</summary>
    public ParameterError? Check(ParameterSet values)
    {
        var strategy = Instantiate(values);
        try
        {
            using var budget = Guard.Scope();
            return strategy.CheckParameters() is { } problem ? new ParameterError(problem.Parameter, problem.Message) : null;
        }
        catch (Exception ex)
        {
            throw StrategyFaultException.From(ex, Type.Assembly, "CheckParameters");
        }
    }

    private Strategy Bind(ParameterSet values)
    {
        var strategy = _create();
        for (int i = 0; i < _properties.Length; i++)
        {
            var p = _properties[i];
            double v = values[Parameters[i].Name];
            if (p.PropertyType == typeof(int)) p.SetValue(strategy, (int)v);
            else if (p.PropertyType == typeof(bool)) p.SetValue(strategy, v != 0);
            else p.SetValue(strategy, v);
        }
        return strategy;
    }

    /// <summary>"RsiPeriod" → "rsiPeriod".</summary>
    public static string ParameterName(string propertyName) =>
        propertyName.Length == 0 ? propertyName : char.ToLowerInvariant(propertyName[0]) + propertyName[1..];

    private static ParameterSpec Spec(Type type, PropertyInfo property, ParameterAttribute a, Strategy defaults)
    {
        string where = $"{type.Name}.{property.Name}";
        var t = property.PropertyType;
        if (t != typeof(int) && t != typeof(double) && t != typeof(bool))
            throw new StrategyClassException($"{where}: [Parameter] works on int, double or bool properties (this one is {t.Name}).");
        if (property.GetSetMethod() is null || property.GetGetMethod() is null)
            throw new StrategyClassException($"{where}: a parameter needs a public get and set.");
        if (!double.IsFinite(a.Min) || !double.IsFinite(a.Max) || a.Min > a.Max)
            throw new StrategyClassException($"{where}: [Parameter(min, max)] needs min ≤ max (was {a.Min}, {a.Max}).");
        bool integer = t != typeof(double);
        if (integer && (a.Min != Math.Floor(a.Min) || a.Max != Math.Floor(a.Max)))
            throw new StrategyClassException($"{where}: an int parameter needs whole min and max (was {a.Min}, {a.Max}).");
        double @default = Convert.ToDouble(property.GetValue(defaults), System.Globalization.CultureInfo.InvariantCulture);
        if (@default < a.Min || @default > a.Max)
            throw new StrategyClassException($"{where}: the default {@default} is outside [Parameter({a.Min}, {a.Max})]; give the property an initial value in range.");
        double step = a.Step > 0 ? a.Step : integer ? 1 : Math.Max((a.Max - a.Min) / 20, 1e-9);
        if (integer && step != Math.Floor(step))
            throw new StrategyClassException($"{where}: an int parameter needs a whole step (was {a.Step}).");
        string name = string.IsNullOrWhiteSpace(a.Name) ? ParameterName(property.Name) : a.Name.Trim();
        string label = string.IsNullOrWhiteSpace(a.Label) ? Words(property.Name) : a.Label;
        return new ParameterSpec(name, label, @default, a.Min, a.Max, step, integer, string.IsNullOrWhiteSpace(a.Description) ? label + "." : a.Description);
    }

    private static string Words(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (int i = 0; i < pascal.Length; i++)
        {
            char c = pascal[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(pascal[i - 1])) sb.Append(' ').Append(char.ToLowerInvariant(c));
            else sb.Append(c);
        }
        return sb.ToString();
    }
}

/// <summary>A strategy class that cannot be used as declared (a bad parameter, no parameterless constructor...).</summary>
public sealed class StrategyClassException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StrategyClassException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
