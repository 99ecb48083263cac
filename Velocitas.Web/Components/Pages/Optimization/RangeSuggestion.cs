using System.Globalization;
using Velocitas.Engine.Strategies;

namespace Velocitas.Web.Components.Pages.Optimization;

/// <summary>A sensible first search range for a parameter: around its default, about seven values.</summary>
public static class RangeSuggestion
{
    public static string For(ParameterSpec spec)
    {
        var inv = CultureInfo.InvariantCulture;
        double lo = Math.Max(spec.Min, spec.Default * 0.5), hi = Math.Min(spec.Max, spec.Default * 2);
        if (spec.Name is "oversold") (lo, hi) = (Math.Max(spec.Min, spec.Default - 10), Math.Min(spec.Max, spec.Default + 10));
        if (spec.Name is "overbought") (lo, hi) = (Math.Max(spec.Min, spec.Default - 10), Math.Min(spec.Max, spec.Default + 10));
        if (hi <= lo) return spec.Default.ToString(inv);
        double step = Math.Max(spec.Step, (hi - lo) / 6);
        if (spec.IsInteger)
        {
            lo = Math.Round(lo);
            hi = Math.Round(hi);
            step = Math.Max(1, Math.Round(step));
        }
        else
        {
            step = Math.Round(step / spec.Step) * spec.Step;
        }
        return $"{lo.ToString("0.##", inv)}:{hi.ToString("0.##", inv)}:{step.ToString("0.##", inv)}";
    }
}
