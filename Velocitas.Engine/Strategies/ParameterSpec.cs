using System.Globalization;

namespace Velocitas.Engine.Strategies;

/// <summary>
/// Metadata of one strategy parameter: what the UI shows in a form and what the optimiser sweeps.
/// </summary>
/// <param name="Name">Identifier used in parameter sets, the CLI and the API (e.g. <c>fast</c>).</param>
/// <param name="Label">Short human label (e.g. "Fast SMA").</param>
/// <param name="Default">Default value.</param>
/// <param name="Min">Smallest allowed value.</param>
/// <param name="Max">Largest allowed value.</param>
/// <param name="Step">Default step of an optimisation range, and the form's increment.</param>
/// <param name="IsInteger">True when only whole numbers are allowed.</param>
/// <param name="Description">One sentence a trader understands.</param>
public sealed record ParameterSpec(
    string Name,
    string Label,
    double Default,
    double Min,
    double Max,
    double Step,
    bool IsInteger,
    string Description)
{
    /// <summary>An integer parameter (a period, a look-back).</summary>
    public static ParameterSpec Int(string name, string label, int @default, int min, int max, string description, int step = 1) =>
        new(name, label, @default, min, max, step, true, description);

    /// <summary>A real-valued parameter (a threshold, a multiplier).</summary>
    public static ParameterSpec Real(string name, string label, double @default, double min, double max, double step, string description) =>
        new(name, label, @default, min, max, step, false, description);

    /// <summary>Returns an error message for <paramref name="value"/>, or null when it is allowed.</summary>
    public string? Check(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
            return $"{Name} must be a number.";
        if (IsInteger && value != Math.Floor(value))
            return $"{Name} must be a whole number (was {Format(value)}).";
        if (value < Min || value > Max)
            return $"{Name} must be between {Format(Min)} and {Format(Max)} (was {Format(value)}).";
        return null;
    }

    /// <summary>Formats a value of this parameter without trailing zeros.</summary>
    public static string Format(double value) => value.ToString("0.########", CultureInfo.InvariantCulture);
}
