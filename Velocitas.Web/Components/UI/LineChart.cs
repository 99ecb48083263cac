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

    /// <summary>
    /// Live mode: when the new series extend the drawn ones (same names, same first point, more points), only the
    /// new points are appended to the chart instead of replacing its data.
    /// </summary>
    [Parameter] public bool Live { get; set; }

    private IReadOnlyList<ChartSeries>? _drawn;

    /// <inheritdoc />
    protected override async Task SyncAsync()
    {
        var series = Series;
        if (Live && IsDrawn && _drawn is { } drawn && !ReferenceEquals(drawn, series) && Extends(drawn, series))
        {
            var added = series.Select((s, i) => (IReadOnlyList<decimal[]>)s.Points.Skip(drawn[i].Points.Count).ToList()).ToList();
            if (added.Any(a => a.Count > 0)) await AppendAsync(added, keep: 5000);
            _drawn = series;
            return;
        }
        await base.SyncAsync();
        _drawn = IsDrawn ? series : null;
    }

    private static bool Extends(IReadOnlyList<ChartSeries> before, IReadOnlyList<ChartSeries> after) =>
        before.Count == after.Count && before.Count > 0
        && before.Zip(after).All(p => p.First.Name == p.Second.Name && p.First.Points.Count > 0 && p.Second.Points.Count >= p.First.Points.Count
            && p.First.Points[0][0] == p.Second.Points[0][0]);

    /// <inheritdoc />
    protected override object BuildConfig()
    {
        if (_config is not null && ReferenceEquals(_input, Series)) return _config;
        _input = Series;
        _config = new { kind = "line", height = Height, group = Group, percent = Percent, title = Title, series = Series.Select(s => new { name = s.Name, points = s.Points }) };
        return _config;
    }
}
