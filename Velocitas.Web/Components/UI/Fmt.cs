using System.Globalization;

namespace Velocitas.Web.Components.UI;

/// <summary>Number and time formatting for the pages (invariant culture, UTC).</summary>
public static class Fmt
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>"SMA crossover" for "sma-crossover", "My SMA v3" for "my-sma@3": the name a trader knows (the id itself when unknown).</summary>
    public static string Strategy(string? id) => Velocitas.Engine.Strategies.StrategyCatalog.DisplayName(id);

    /// <summary>12,345.67</summary>
    public static string Money(decimal? value) => value is { } v ? v.ToString("N2", Inv) : "–";

    /// <summary>Price with up to 8 decimals.</summary>
    public static string Price(decimal value) =>
        value.ToString(Math.Abs(value) >= 1000 ? "N2" : Math.Abs(value) >= 1 ? "0.0000" : "0.########", Inv);

    /// <summary>Quantity with up to 8 decimals.</summary>
    public static string Qty(decimal value) => value.ToString("0.########", Inv);

    /// <summary>+12.34 %</summary>
    public static string Pct(double? value, bool signed = true) =>
        value is { } v && double.IsFinite(v) ? v.ToString(signed ? "+0.00;-0.00;0.00" : "0.00", Inv) + " %" : "–";

    /// <summary>+12.34 %</summary>
    public static string Pct(decimal? value) => Pct(value is { } v ? (double)v : null);

    /// <summary>1.23</summary>
    public static string Ratio(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.00", Inv) : "–";

    /// <summary>2024-01-31 13:00</summary>
    public static string Time(DateTimeOffset? value) => value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm", Inv) : "–";

    /// <summary>A UTC calendar date (2024-05-01), for periods where the hour is noise.</summary>
    public static string Date(DateTimeOffset? value) => value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd", Inv) : "–";

    /// <summary>3.5 days / 7 h / 12 min / 30 s</summary>
    public static string Duration(TimeSpan value) =>
        value.TotalDays >= 1 ? $"{value.TotalDays.ToString("0.#", Inv)} days"
        : value.TotalHours >= 1 ? $"{value.TotalHours.ToString("0.#", Inv)} h"
        : value.TotalMinutes >= 1 ? $"{value.TotalMinutes.ToString("0", Inv)} min"
        : $"{value.TotalSeconds.ToString("0", Inv)} s";

    /// <summary>CSS class for a signed figure.</summary>
    public static string Sign(double? value) => value is > 0 ? "vel-pos" : value is < 0 ? "vel-neg" : "";

    /// <summary>CSS class for a signed figure.</summary>
    public static string Sign(decimal? value) => value is > 0 ? "vel-pos" : value is < 0 ? "vel-neg" : "";
}
