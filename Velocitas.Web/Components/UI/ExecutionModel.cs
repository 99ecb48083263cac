using Velocitas.Engine.Execution;

namespace Velocitas.Web.Components.UI;

/// <summary>Editable execution settings, with the fee in percent as traders quote it.</summary>
public sealed class ExecutionModel
{
    public decimal Cash { get; set; } = TradingDefaults.InitialCash;
    public decimal FeePct { get; set; } = TradingDefaults.FeeRate * 100m;
    public decimal SlippageBps { get; set; } = TradingDefaults.SlippageBps;
    public decimal LotStep { get; set; } = TradingDefaults.LotStep;
    public decimal? StopLossPct { get; set; }
    public decimal? TakeProfitPct { get; set; }
    public decimal? TrailingStopPct { get; set; }

    /// <summary>The engine's settings (fee as a fraction).</summary>
    public ExecutionSettings ToSettings() => new()
    {
        InitialCash = Cash,
        FeeRate = FeePct / 100m,
        SlippageBps = SlippageBps,
        LotStep = LotStep,
        StopLossPct = StopLossPct,
        TakeProfitPct = TakeProfitPct,
        TrailingStopPct = TrailingStopPct,
    };

    /// <summary>True when the engine accepts the settings.</summary>
    public bool IsValid => ToSettings().Problems().Count == 0;
}
