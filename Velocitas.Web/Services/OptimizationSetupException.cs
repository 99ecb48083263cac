namespace Velocitas.Web.Services;

/// <summary>The part of an optimisation's setup a problem is in, so a form or an API answer can point at it.</summary>
public enum SetupPart
{
    /// <summary>The datasets: missing, unknown, too short for the test design.</summary>
    Datasets,
    /// <summary>The strategies and their ranges.</summary>
    Strategies,
    /// <summary>Execution settings, objective, out-of-sample share, walk-forward, random budget.</summary>
    Settings,
}

/// <summary>An optimisation that cannot run as set up; <see cref="Part"/> says where the problem is.</summary>
public sealed class OptimizationSetupException(SetupPart part, string message, Exception? inner = null) : ArgumentException(message, inner)
{
    /// <summary>Where the problem is.</summary>
    public SetupPart Part { get; } = part;
}
