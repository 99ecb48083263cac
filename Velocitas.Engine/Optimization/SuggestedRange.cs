using System.Globalization;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Optimization;

/// <summary>
/// The search range a parameter gets when the user names none (the Optimization page's pre-filled ranges and the CLI
/// without <c>--range</c>): about seven values around the default, half to twice a length; a level (RSI oversold /
/// overbought: a real number on an oscillator's 0–100 scale) within ±10 of its default, so an "oversold" of 86 is never tried.
/// </summary>
public static class SuggestedRange
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The suggested range of <paramref name="spec"/>.</summary>
    public static ParameterRange For(ParameterSpec spec)
    {
        bool level = !spec.IsInteger && spec.Min >= 0 && spec.Max < 100 && spec.Default > 5;
        double lo = level ? spec.Default - 10 : spec.Default * 0.5;
        double hi = level ? spec.Default + 10 : spec.Default * 2;
        lo = Math.Max(spec.Min, lo);
        hi = Math.Min(spec.Max, hi);
        if (hi <= lo) return ParameterRange.Fixed(spec.Default);
        double step = Math.Max(spec.Step, (hi - lo) / 6);
        if (spec.IsInteger)
        {
            lo = Math.Round(lo);
            hi = Math.Round(hi);
            step = Math.Max(1, Math.Round(step));
        }
        else
        {
            step = Math.Max(spec.Step, Math.Round(step / spec.Step) * spec.Step);
        }
        return ParameterRange.Of(lo, hi, step);
    }

    /// <summary>The suggested range as the user would type it: <c>min:max:step</c>, or one value.</summary>
    public static string Text(ParameterSpec spec)
    {
        var r = For(spec);
        return r.List is { Count: 1 } one ? one[0].ToString("0.##", Inv)
            : $"{r.Min.ToString("0.##", Inv)}:{r.Max.ToString("0.##", Inv)}:{r.Step.ToString("0.##", Inv)}";
    }
}
