using Velocitas.Engine.Execution;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Live;

/// <summary>A removed instance as loaded from storage: its final account, so its results stay in the totals.</summary>
internal static class ClosedSnapshot
{
    public static InstanceSnapshot From(PersistedInstance p)
    {
        var ledger = new Ledger(p.Spec.Settings.InitialCash);
        if (p.State is { } state) ledger.Restore(state);
        return new InstanceSnapshot
        {
            Id = p.Id,
            StrategyId = p.Spec.StrategyId,
            StrategyName = StrategyCatalog.TryGet(p.Spec.StrategyId, out var definition) ? definition.Name : p.Spec.StrategyId,
            Symbol = p.Spec.Symbol,
            Parameters = string.Join(", ", (p.Spec.Parameters ?? new Dictionary<string, double>()).Select(kv => $"{kv.Key}={kv.Value}")),
            Label = p.Spec.Label,
            Market = p.State?.Market,
            Paused = true,
            WatchOnly = p.Spec.WatchOnly,
            LotStep = p.Spec.Settings.LotStep,
            MarketRules = p.Spec.MarketRules,
            Trades = p.State?.Trades ?? 0,
            Wins = p.State?.Wins ?? 0,
            Note = "removed",
        }.WithAccount(ledger, p.LastPrice, p.State?.PeakEquity ?? ledger.InitialCash, p.State?.MaxDrawdown ?? 0);
    }
}
