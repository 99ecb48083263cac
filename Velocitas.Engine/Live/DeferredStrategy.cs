using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;
using Velocitas.Strategies.Hosting;

namespace Velocitas.Engine.Live;

/// <summary>
/// Stands in for a strategy whose code failed as it was restored after a restart (its <c>OnStart</c> threw): the
/// instance comes back paused with the error and its account, never trading, while every other instance goes on. When
/// the user resumes it, <see cref="Reset"/> creates the strategy again; if its code fails again the instance is paused
/// again with the new error.
/// </summary>
internal sealed class DeferredStrategy(StrategyDefinition definition, IReadOnlyDictionary<string, double>? parameters) : IStrategy
{
    private IStrategy? _strategy;
    private IAccountView? _account;

    public StrategyDefinition Definition => definition;

    public ParameterSet Parameters => _strategy?.Parameters ?? definition.Bind(parameters);

    public int WarmUpPeriod => _strategy?.WarmUpPeriod ?? 0;

    public OrderIntent Order => _strategy?.Order ?? OrderIntent.None;

    public RiskOverrides Risk => _strategy?.Risk ?? RiskOverrides.Unset;

    public StrategyOutput Output => _strategy?.Output ?? StrategyOutput.Empty;

    public Signal OnCandle(in Candle candle) => _strategy?.OnCandle(candle) ?? Signal.None;

    public void Attach(IAccountView account)
    {
        _account = account;
        _strategy?.Attach(account);
    }

    /// <summary>Creates the strategy (its code starts here) the first time, then starts it afresh as usual.</summary>
    public void Reset()
    {
        if (_strategy is null)
        {
            var created = definition.Create(parameters); // throws StrategyFaultException when its code fails again
            if (_account is not null) created.Attach(_account);
            _strategy = created;
            return;
        }
        _strategy.Reset();
    }
}
