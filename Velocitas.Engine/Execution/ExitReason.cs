namespace Velocitas.Engine.Execution;

/// <summary>Why a position was closed.</summary>
public enum ExitReason : byte
{
    /// <summary>The strategy's exit signal (filled at the next candle's open).</summary>
    Signal,
    /// <summary>The stop-loss level was touched.</summary>
    StopLoss,
    /// <summary>The take-profit level was touched.</summary>
    TakeProfit,
    /// <summary>The trailing stop was touched.</summary>
    TrailingStop,
    /// <summary>Data ended with the position open; closed at the last close.</summary>
    EndOfData,
    /// <summary>Closed by the user or a risk rule.</summary>
    Manual,
    /// <summary>A feed of another market was started: closed at the last price of the market it was opened on.</summary>
    MarketChanged,
}

/// <summary>Wire names of exit reasons (<c>stop-loss</c>, <c>end-of-data</c>, ...).</summary>
public static class ExitReasonNames
{
    /// <summary>The kebab-case name used in JSON, CSV and the UI.</summary>
    public static string ToName(this ExitReason reason) => reason switch
    {
        ExitReason.Signal => "signal",
        ExitReason.StopLoss => "stop-loss",
        ExitReason.TakeProfit => "take-profit",
        ExitReason.TrailingStop => "trailing-stop",
        ExitReason.EndOfData => "end-of-data",
        ExitReason.Manual => "manual",
        ExitReason.MarketChanged => "market-changed",
        _ => reason.ToString(),
    };

    /// <summary>Parses a name produced by <see cref="ToName"/>.</summary>
    public static ExitReason Parse(string name) =>
        Enum.GetValues<ExitReason>().FirstOrDefault(r => r.ToName() == name, ExitReason.Signal);
}
