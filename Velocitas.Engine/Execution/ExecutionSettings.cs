namespace Velocitas.Engine.Execution;

/// <summary>
/// How simulated orders are filled and sized. Validated on construction with messages naming the field.
/// </summary>
public sealed record ExecutionSettings
{
    /// <summary>Starting cash in quote currency.</summary>
    public decimal InitialCash { get; init; } = 10_000m;

    /// <summary>Fee as a fraction of notional, charged on each side (0.001 = 0.1 %).</summary>
    public decimal FeeRate { get; init; }

    /// <summary>Slippage in basis points, always against the trader (buys higher, sells lower).</summary>
    public decimal SlippageBps { get; init; }

    /// <summary>Quantities are rounded down to a multiple of this (1 = whole units, 0.00001 for BTC).</summary>
    public decimal LotStep { get; init; } = 1m;

    /// <summary>Stop-loss distance below the entry price, in percent; null = none.</summary>
    public decimal? StopLossPct { get; init; }

    /// <summary>Take-profit distance above the entry price, in percent; null = none.</summary>
    public decimal? TakeProfitPct { get; init; }

    /// <summary>Trailing-stop distance below the highest high since entry, in percent; null = none.</summary>
    public decimal? TrailingStopPct { get; init; }

    /// <summary>Largest starting cash accepted (keeps every money figure far from decimal's limits).</summary>
    public const decimal MaxCash = 1_000_000_000_000m;

    /// <summary>Defaults: 10,000 cash, no fees, no slippage, whole units, no risk exits.</summary>
    public static ExecutionSettings Default { get; } = new();

    /// <summary>Every problem with these settings, as (field, message) pairs; empty when valid.</summary>
    public IReadOnlyList<(string Field, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        if (InitialCash is <= 0 or > MaxCash) problems.Add((nameof(InitialCash), $"initial cash must be positive and at most {MaxCash:N0} (was {InitialCash})."));
        if (FeeRate is < 0 or >= 1) problems.Add((nameof(FeeRate), $"fee must be a fraction between 0 and 1, e.g. 0.001 for 0.1 % (was {FeeRate})."));
        if (SlippageBps is < 0 or >= 10_000) problems.Add((nameof(SlippageBps), $"slippage must be between 0 and 10000 basis points (was {SlippageBps})."));
        if (LotStep is <= 0 or > 1_000_000_000m) problems.Add((nameof(LotStep), $"lot step must be positive (was {LotStep})."));
        CheckPct(problems, nameof(StopLossPct), "stop-loss", StopLossPct, max: 100);
        CheckPct(problems, nameof(TakeProfitPct), "take-profit", TakeProfitPct, max: 100_000);
        CheckPct(problems, nameof(TrailingStopPct), "trailing stop", TrailingStopPct, max: 100);
        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public ExecutionSettings Validated()
    {
        var problems = Problems();
        if (problems.Count > 0)
            throw new ArgumentException(string.Join(" ", problems.Select(p => p.Message)), problems[0].Field);
        return this;
    }

    private static void CheckPct(List<(string, string)> problems, string field, string label, decimal? value, decimal max)
    {
        if (value is { } v && (v <= 0 || v >= max))
            problems.Add((field, $"{label} must be a percentage above 0 and below {max} (was {v})."));
    }
}
