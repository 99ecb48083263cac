using Velocitas.Engine.Execution;

namespace Velocitas.Web.Api.Contracts;

/// <summary>The execution settings a request body may override (absent: the named default).</summary>
public interface IExecutionOverrides
{
    /// <summary>Starting cash.</summary>
    decimal? InitialCash { get; }
    /// <summary>Fee as a fraction of notional per side.</summary>
    decimal? Fee { get; }
    /// <summary>Slippage in basis points.</summary>
    decimal? SlippageBps { get; }
    /// <summary>Smallest quantity step.</summary>
    decimal? LotStep { get; }
}

/// <summary>Applies a body's overrides to a set of defaults, in one place for every route.</summary>
public static class ExecutionOverrides
{
    /// <summary><paramref name="defaults"/> with what <paramref name="body"/> gives.</summary>
    public static ExecutionSettings Over(this IExecutionOverrides body, ExecutionSettings defaults) => defaults with
    {
        InitialCash = body.InitialCash ?? defaults.InitialCash,
        FeeRate = body.Fee ?? defaults.FeeRate,
        SlippageBps = body.SlippageBps ?? defaults.SlippageBps,
        LotStep = body.LotStep ?? defaults.LotStep,
    };
}
