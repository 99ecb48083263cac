using Microsoft.AspNetCore.Components;

namespace Velocitas.Web.Components.UI;

/// <summary>A parameter heatmap: one row per value of one parameter, one column per value of another, colour = objective.</summary>
public sealed class HeatmapChart : ChartBase
{
    private object? _config;
    private object? _input;

    /// <summary>Column labels (values of the x parameter).</summary>
    [Parameter, EditorRequired] public IReadOnlyList<string> Columns { get; set; } = [];

    /// <summary>Rows: label (value of the y parameter) and one value per column (null = not run).</summary>
    [Parameter, EditorRequired] public IReadOnlyList<(string Label, IReadOnlyList<double?> Values)> Rows { get; set; } = [];

    /// <summary>Name of the x parameter.</summary>
    [Parameter] public string XTitle { get; set; } = "";

    /// <summary>Name of the y parameter.</summary>
    [Parameter] public string YTitle { get; set; } = "";

    /// <inheritdoc />
    protected override object BuildConfig()
    {
        if (_config is not null && ReferenceEquals(_input, Rows)) return _config;
        _input = Rows;
        var values = Rows.SelectMany(r => r.Values).Where(v => v is not null).Select(v => v!.Value).ToList();
        double min = values.Count == 0 ? 0 : values.Min(), max = values.Count == 0 ? 1 : values.Max();
        _config = new
        {
            kind = "heatmap",
            height = Height,
            xTitle = XTitle,
            yTitle = YTitle,
            xCategories = Columns,
            rows = Rows.Select(r => new { name = r.Label, values = r.Values }),
            ranges = Ranges(min, max),
        };
        return _config;
    }

    private static readonly string[] Colours = ["#b71c1c", "#e53935", "#ef9a9a", "#546e7a", "#a5d6a7", "#43a047", "#1b5e20"];

    /// <summary>The colour bands of these rows, worst first: what the legend under the chart lists.</summary>
    public static IReadOnlyList<(double From, double To, string Color)> Bands(IReadOnlyList<(string Label, IReadOnlyList<double?> Values)> rows)
    {
        var values = rows.SelectMany(r => r.Values).Where(v => v is not null).Select(v => v!.Value).ToList();
        double min = values.Count == 0 ? 0 : values.Min(), max = values.Count == 0 ? 1 : values.Max();
        if (max <= min) return [(min, max, Colours[3])];
        double step = (max - min) / Colours.Length;
        return Colours.Select((c, i) => (min + (step * i), min + (step * (i + 1)), c)).ToList();
    }

    /// <summary>Colour bands from red (worst) through grey to green (best).</summary>
    private static object[] Ranges(double min, double max)
    {
        if (max <= min) return [new { from = min - 1, to = max + 1, color = Colours[3] }];
        double step = (max - min) / Colours.Length;
        return Colours.Select((c, i) => (object)new { from = min + (step * i) - (i == 0 ? 1e-9 : 0), to = min + (step * (i + 1)) + (i == Colours.Length - 1 ? 1e-9 : 0), color = c }).ToArray();
    }
}
