using Velocitas.Engine.Copilot;

namespace Velocitas.Web.Components.Pages.Copilot;

/// <summary>Labels, help and parameters of every rule kind.</summary>
public static class RuleKinds
{
    /// <summary>Every kind, in menu order.</summary>
    public static IReadOnlyList<RuleKindInfo> All { get; } =
    [
        new(AlertKind.PriceCross, "Price crosses a level", "The last price crosses the level (checked on every snapshot, four times a second).", "coin",
            [new("level", "Level", ParamInput.Number, "price"), new("direction", "Direction", ParamInput.Direction, "cross upwards, downwards or either")]),
        new(AlertKind.PercentMove, "% move within a window", "The close moves at least pct % over the last N candles.", "coin",
            [new("pct", "Move %", ParamInput.Number, "e.g. 3"), new("candles", "Window (candles)", ParamInput.Number, "e.g. 12"), new("direction", "Direction", ParamInput.Direction, "up, down or either")]),
        new(AlertKind.Rsi, "RSI above / below", "RSI of the closes goes above (or below) the level.", "coin",
            [new("period", "RSI period", ParamInput.Number, "e.g. 14"), new("level", "Level", ParamInput.Number, "e.g. 70"), new("direction", "Direction", ParamInput.Direction, "above or below")]),
        new(AlertKind.VolatilitySpike, "Volatility spike", "ATR as % of price reaches a percentile of its own recent history.", "coin",
            [new("percentile", "Percentile", ParamInput.Number, "e.g. 95"), new("period", "ATR period", ParamInput.Number, "e.g. 14"), new("history", "History (candles)", ParamInput.Number, "e.g. 500")]),
        new(AlertKind.VolumeSpike, "Volume spike", "A candle's volume is a multiple of the average of the previous N.", "coin",
            [new("multiple", "Multiple", ParamInput.Number, "e.g. 3"), new("candles", "Average over (candles)", ParamInput.Number, "e.g. 20")]),
        new(AlertKind.RegimeChange, "Regime change", "The trend-analysis regime (uptrend, downtrend, range, volatile) changes.", "coin",
            [new("to", "To", ParamInput.Regime, "any change, or only into one regime")]),
        new(AlertKind.StrategySignal, "Strategy signal", "A strategy instance would buy or sell at the next open, including watch-only instances.", "instance",
            [new("side", "Side", ParamInput.Side, "buy, sell or either")]),
        new(AlertKind.Drawdown, "Drawdown beyond X %", "An instance's equity (or the whole portfolio's, with no instance chosen) falls pct % below its peak.", "instance or portfolio",
            [new("pct", "Drawdown %", ParamInput.Number, "e.g. 10")]),
        new(AlertKind.LossStreak, "Loss streak", "An instance closes count losing trades in a row.", "instance",
            [new("count", "Losses in a row", ParamInput.Number, "e.g. 3")]),
        new(AlertKind.Exposure, "Exposure above X %", "Position value reaches pct % of equity (instance, or portfolio with none chosen).", "instance or portfolio",
            [new("pct", "Exposure %", ParamInput.Number, "e.g. 90")]),
        new(AlertKind.StaleFeed, "Stale feed", "No market data for N seconds while the engine runs.", "feed",
            [new("seconds", "Seconds", ParamInput.Number, "e.g. 30")]),
    ];

    /// <summary>The info of one kind.</summary>
    public static RuleKindInfo Get(AlertKind kind) => All.First(k => k.Kind == kind);

    /// <summary>"level 70,000 · above" style summary of a rule's parameters.</summary>
    public static string Summary(AlertRule rule) => string.Join(" · ", Get(rule.Kind).Params.Select(p => p.Input switch
    {
        ParamInput.Direction => rule.Get(p.Name) switch { > 0 => "above/up", < 0 => "below/down", _ => "either way" },
        ParamInput.Side => rule.Get(p.Name) switch { > 0 => "buys", < 0 => "sells", _ => "buys and sells" },
        ParamInput.Regime => rule.Get(p.Name) switch { 0 => "into uptrend", 1 => "into downtrend", 2 => "into range", 3 => "into volatile", _ => "any change" },
        _ => $"{p.Label.ToLowerInvariant()} {rule.Get(p.Name).ToString("#,0.########", System.Globalization.CultureInfo.InvariantCulture)}",
    }));

    /// <summary>Where the rule looks: a coin, an instance, the portfolio or the feed.</summary>
    public static string Scope(AlertRule rule) => rule.Kind switch
    {
        AlertKind.StaleFeed => "feed",
        AlertKind.Drawdown or AlertKind.Exposure when rule.InstanceId is null => rule.Symbol is null ? "portfolio" : $"instances on {rule.Symbol}",
        _ when rule.InstanceId is { } id => $"instance #{id}",
        _ => rule.Symbol ?? "every coin",
    };
}
