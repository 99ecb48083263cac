using System.Globalization;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Optimization;

/// <summary>The values one parameter takes in a search: an explicit list, or min to max by step.</summary>
public sealed record ParameterRange
{
    /// <summary>Explicit values (wins over min/max/step when set).</summary>
    public IReadOnlyList<double>? List { get; init; }
    /// <summary>First value.</summary>
    public double Min { get; init; }
    /// <summary>Last value (inclusive).</summary>
    public double Max { get; init; }
    /// <summary>Increment.</summary>
    public double Step { get; init; } = 1;

    /// <summary>A single value.</summary>
    public static ParameterRange Fixed(double value) => new() { List = [value] };

    /// <summary>min:max:step.</summary>
    public static ParameterRange Of(double min, double max, double step) => new() { Min = min, Max = max, Step = step };

    /// <summary>The whole metadata range of a parameter at its default step.</summary>
    public static ParameterRange FromSpec(ParameterSpec spec) => Of(spec.Min, spec.Max, spec.Step);

    /// <summary>Parses "10:50:5" (range) or "10,20,30" (list) or "14" (fixed).</summary>
    public static ParameterRange Parse(string text, string parameter)
    {
        var inv = CultureInfo.InvariantCulture;
        string t = text.Trim();
        static bool Num(string s, out double d) => double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out d) && double.IsFinite(d);
        if (t.Contains(':'))
        {
            var parts = t.Split(':');
            if (parts.Length is < 2 or > 3 || !Num(parts[0], out double min) || !Num(parts[1], out double max))
                throw new FormatException($"{parameter}: expected min:max:step such as 10:50:5, got '{text}'.");
            double step = 1;
            if (parts.Length == 3 && !Num(parts[2], out step)) throw new FormatException($"{parameter}: the step of '{text}' is not a number.");
            return Of(min, max, step).Validated(parameter);
        }
        var values = new List<double>();
        foreach (string p in t.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Num(p, out double v)) throw new FormatException($"{parameter}: '{p.Trim()}' in '{text}' is not a number.");
            values.Add(v);
        }
        if (values.Count == 0) throw new FormatException($"{parameter}: no values in '{text}'.");
        return new ParameterRange { List = values }.Validated(parameter);
    }

    /// <summary>Throws a clear error for an empty or endless range.</summary>
    public ParameterRange Validated(string parameter)
    {
        if (List is not null) return List.Count > 0 ? this : throw new ArgumentException($"{parameter}: the list of values is empty.", parameter);
        if (!(Step > 0)) throw new ArgumentException($"{parameter}: the step must be positive (was {Step}).", parameter);
        if (Max < Min) throw new ArgumentException($"{parameter}: max ({Max}) is below min ({Min}).", parameter);
        if ((Max - Min) / Step > 100_000) throw new ArgumentException($"{parameter}: {Min}:{Max}:{Step} has more than 100,000 values.", parameter);
        return this;
    }

    /// <summary>The values, in order (rounded to clean up floating steps).</summary>
    public IReadOnlyList<double> Values()
    {
        if (List is not null) return List.Distinct().ToList();
        var values = new List<double>();
        int n = (int)Math.Floor(((Max - Min) / Step) + 1e-9);
        for (int i = 0; i <= n; i++) values.Add(Math.Round(Min + (i * Step), 10));
        return values;
    }

    /// <inheritdoc />
    public override string ToString() => List is not null
        ? string.Join(",", List.Select(v => v.ToString(CultureInfo.InvariantCulture)))
        : $"{Min.ToString(CultureInfo.InvariantCulture)}:{Max.ToString(CultureInfo.InvariantCulture)}:{Step.ToString(CultureInfo.InvariantCulture)}";
}
