using Velocitas.Engine.Market;

namespace Velocitas.Compiler.Tests;

/// <summary>Strategy files for the tests: a snippet placed at line 6 of a small strategy.</summary>
internal static class Sources
{
    /// <summary>The snippet is the body of OnCandle, on line 6.</summary>
    public static string InOnCandle(string snippet) => $$"""
        using Velocitas.Strategies;
        public sealed class Escape : Strategy
        {
            protected override void OnCandle(Candle candle)
            {
                {{snippet}}
            }
        }
        """;

    /// <summary>The snippet is a member of the class, on line 6.</summary>
    public static string AsMember(string snippet) => $$"""
        using Velocitas.Strategies;
        public sealed class Escape : Strategy
        {
            protected override void OnCandle(Candle candle) { }

            {{snippet}}
        }
        """;

    /// <summary>The example, as a user writes it.</summary>
    public const string SmaCross = """
        using Velocitas.Strategies;

        public sealed class SmaCross : Strategy
        {
            [Parameter(2, 200)] public int Fast { get; set; } = 10;     // parameter "fast": min 2, max 200, default 10
            [Parameter(3, 500)] public int Slow { get; set; } = 30;

            private Series _fast = null!, _slow = null!;

            protected override void OnStart()                            // once, before the first candle
            {
                _fast = Sma(Fast);
                _slow = Sma(Slow);
            }

            protected override void OnCandle(Candle candle)              // at each closed candle
            {
                if (_fast.CrossedAbove(_slow)) Buy();                    // flat: all-in market buy at the next open
                else if (_fast.CrossedBelow(_slow)) Sell();              // long: close the position at the next open
            }
        }
        """;

    public static Candle[] Synthetic(int count, int seed) =>
        SyntheticMarket.Generate(seed, 100, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), Timeframe.OneHour, count);

    public static CompiledStrategy CompileOrFail(string source, string file = "Test.cs")
    {
        var result = StrategyCompiler.Compile(source, file);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Strategy!;
    }
}
