using Velocitas.Engine.Execution;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Live;

/// <summary>What to run live: a strategy with its parameters on one coin with its own paper account.</summary>
public sealed record InstanceSpec
{
    /// <summary>Strategy id from the catalogue.</summary>
    public required string StrategyId { get; init; }
    /// <summary>Coin or pair (BTC, BTCUSDT, BTC/USDT).</summary>
    public required string Symbol { get; init; }
    /// <summary>Parameter values (missing ones take their defaults).</summary>
    public IReadOnlyDictionary<string, double>? Parameters { get; init; }
    /// <summary>Starting cash, fees, slippage, lot step, stop-loss / take-profit / trailing stop.</summary>
    public ExecutionSettings Settings { get; init; } = TradingDefaults.Execution;
    /// <summary>Optional display label.</summary>
    public string? Label { get; init; }
    /// <summary>True to watch signals without trading (copilot).</summary>
    public bool WatchOnly { get; init; }
    /// <summary>The exchange market the coin was checked against (its lot step is the settings' lot step); null when none was.</summary>
    public MarketRules? MarketRules { get; init; }

    /// <summary>Validates everything and returns the normalised spec (symbol code, full parameter set) or throws a clear error.</summary>
    public (InstanceSpec Spec, StrategyDefinition Definition, ParameterSet Parameters) Validate()
    {
        var definition = StrategyCatalog.Get(StrategyId);
        var parameters = definition.Bind(Parameters);
        var symbol = Market.Symbol.Parse(Symbol);
        Settings.Validated();
        if (MarketRules is { } m && (m.LotSize <= 0 || Settings.LotStep % m.LotSize != 0))
            throw new ArgumentException($"{m.Exchange} trades {m.NativeId} in lots of {m.LotSize}; lot step {Settings.LotStep} is not a multiple of it.", nameof(ExecutionSettings.LotStep));
        var spec = this with { StrategyId = definition.Id, Symbol = symbol.Code, Parameters = parameters.ToDictionary(p => p.Key, p => p.Value) };
        return (spec, definition, parameters);
    }
}
