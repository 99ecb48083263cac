using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Tests;

/// <summary>A strategy that emits given signals at given candle indexes, to test execution rules in isolation.</summary>
internal sealed class ScriptedStrategy : StrategyBase
{
    private static readonly StrategyDefinition Entry = new("scripted", "Scripted", StrategyStyle.TrendFollowing, "Test script.", [],
        (d, p, s) => throw new InvalidOperationException("create with new ScriptedStrategy(...)"));

    private readonly Dictionary<int, Signal> _script;
    private int _index;

    public ScriptedStrategy(params (int Index, Signal Signal)[] script) : base(Entry, ParameterSet.Empty)
    {
        _script = script.ToDictionary(s => s.Index, s => s.Signal);
    }

    public override int WarmUpPeriod => 0;

    protected override Signal Decide(in Candle candle) => _script.GetValueOrDefault(_index++);

    protected override void ResetState() => _index = 0;
}
