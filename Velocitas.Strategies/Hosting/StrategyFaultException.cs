using System;
using System.Diagnostics;

namespace Velocitas.Strategies.Hosting;

/// <summary>
/// Strategy code failed: an exception it threw, or code stopped by the <see cref="Guard"/>. The message names the
/// user's line when it is known, e.g. <c>line 17: DivideByZeroException: Attempted to divide by zero. (OnCandle at 2024-01-03 10:00Z)</c>.
/// </summary>
public sealed class StrategyFaultException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StrategyFaultException(string message, int? line, Exception inner) : base(message, inner) => Line = line;

    /// <summary>The user's line (1-based), when known.</summary>
    public int? Line { get; }

    /// <summary>Wraps <paramref name="error"/> thrown by <paramref name="strategy"/>'s code in <paramref name="where"/>.</summary>
    public static StrategyFaultException From(Exception error, Strategy strategy, string where) =>
        From(error, strategy.GetType().Assembly, where);

    /// <summary>Wraps <paramref name="error"/> thrown by code of <paramref name="userAssembly"/> in <paramref name="where"/>.</summary>
    public static StrategyFaultException From(Exception error, System.Reflection.Assembly userAssembly, string where)
    {
        if (error is System.Reflection.TargetInvocationException { InnerException: { } inner }) error = inner;
        if (error is StrategyFaultException fault) return fault;
        if (error is StrategyRunawayException runaway)
            return new StrategyFaultException($"{runaway.Message} ({where})", runaway.Line, runaway);
        int? line = UserLine(error, userAssembly);
        string at = line is { } l ? $"line {l}: " : "";
        return new StrategyFaultException($"{at}{error.GetType().Name}: {error.Message} ({where})", line, error);
    }

    // the line the instrumented code noted as the exception left it (exact, also for faults the runtime raises without a
    // call); else the innermost user frame of the stack trace, which optimised code can map to an earlier statement
    private static int? UserLine(Exception error, System.Reflection.Assembly userAssembly)
    {
        if (Guard.NotedLine(error) is { } noted) return noted;
        foreach (var frame in new StackTrace(error, fNeedFileInfo: true).GetFrames())
        {
            if (frame.GetMethod()?.Module.Assembly == userAssembly && frame.GetFileLineNumber() is > 0 and var line) return line;
        }
        return null;
    }
}
