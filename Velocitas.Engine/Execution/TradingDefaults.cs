namespace Velocitas.Engine.Execution;

/// <summary>
/// The execution settings a run gets when the trader does not choose them: the same on the pages, in the REST API and
/// on the command line (and printed by <c>--help</c>). <see cref="ExecutionSettings"/>' own property defaults stay the
/// engine's neutral ones (no fee, whole units) because reference comparisons state every setting explicitly.
/// </summary>
public static class TradingDefaults
{
    /// <summary>Starting cash in quote currency.</summary>
    public const decimal InitialCash = 10_000m;

    /// <summary>Fee per side as a fraction of notional: 0.1 %, a typical spot taker fee.</summary>
    public const decimal FeeRate = 0.001m;

    /// <summary>Slippage in basis points: none, so results compare with other backtesters out of the box.</summary>
    public const decimal SlippageBps = 0m;

    /// <summary>Quantities are rounded down to this: fine enough for BTC at any price, so a buy always fills.</summary>
    public const decimal LotStep = 0.0001m;

    /// <summary>The settings above, with no stop-loss, take-profit or trailing stop.</summary>
    public static ExecutionSettings Execution { get; } = new()
    {
        InitialCash = InitialCash,
        FeeRate = FeeRate,
        SlippageBps = SlippageBps,
        LotStep = LotStep,
    };
}
