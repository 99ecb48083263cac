using System;

namespace Velocitas.Strategies;

/// <summary>
/// Marks a public <c>int</c>, <c>double</c> or <c>bool</c> property as a strategy parameter. Its name is the property
/// name in lower camel case (<c>RsiPeriod</c> → <c>rsiPeriod</c>), its default the property's initial value. Forms,
/// optimiser ranges, API validation and the CLI's <c>--param</c> all read it.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class ParameterAttribute : Attribute
{
    /// <summary>A <c>bool</c> parameter (0 = false, 1 = true in ranges and forms).</summary>
    public ParameterAttribute()
    {
        Min = 0;
        Max = 1;
    }

    /// <summary>A number between <paramref name="min"/> and <paramref name="max"/> (inclusive).</summary>
    public ParameterAttribute(double min, double max)
    {
        Min = min;
        Max = max;
    }

    /// <summary>Smallest allowed value.</summary>
    public double Min { get; }

    /// <summary>Largest allowed value.</summary>
    public double Max { get; }

    /// <summary>Default step of an optimisation range (1 for integers, a twentieth of the range for reals when 0).</summary>
    public double Step { get; set; }

    /// <summary>One sentence a trader understands (shown under the form field).</summary>
    public string? Description { get; set; }

    /// <summary>Short label for forms; the property name in words when not set.</summary>
    public string? Label { get; set; }

    /// <summary>Overrides the parameter's name (lower camel case of the property by default).</summary>
    public string? Name { get; set; }
}
