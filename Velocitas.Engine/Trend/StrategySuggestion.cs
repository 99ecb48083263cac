using Velocitas.Engine.Market;
using Velocitas.Engine.Strategies;

namespace Velocitas.Engine.Trend;

/// <summary>What to do in the current regime: run a strategy (maybe at reduced size), stand aside, or avoid one.</summary>
/// <param name="StrategyId">The strategy, or null for "stand aside".</param>
/// <param name="Name">Readable name.</param>
/// <param name="Parameters">Parameters the evidence was measured with.</param>
/// <param name="FitsRule">True when the textbook rule for this regime picks this kind of strategy.</param>
/// <param name="Action"><c>trade</c>, <c>reduce-size</c>, <c>stand-aside</c> or <c>avoid</c>.</param>
/// <param name="SizePct">Suggested position size as % of a normal one (0 when standing aside or avoiding).</param>
/// <param name="Evidence">How it did in past periods of the same regime on this coin.</param>
/// <param name="Score">Ranking score (higher is better): the rule's fit plus the evidence's consistency and size.</param>
/// <param name="Text">The suggestion in plain language, with its numbers.</param>
public sealed record StrategySuggestion(
    string? StrategyId,
    string Name,
    ParameterSet? Parameters,
    bool FitsRule,
    string Action,
    int SizePct,
    RegimeEvidence? Evidence,
    double Score,
    string Text);

/// <summary>One piece of evidence behind the classification, as a trader would read it.</summary>
/// <param name="Name">What was measured.</param>
/// <param name="Value">The reading, formatted.</param>
/// <param name="Meaning">What it says.</param>
/// <param name="Supports">The regime it points to, if any.</param>
public sealed record EvidenceItem(string Name, string Value, string Meaning, MarketRegime? Supports);
