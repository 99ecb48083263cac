using Microsoft.AspNetCore.Components;

namespace Velocitas.Web.Components.UI;

/// <summary>Several named lines over time (compare equity curves, live P&amp;L).</summary>
public sealed class LineChart : ChartBase
{
    private object? _config;
    private object? _input;

    /// <summary>The lines.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<ChartSeries> Series { get; set; } = [];

    /// <summary>True when values are percentages.</summary>
    [Parameter] public bool Percent { get; set; }

    /// <summary>Chart title.</summary>
    [Parameter] public string? Title { get; set; }

    /// <inheritdoc />
    protected override object BuildConfig()
    {
        if (_config is not null && ReferenceEquals(_input, Series)) return _config;
        _input = Series;
        _config = new { kind = "line", height = Height, group = Group, percent = Percent, title = Title, series = Series.Select(s => new { name = s.Name, points = s.Points }) };
        return _config;
    }
}
