using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Live;

/// <summary>A strategy signal seen live (also from watch-only instances), for the copilot.</summary>
public sealed record LiveSignal(int InstanceId, string StrategyId, string Symbol, Signal Signal, Candle Candle, bool WatchOnly);
