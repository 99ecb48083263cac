using Velocitas.Strategies.Hosting;

namespace Velocitas.Web.Services;

/// <summary>Finds the failure of a strategy's own code inside what a run threw (also from an optimisation's workers).</summary>
public static class StrategyFaults
{
    /// <summary>The strategy's failure (an exception, a runaway loop or recursion, with its line) in <paramref name="ex"/>, or null.</summary>
    public static StrategyFaultException? Find(Exception ex) => ex switch
    {
        StrategyFaultException f => f,
        AggregateException a => a.InnerExceptions.Select(Find).FirstOrDefault(f => f is not null),
        _ => ex.InnerException is { } inner ? Find(inner) : null,
    };

    /// <summary>"The strategy's code failed: line 11: ...", as the pages and the API say it.</summary>
    public static string Describe(StrategyFaultException fault) => $"The strategy's code failed: {fault.Message}";
}
