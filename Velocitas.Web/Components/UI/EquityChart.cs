using Microsoft.AspNetCore.Components;
using Velocitas.Engine.Execution;

namespace Velocitas.Web.Components.UI;

/// <summary>An equity curve (area) or its drawdown in percent below the running peak.</summary>
public sealed class EquityChart : ChartBase
{
    private object? _config;
    private object? _input;

    /// <summary>Equity at each close.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<Equity> Equity { get; set; } = [];

    /// <summary>True to draw the drawdown instead of the equity.</summary>
    [Parameter] public bool Drawdown { get; set; }

    /// <inheritdoc />
    protected override object BuildConfig()
    {
        if (_config is not null && ReferenceEquals(_input, Equity)) return _config;
        _input = Equity;
        _config = Drawdown
            ? new { kind = "area", height = Height, group = Group, percent = true, yMax = 0, colors = new[] { "#ef5350" }, series = new[] { new { name = "Drawdown", points = ChartData.Drawdown(Equity) } } }
            : (object)new { kind = "area", height = Height, group = Group, series = new[] { new { name = "Equity", points = ChartData.Equity(Equity) } } };
        return _config;
    }
}
