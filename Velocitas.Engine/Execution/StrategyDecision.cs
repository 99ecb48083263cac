using Velocitas.Engine.Strategies;
using Velocitas.Strategies.Hosting;

namespace Velocitas.Engine.Execution;

/// <summary>
/// What a strategy decided at one close, taken ahead of the session that trades it: its signal and order, and the risk
/// levels it had set before it saw the candle (the ones that candle's range is checked against).
/// </summary>
internal readonly record struct StrategyDecision(Signal Signal, OrderIntent Order, RiskOverrides RiskBefore);
