using Microsoft.AspNetCore.Components;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;

namespace Velocitas.Web.Components.UI;

/// <summary>
/// A trading chart: candlesticks with every trade's buy/sell markers, a volume pane, the strategy's indicators (over the
/// price or in panes of their own, from <see cref="PlotSeries"/>), a log-scale button and an OHLCV crosshair tooltip.
/// The browser keeps the whole series: a zoom or pan re-aggregates the candles of the visible window (a day of 1m
/// data shows 1m candles) and rescales the price axis to them; markers outside the window are not drawn, and above
/// 400 in view they are thinned and the chart says so.
/// </summary>
public sealed class PriceChart : ChartBase
{
    private object? _config;
    private (object?, object?, object?, object?) _inputs;

    /// <summary>Candles in time order.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<Candle> Candles { get; set; } = [];

    /// <summary>Trades to mark (entries green, exits red).</summary>
    [Parameter] public IReadOnlyList<Trade>? Trades { get; set; }

    /// <summary>Indicator series: <see cref="PlotSeries.PricePane"/> ones over the candles, others in panes of their own.</summary>
    [Parameter] public IReadOnlyList<PlotSeries>? Plots { get; set; }

    /// <summary>Draws the volume pane (when the candles have volume).</summary>
    [Parameter] public bool Volume { get; set; } = true;

    /// <summary>Shaded time ranges behind the candles (e.g. market regimes).</summary>
    [Parameter] public IReadOnlyList<ChartBand>? Bands { get; set; }

    /// <summary>Series name (symbol).</summary>
    [Parameter] public string Name { get; set; } = "Price";

    /// <summary>What the empty chart says.</summary>
    [Parameter] public string EmptyText { get; set; } = "No candles";

    /// <summary>Most candles sent to the browser; more are merged into wider candles first (the browser draws at most 1,200 of the window).</summary>
    [Parameter] public int MaxCandles { get; set; } = 200_000;

    /// <inheritdoc />
    protected override object BuildConfig()
    {
        var inputs = ((object?)Candles, (object?)Trades, (object?)Plots, (object?)Bands);
        if (_config is not null && inputs.Equals(_inputs)) return _config;
        _inputs = inputs;
        _config = new
        {
            kind = "candles",
            name = Name,
            height = Height,
            group = Group,
            candles = ChartData.Candles(Candles, MaxCandles, withVolume: Volume),
            volume = Volume && Candles.Any(c => c.Volume > 0),
            markers = Trades is null ? [] : ChartData.Markers(Trades, labels: false),
            lines = Plots?.Where(p => p.Pane == PlotSeries.PricePane).Select(l => new { name = l.Name, points = l.Points }) ?? [],
            panes = Plots?.Where(p => p.Pane != PlotSeries.PricePane).GroupBy(p => p.Pane)
                .Select(g => new { name = g.Key, series = g.Select(p => new { name = p.Name, points = p.Points }), levels = g.Select(p => p.Levels).FirstOrDefault(l => l is not null) ?? [], min = g.Select(p => p.Scale?.Min).FirstOrDefault(v => v is not null), max = g.Select(p => p.Scale?.Max).FirstOrDefault(v => v is not null) }) ?? [],
            bands = Bands?.Select(b => new { from = b.From, to = b.To, color = b.Color, label = b.Label }) ?? [],
            emptyText = EmptyText,
        };
        return _config;
    }

    /// <summary>Centres the chart on a trade (the middle of its holding time), zoomed to show it with some context.</summary>
    public Task FocusAsync(Trade trade)
    {
        var interval = Candles.Count > 1 ? Candles[1].Time - Candles[0].Time : TimeSpan.FromHours(1);
        var held = trade.ExitTime - trade.EntryTime;
        var middle = trade.EntryTime + (held / 2);
        double span = Math.Max(held.TotalMilliseconds * 3, interval.TotalMilliseconds * 120);
        return InvokeOnChartAsync("focus", middle.ToUnixTimeMilliseconds(), span);
    }
}
