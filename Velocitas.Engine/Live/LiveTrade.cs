using Velocitas.Engine.Execution;

namespace Velocitas.Engine.Live;

/// <summary>A trade closed by a live instance.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="StrategyId">Its strategy.</param>
/// <param name="Symbol">Its coin.</param>
/// <param name="Trade">The round trip.</param>
public sealed record LiveTrade(int InstanceId, string StrategyId, string Symbol, Trade Trade);
