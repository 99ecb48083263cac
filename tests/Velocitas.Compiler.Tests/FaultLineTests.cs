using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Strategies;
using Velocitas.Strategies.Hosting;

namespace Velocitas.Compiler.Tests;

/// <summary>
/// An exception the runtime raises in user code without a call (array index, null dereference, division by zero, cast)
/// names its exact line: optimised code maps those to an earlier statement, so the instrumented code notes the line.
/// Each snippet starts on line 6; a call on the line before the fault is what used to take its place.
/// </summary>
public class FaultLineTests
{
    private static readonly ExecutionSettings Settings = new() { FeeRate = 0.001m, LotStep = 0.0001m };

    private static StrategyFaultException Fault(string source)
    {
        var definition = Sources.CompileOrFail(source, "Faulty.cs").Define("faulty", "Faulty", StrategyStyle.Momentum, "x");
        return Assert.Throws<StrategyFaultException>(() => Backtester.Run(Sources.Synthetic(5, 1), definition.Create(), Settings));
    }

    [Fact]
    public void An_array_index_out_of_range_names_its_line()
    {
        var fault = Fault(Sources.InOnCandle("""
            var window = new double[3];
                    Plot("count", Candles.Count);
                    window[Candles.Count + 2] = candle.Close > 0 ? 1 : 2;
                    Plot("window", window[0]);
            """));
        Assert.Equal(8, fault.Line);
        Assert.StartsWith("line 8: IndexOutOfRangeException: ", fault.Message);
    }

    [Fact]
    public void A_null_dereference_names_its_line()
    {
        var fault = Fault(Sources.InOnCandle("""
            double[]? values = Candles.Count > 0 ? null : new double[1];
                    Plot("count", Candles.Count);
                    int length = values!.Length;
                    Plot("length", length);
            """));
        Assert.Equal(8, fault.Line);
        Assert.StartsWith("line 8: NullReferenceException: ", fault.Message);
    }

    [Fact]
    public void An_integer_division_by_zero_names_its_line()
    {
        var fault = Fault(Sources.InOnCandle("""
            int zero = Candles.Count - Candles.Count;
                    Plot("count", Candles.Count);
                    int ratio = 10 / zero;
                    Plot("ratio", ratio);
            """));
        Assert.Equal(8, fault.Line);
        Assert.StartsWith("line 8: DivideByZeroException: Attempted to divide by zero.", fault.Message);
    }

    [Fact]
    public void An_invalid_cast_names_its_line()
    {
        var fault = Fault(Sources.InOnCandle("""
            object boxed = Candles.Count;
                    Plot("count", Candles.Count);
                    var text = (string)boxed;
                    Plot("length", text.Length);
            """));
        Assert.Equal(8, fault.Line);
        Assert.StartsWith("line 8: InvalidCastException: ", fault.Message);
    }

    [Fact]
    public void A_fault_in_a_property_getter_names_the_getters_line()
    {
        var fault = Fault(Sources.AsMember("""
            private int Zero => Candles.Count - Candles.Count;
                private int Ratio
                {
                    get
                    {
                        Log("count " + Candles.Count);
                        return 100 / Zero;
                    }
                }
                protected override void OnStart() => Log("ratio " + Ratio);
            """));
        Assert.Equal(12, fault.Line);
        Assert.StartsWith("line 12: DivideByZeroException: ", fault.Message);
    }

    [Fact]
    public void A_fault_in_a_lambda_passed_to_linq_names_the_lambdas_line()
    {
        var fault = Fault(Sources.InOnCandle("""
            var divisors = new[] { 2, 1, Candles.Count - Candles.Count };
                    Plot("count", Candles.Count);
                    int total = divisors
                        .Select(d => 10 / d)
                        .Sum();
                    Plot("total", total);
            """));
        Assert.Equal(9, fault.Line);
        Assert.StartsWith("line 9: DivideByZeroException: ", fault.Message);
    }

    [Fact]
    public void A_fault_in_a_loop_condition_names_the_conditions_line()
    {
        var fault = Fault(Sources.InOnCandle("""
            var window = new double[3];
                    int i = 0;
                    while (window[i] >= 0)
                        Plot("i", i++);
            """));
        Assert.Equal(8, fault.Line);
    }

    [Fact]
    public void A_fault_in_an_else_if_condition_names_its_line()
    {
        var fault = Fault(Sources.InOnCandle("""
            var window = new double[3];
                    if (Candles.Count < 0) Plot("never", 0);
                    else if (window[Candles.Count + 3] > 0) Plot("never", 1);
            """));
        Assert.Equal(8, fault.Line);
    }

    [Fact]
    public void A_users_own_catch_still_catches_and_the_strategy_carries_on()
    {
        var definition = Sources.CompileOrFail(Sources.InOnCandle("""
            var window = new double[2];
                    try { window[Candles.Count + 5] = 1; Plot("unreached", 1); }
                    catch (IndexOutOfRangeException) { Plot("caught", Candles.Count); }
                    Plot("after", Candles.Count);
            """), "Careful.cs").Define("careful", "Careful", StrategyStyle.Momentum, "x");
        var result = Backtester.Run(Sources.Synthetic(5, 1), definition.Create(), Settings);
        Assert.Equal(5, result.Output.Plots["caught"].Count);
        Assert.Equal(5, result.Output.Plots["after"].Count);
        Assert.False(result.Output.Plots.ContainsKey("unreached"));
    }

    [Fact]
    public void An_error_thrown_by_a_call_still_names_the_calling_line()
    {
        var fault = Fault(Sources.InOnCandle("""
            var list = new List<int>();
                    Plot("count", Candles.Count);
                    Plot("item", list[Candles.Count]);
            """));
        Assert.Equal(8, fault.Line);
        Assert.StartsWith("line 8: ArgumentOutOfRangeException: ", fault.Message);
    }

    [Fact]
    public void A_collection_changed_under_a_foreach_names_the_foreach_line()
    {
        var fault = Fault(Sources.InOnCandle("""
            var list = new List<int> { 1, 2 };
                    foreach (var x in list)
                        list.Add(x);
            """));
        Assert.Equal(7, fault.Line);
        Assert.StartsWith("line 7: InvalidOperationException: ", fault.Message);
    }

    [Fact]
    public void Every_kind_of_body_and_statement_still_compiles_and_computes_the_same_with_line_tracking()
    {
        var definition = Sources.CompileOrFail("""
            using Velocitas.Strategies;
            public sealed class Shapes : Strategy
            {
                private readonly List<int> _seen = new();
                public Shapes() { _seen.Add(0); }
                private static IEnumerable<int> Evens(int n) { for (int i = 0; i < n; i++) { if (i % 2 == 1) continue; yield return i; } }
                private int Count => _seen.Count;
                private int this[int i] => _seen[i];
                private static int Classify(int n)
                {
                    switch (n % 3)
                    {
                        case 0: return 10;
                        case 1: { int k = n; return k; }
                        default: break;
                    }
                    return -1;
                }
                protected override void OnCandle(Candle candle)
                {
                    int sum = 0;
                    foreach (var e in Evens(7)) { if (e == 2) continue; sum += e; }
                    int j = 0;
                    do j++; while (j < 3);
                    for (;;) { if (j++ > 5) break; }
                    int Twice(int x) => x * 2;
                    Func<int, int> thrice = delegate (int x) { return x * 3; };
                    var squares = new[] { 1, 2, 3 }.Select(x => { int y = x * x; return y; }).Sum();
                    _seen.Add(sum);
                    if (Candles.Count > 100) Plot("never", 0); else if (Count > 0) Plot("sum", sum + Twice(1) + thrice(1) + squares + j + Classify(4) + this[0]);
                }
            }
            """, "Shapes.cs").Define("shapes", "Shapes", StrategyStyle.Momentum, "x");
        var result = Backtester.Run(Sources.Synthetic(3, 1), definition.Create(), Settings);
        // 0+4+6 = 10; 2 + 3 + 14 + 7 + 4 + 0 = 30
        Assert.Equal([40.0, 40.0, 40.0], result.Output.Plots["sum"].Select(p => p.Value));
    }
}
