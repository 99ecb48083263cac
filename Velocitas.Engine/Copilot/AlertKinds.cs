namespace Velocitas.Engine.Copilot;

/// <summary>Text ids of alert kinds ("price-cross", ...).</summary>
public static class AlertKinds
{
    /// <summary>"price-cross", "percent-move", "rsi", ...</summary>
    public static string Id(this AlertKind kind) => kind switch
    {
        AlertKind.PriceCross => "price-cross",
        AlertKind.PercentMove => "percent-move",
        AlertKind.Rsi => "rsi",
        AlertKind.VolatilitySpike => "volatility-spike",
        AlertKind.VolumeSpike => "volume-spike",
        AlertKind.RegimeChange => "regime-change",
        AlertKind.StrategySignal => "strategy-signal",
        AlertKind.Drawdown => "drawdown",
        AlertKind.LossStreak => "loss-streak",
        AlertKind.Exposure => "exposure",
        _ => "stale-feed",
    };

    /// <summary>Parses an id ("price-cross", "PriceCross", "price_cross").</summary>
    public static bool TryParse(string? text, out AlertKind kind)
    {
        string t = (text ?? "").Replace("-", "").Replace("_", "").Trim();
        foreach (var k in Enum.GetValues<AlertKind>())
        {
            if (string.Equals(k.ToString(), t, StringComparison.OrdinalIgnoreCase)) { kind = k; return true; }
        }
        kind = default;
        return false;
    }

    /// <summary>Every id, for messages.</summary>
    public static string All => string.Join(", ", Enum.GetValues<AlertKind>().Select(k => k.Id()));
}
