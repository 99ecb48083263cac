using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;
using Velocitas.Strategies.Hosting;

namespace Velocitas.Engine.Tests;

/// <summary>A strategy that emits given signals at given candle indexes, to test execution rules in isolation.</summary>
internal sealed class ScriptedStrategy : IStrategy
{
    private static readonly StrategyDefinition Entry = new("scripted", "Scripted", StrategyStyle.TrendFollowing, "Test script.", [],
        (d, p, s) => throw new InvalidOperationException("create with new ScriptedStrategy(...)"));

    private readonly Dictionary<int, Signal> _script;
    private int _index;

    public ScriptedStrategy(params (int Index, Signal Signal)[] script)
    {
        _script = script.ToDictionary(s => s.Index, s => s.Signal);
    }

    public StrategyDefinition Definition => Entry;

    public ParameterSet Parameters => ParameterSet.Empty;

    public int WarmUpPeriod => 0;

    public OrderIntent Order { get; private set; }

    public RiskOverrides Risk => RiskOverrides.Unset;

    public StrategyOutput Output => StrategyOutput.Empty;

    public Signal OnCandle(in Candle candle)
    {
        var signal = _script.GetValueOrDefault(_index++);
        Order = signal switch
        {
            Signal.Enter => new OrderIntent(OrderKind.BuyAll),
            Signal.Exit => new OrderIntent(OrderKind.SellAll),
            _ => OrderIntent.None,
        };
        return signal;
    }

    public void Attach(IAccountView account)
    {
    }

    public void Reset()
    {
        _index = 0;
        Order = OrderIntent.None;
    }
}
