using Velocitas.Engine.Market;

namespace Velocitas.Engine.Strategies;

/// <summary>Plumbing shared by the built-in strategies: identity, parameters, candle ordering check.</summary>
public abstract class StrategyBase : IStrategy
{
    private DateTimeOffset _lastTime = DateTimeOffset.MinValue;

    /// <summary>Stores the definition and the validated parameters.</summary>
    protected StrategyBase(StrategyDefinition definition, ParameterSet parameters)
    {
        Definition = definition;
        Parameters = parameters;
    }

    /// <inheritdoc />
    public StrategyDefinition Definition { get; }

    /// <inheritdoc />
    public ParameterSet Parameters { get; }

    /// <inheritdoc />
    public abstract int WarmUpPeriod { get; }

    /// <inheritdoc />
    public Signal OnCandle(in Candle candle)
    {
        if (candle.Time <= _lastTime)
            throw new InvalidOperationException(
                $"{Definition.Id}: candles must arrive in time order; got {candle.Time:O} after {_lastTime:O}.");
        _lastTime = candle.Time;
        return Decide(candle);
    }

    /// <summary>The rule: consumes the candle and returns the signal at its close.</summary>
    protected abstract Signal Decide(in Candle candle);

    /// <inheritdoc />
    public void Reset()
    {
        _lastTime = DateTimeOffset.MinValue;
        ResetState();
    }

    /// <summary>Resets indicators and remembered values.</summary>
    protected abstract void ResetState();

    /// <inheritdoc />
    public override string ToString() => $"{Definition.Id}({Parameters})";
}
