namespace Velocitas.Engine.Copilot;

/// <summary>An alert raised by a rule.</summary>
/// <param name="Time">When it was raised.</param>
/// <param name="RuleId">The rule.</param>
/// <param name="RuleName">Its name.</param>
/// <param name="Kind">What it watches.</param>
/// <param name="Severity">How loud.</param>
/// <param name="Symbol">Coin concerned, if any.</param>
/// <param name="InstanceId">Strategy instance concerned, if any.</param>
/// <param name="StrategyId">Its strategy, if any.</param>
/// <param name="Message">What happened, with the numbers.</param>
/// <param name="Value">The measured value that triggered it.</param>
/// <param name="Threshold">The rule's threshold.</param>
public sealed record Alert(
    DateTimeOffset Time,
    int RuleId,
    string RuleName,
    AlertKind Kind,
    AlertSeverity Severity,
    string? Symbol,
    int? InstanceId,
    string? StrategyId,
    string Message,
    double? Value,
    double? Threshold);
