using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Velocitas.Strategies.Hosting;

/// <summary>
/// The calls the compiler inserts into user strategy code: <see cref="Loop"/> at the top of every loop body and
/// <see cref="Call"/> at the entry of every method, accessor, local function and lambda. Inside a <see cref="Scope"/>
/// (one per call into strategy code) they stop code that runs past its CPU budget or recurses too deep with a
/// <see cref="StrategyRunawayException"/> naming the user's line. Once a scope has run out, every further check in it
/// fails, so a <c>finally</c> cannot keep the code running. <see cref="NoteLine"/> is the filter that records on an
/// exception the user's line it left from. Not for strategy code (the allow-list refuses it).
/// </summary>
public static class Guard
{
    /// <summary>Time one call into strategy code may take (OnStart, one OnCandle, a constructor).</summary>
    public static TimeSpan Budget { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Nested method calls user code may make before it counts as runaway recursion.</summary>
    public const int MaxDepth = 2_000;

    [ThreadStatic] private static long t_deadline;
    [ThreadStatic] private static int t_ticks;

    /// <summary>
    /// Starts a budget for one call into strategy code on this thread; dispose it when the call returns. The clock is
    /// read at the scope's first time check (after 256 calls or 1,024 loop iterations), not here: most calls into a
    /// strategy end long before that, and reading the clock at every candle was most of a user strategy's overhead.
    /// </summary>
    public static Lease Scope()
    {
        long previous = t_deadline;
        t_deadline = 0; // not started: the first check starts the budget
        return new Lease(previous);
    }

    /// <summary>One more iteration of the loop at <paramref name="line"/>.</summary>
    public static void Loop(int line)
    {
        if ((++t_ticks & 1023) == 0) CheckTime(line, "loop");
    }

    /// <summary>Entry into the method, accessor or lambda at <paramref name="line"/>.</summary>
    public static void Call(int line)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new StrategyRunawayException(line, $"line {line}: runaway recursion (the call stack is nearly full); give the recursion an end.");
        if ((++t_ticks & 255) == 0) CheckTime(line, "call");
    }

    // the line noted on an exception as it left user code; weak, so a noted exception is collected as usual
    private static readonly ConditionalWeakTable<Exception, object> s_lines = new();

    /// <summary>
    /// The exception filter around every instrumented method body: notes <paramref name="line"/> (the user's statement
    /// that was running) on <paramref name="error"/> and returns false, so nothing is caught. Filters run innermost
    /// first, so the first note is the innermost user frame's and later ones are ignored.
    /// </summary>
    public static bool NoteLine(Exception error, int line)
    {
        if (line > 0 && error is not StrategyRunawayException) s_lines.TryAdd(error, line);
        return false;
    }

    /// <summary>The user's line noted on <paramref name="error"/> by <see cref="NoteLine"/>, if any.</summary>
    public static int? NotedLine(Exception error) => s_lines.TryGetValue(error, out var line) ? (int)line : null;

    private static void CheckTime(int line, string what)
    {
        long now = Stopwatch.GetTimestamp();
        if (t_deadline == 0)
        {
            t_deadline = now + (long)(Budget.TotalSeconds * Stopwatch.Frequency); // the budget starts at the first check
            return;
        }
        if (now > t_deadline)
        {
            t_deadline = 1; // stays expired until the scope ends
            throw new StrategyRunawayException(line, what == "loop"
                ? $"line {line}: this loop ran longer than {Budget.TotalSeconds:0.#} s in one call; it never ends or does far too much work per candle."
                : $"line {line}: the code ran longer than {Budget.TotalSeconds:0.#} s in one call (runaway recursion?).");
        }
    }

    /// <summary>Ends a budget and restores the one around it.</summary>
    public readonly struct Lease : IDisposable
    {
        private readonly long _previous;

        internal Lease(long previous) => _previous = previous;

        /// <inheritdoc />
        public void Dispose() => t_deadline = _previous;
    }
}

/// <summary>Strategy code that ran too long or recursed too deep; stopped by the <see cref="Guard"/>.</summary>
public sealed class StrategyRunawayException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StrategyRunawayException(int line, string message) : base(message) => Line = line;

    /// <summary>The user's line (1-based).</summary>
    public int Line { get; }
}
