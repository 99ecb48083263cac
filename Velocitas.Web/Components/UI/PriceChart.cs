using Microsoft.AspNetCore.Components;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Market;

namespace Velocitas.Web.Components.UI;

/// <summary>Candlesticks with buy/sell markers of trades and optional indicator lines.</summary>
public sealed class PriceChart : ChartBase
{
    private object? _config;
    private (object?, object?, object?, object?) _inputs;

    /// <summary>Candles in time order.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<Candle> Candles { get; set; } = [];

    /// <summary>Trades to mark (entries green, exits red).</summary>
    [Parameter] public IReadOnlyList<Trade>? Trades { get; set; }

    /// <summary>Extra lines drawn over the candles (e.g. moving averages).</summary>
    [Parameter] public IReadOnlyList<ChartSeries>? Lines { get; set; }

    /// <summary>Shaded time ranges behind the candles (e.g. market regimes).</summary>
    [Parameter] public IReadOnlyList<ChartBand>? Bands { get; set; }

    /// <summary>Series name (symbol).</summary>
    [Parameter] public string Name { get; set; } = "Price";

    /// <summary>What the empty chart says.</summary>
    [Parameter] public string EmptyText { get; set; } = "No candles";

    /// <summary>Most candles drawn; more are merged into wider candles.</summary>
    [Parameter] public int MaxCandles { get; set; } = 1200;

    /// <inheritdoc />
    protected override object BuildConfig()
    {
        var inputs = ((object?)Candles, (object?)Trades, (object?)Lines, (object?)Bands);
        if (_config is not null && inputs.Equals(_inputs)) return _config;
        _inputs = inputs;
        _config = new
        {
            kind = "candles",
            name = Name,
            height = Height,
            group = Group,
            candles = ChartData.Candles(Candles, MaxCandles),
            markers = Trades is null ? [] : ChartData.Markers(Trades, labels: Trades.Count <= 60),
            lines = Lines?.Select(l => new { name = l.Name, points = l.Points }) ?? [],
            bands = Bands?.Select(b => new { from = b.From, to = b.To, color = b.Color, label = b.Label }) ?? [],
            emptyText = EmptyText,
        };
        return _config;
    }
}
