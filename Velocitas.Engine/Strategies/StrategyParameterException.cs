namespace Velocitas.Engine.Strategies;

/// <summary>Parameter values a strategy cannot run with; <see cref="Errors"/> lists each problem.</summary>
public sealed class StrategyParameterException : ArgumentException
{
    /// <summary>Creates the exception for the strategy <paramref name="strategyId"/>.</summary>
    public StrategyParameterException(string strategyId, IReadOnlyList<ParameterError> errors)
        : base($"Invalid parameters for {strategyId}: {string.Join(" ", errors.Select(e => e.Message))}", errors.Count > 0 ? errors[0].Parameter : null)
    {
        StrategyId = strategyId;
        Errors = errors;
    }

    /// <summary>The strategy whose parameters were rejected.</summary>
    public string StrategyId { get; }

    /// <summary>One entry per rejected parameter.</summary>
    public IReadOnlyList<ParameterError> Errors { get; }
}

/// <summary>A rejected parameter and why.</summary>
/// <param name="Parameter">Parameter name.</param>
/// <param name="Message">What is wrong and what is expected.</param>
public sealed record ParameterError(string Parameter, string Message);
