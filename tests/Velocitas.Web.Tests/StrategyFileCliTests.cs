using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Velocitas.Engine.Strategies;
using Velocitas.Web.Cli;

namespace Velocitas.Web.Tests;

public class StrategyFileCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("velocitas-cli-lab-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Velocitas:DataPath"] = _folder }).Build();
        var o = new StringWriter();
        var e = new StringWriter();
        int code = await CliApp.RunAsync(args, o, e, config);
        return (code, o.ToString(), e.ToString());
    }

    private string Write(string name, string source)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, source);
        return path;
    }

    [Fact]
    public async Task Backtest_of_a_strategy_file_gives_the_built_ins_numbers()
    {
        string goog = SharedData.Reference("GOOG.csv");
        string file = Write("MySma.cs", StrategyTemplates.Source("sma-crossover"));
        var (code, output, err) = await Run("backtest", "--data", goog, "--strategy-file", file, "--param", "fast=10", "--param", "slow=30", "--fee", "0.001", "--json");
        Assert.True(code == 0, err);
        var (_, builtIn, _) = await Run("backtest", "--data", goog, "--strategy", "sma-crossover", "--param", "fast=10", "--param", "slow=30", "--fee", "0.001", "--json");

        var mine = JsonDocument.Parse(output).RootElement;
        var theirs = JsonDocument.Parse(builtIn).RootElement;
        Assert.Equal("MySma", mine.GetProperty("strategy").GetString());
        Assert.Equal(theirs.GetProperty("metrics").ToString(), mine.GetProperty("metrics").ToString());
        Assert.Equal(theirs.GetProperty("trades").ToString(), mine.GetProperty("trades").ToString());
    }

    [Fact]
    public async Task Optimize_accepts_a_strategy_file_beside_a_built_in()
    {
        string goog = SharedData.Reference("GOOG.csv");
        string file = Write("MyRsi.cs", StrategyTemplates.Source("rsi"));
        var (code, output, err) = await Run("optimize", "--data", goog, "--strategy-file", file, "--strategy", "momentum",
            "--range", "MyRsi.period=7,14", "--range", "MyRsi.oversold=30", "--range", "MyRsi.overbought=70", "--range", "momentum.lookback=10,20", "--range", "momentum.threshold=2", "--json");
        Assert.True(code == 0, err);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(4, json.GetProperty("combinations").GetArrayLength());
        Assert.Equal(2, json.GetProperty("combinations").EnumerateArray().Count(c => c.GetProperty("strategy").GetString() == "MyRsi"));
    }

    [Fact]
    public async Task A_compile_or_sandbox_error_exits_1_with_file_line_column_and_message()
    {
        string file = Write("Sneaky.cs", StrategyTemplates.Source("sma-crossover").Replace("_fast = Sma(Fast);", "_fast = Sma(Fast); System.IO.File.Delete(\"x\");"));
        var (code, output, err) = await Run("backtest", "--data", SharedData.Reference("GOOG.csv"), "--strategy-file", file);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal("error: Sneaky.cs:19:28: System.IO.File is not available to strategies.", err.Trim());
    }

    [Fact]
    public async Task A_runaway_loop_in_a_strategy_file_exits_1_with_its_line()
    {
        string file = Write("Spin.cs", StrategyTemplates.Source("sma-crossover").Replace("if (_fast.CrossedAbove(_slow)) Buy();", "while (candle.Close > 0) { }").Replace("else if (_fast.CrossedBelow(_slow)) Sell();", ""));
        var (code, _, err) = await Run("backtest", "--data", SharedData.Reference("GOOG.csv"), "--strategy-file", file);
        Assert.Equal(1, code);
        Assert.StartsWith("error: Spin.cs:25: this loop ran longer than 1 s in one call", err.Trim());
    }

    [Fact]
    public async Task Backtest_needs_exactly_one_of_strategy_and_strategy_file()
    {
        string goog = SharedData.Reference("GOOG.csv");
        var (code, _, err) = await Run("backtest", "--data", goog, "--strategy", "rsi", "--strategy-file", Write("Two.cs", StrategyTemplates.Source("rsi")));
        Assert.Equal(2, code);
        Assert.Equal("error: backtest: give one strategy: --strategy id or --strategy-file file.cs, not both.", err.Trim());
    }
}
