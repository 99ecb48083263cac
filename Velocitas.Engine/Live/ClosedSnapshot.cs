using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Live;

/// <summary>A removed instance as loaded from storage: its final account, so its results stay in the totals.</summary>
internal static class ClosedSnapshot
{
    public static InstanceSnapshot From(PersistedInstance p)
    {
        var state = p.State;
        decimal cash = state?.Cash ?? p.Spec.Settings.InitialCash;
        decimal quantity = state?.Quantity ?? 0;
        decimal mark = p.LastPrice ?? 0;
        decimal equity = cash + quantity * mark;
        return new InstanceSnapshot
        {
            Id = p.Id,
            StrategyId = p.Spec.StrategyId,
            StrategyName = StrategyCatalog.TryGet(p.Spec.StrategyId, out var definition) ? definition.Name : p.Spec.StrategyId,
            Symbol = p.Spec.Symbol,
            Parameters = string.Join(", ", (p.Spec.Parameters ?? new Dictionary<string, double>()).Select(kv => $"{kv.Key}={kv.Value}")),
            Label = p.Spec.Label,
            Market = state?.Market,
            Paused = true,
            WatchOnly = p.Spec.WatchOnly,
            InitialCash = p.Spec.Settings.InitialCash,
            Cash = cash,
            Quantity = quantity,
            LastPrice = p.LastPrice,
            RealizedPnl = state?.RealizedPnl ?? 0,
            UnrealizedPnl = quantity > 0 && state is not null ? quantity * mark - state.CostBasis - state.OpenFees : 0,
            Fees = state?.FeesPaid ?? 0,
            Equity = equity,
            Trades = state?.Trades ?? 0,
            Wins = state?.Wins ?? 0,
            MaxDrawdownPct = (state?.MaxDrawdown ?? 0) * 100,
            Note = "removed",
        };
    }
}
