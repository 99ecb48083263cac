namespace Velocitas.Strategies;

/// <summary>A combination of parameter values a strategy refuses (returned by <see cref="Strategy.CheckParameters"/>).</summary>
/// <param name="Parameter">The parameter the message is about (its lower-camel-case name).</param>
/// <param name="Message">What is wrong and what is expected, e.g. "fast (30) must be less than slow (30).".</param>
public sealed record ParameterProblem(string Parameter, string Message);
