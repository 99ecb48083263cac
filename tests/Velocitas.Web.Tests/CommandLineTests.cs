using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Velocitas.Data.Import;
using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Execution;
using Velocitas.Web.Cli;

namespace Velocitas.Web.Tests;

/// <summary>The command line as a .NET tool: help, version, suggestions, exit codes, and when the web app starts.</summary>
public class CommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("velocitas-cmdline-").FullName;
    private readonly List<string[]> _served = [];

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
        int code = await CliApp.RunAsync(args, o, e, config, serve: (hostArgs, _) =>
        {
            _served.Add(hostArgs);
            return Task.FromResult(0);
        });
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public async Task Help_lists_every_verb_and_does_not_start_the_web_app()
    {
        var (code, output, err) = await Run("--help");

        Assert.Equal(0, code);
        Assert.Equal("", err);
        foreach (string verb in new[] { "serve", "backtest", "optimize", "indicators", "import", "trend" })
            Assert.Matches($@"(?m)^\s+{verb}\s+\S", output);
        Assert.Contains("--version", output);
        Assert.Contains("Defaults shared with the pages and the REST API: cash 10000, fee 0.001 per side, slippage 0 bps, lot step 0.0001; "
            + "optimisation by sharpe, at least 5 trades, seed 42.", output);
        Assert.Empty(_served);
    }

    [Fact]
    public async Task Verb_help_describes_each_option_with_the_defaults_shared_with_the_pages_and_the_api()
    {
        var (code, output, _) = await Run("backtest", "--help");

        Assert.Equal(0, code);
        Assert.Matches(@"--fee <number>\s+Fee per side .*\[default: 0\.001\]", output);
        Assert.Matches(@"--lot-step <number>\s+.*\[default: 0\.0001\]", output);
        Assert.Matches(@"--cash <number>\s+.*\[default: 10000\]", output);
        Assert.Matches(@"--data <file\.csv> \(REQUIRED\)", output);
        Assert.Empty(_served);

        var (_, optimize, _) = await Run("optimize", "--help");
        Assert.Matches(@"--min-trades <n>\s+.*\[default: 5\]", optimize);
        Assert.Matches(@"--objective <objective>\s+.*\[default: sharpe\]", optimize);
    }

    [Fact]
    public void The_pages_the_api_and_the_optimiser_start_from_the_same_trading_defaults()
    {
        Assert.Equal(TradingDefaults.Execution, new Velocitas.Web.Components.UI.ExecutionModel().ToSettings());
        Assert.Equal(TradingDefaults.Execution, new Velocitas.Web.Services.OptimizationSetup { DatasetIds = [1], Strategies = new Dictionary<string, Dictionary<string, string>>() }.Settings);
        Assert.Equal(5, new Velocitas.Web.Services.OptimizationSetup { DatasetIds = [1], Strategies = new Dictionary<string, Dictionary<string, string>>() }.MinTrades);
        Assert.Equal(TradingDefaults.Execution, Velocitas.Web.Services.TrendService.DefaultExecution);
    }

    [Fact]
    public async Task Version_prints_the_tools_version()
    {
        var (code, output, err) = await Run("--version");

        Assert.Equal(0, code);
        Assert.Equal("", err);
        Assert.Matches(@"^\d+\.\d+\.\d+", output.Trim());
        Assert.Empty(_served);
    }

    [Theory]
    [InlineData("error: unknown command 'backtets'. Did you mean 'backtest'? See --help.", "backtets", "--data", "x.csv")]
    [InlineData("error: unknown command 'optimise'. Did you mean 'optimize'? See --help.", "optimise")]
    [InlineData("error: unknown option --hlep. Did you mean --help? See --help.", "--hlep")]
    [InlineData("error: backtest: unknown option --strategie. Did you mean --strategy? See backtest --help.", "backtest", "--data", "x.csv", "--strategie", "rsi")]
    [InlineData("error: optimize: unknown option --min-trade. Did you mean --min-trades? See optimize --help.", "optimize", "--min-trade", "3")]
    [InlineData("error: serve: unknown option --port. See serve --help.", "serve", "--port", "80")]
    [InlineData("error: indicators: unexpected argument 'GOOG.csv'; options start with --. See indicators --help.", "indicators", "GOOG.csv")]
    [InlineData("error: optimize: --walk-forward expects a whole number, got 'three'.", "optimize", "--data", "x.csv", "--strategy", "rsi", "--walk-forward", "three")]
    public async Task A_bad_command_line_exits_2_with_one_line_and_a_suggestion_and_never_starts_the_web_app(string expected, params string[] args)
    {
        var (code, output, err) = await Run(args);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal(expected, err.TrimEnd());
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(_served);
    }

    [Theory]
    [InlineData(new string[0], new string[0])]
    [InlineData(new[] { "serve" }, new string[0])]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5099" }, new[] { "--urls", "http://127.0.0.1:5099" })]
    [InlineData(new[] { "serve", "--urls", "http://127.0.0.1:5099", "--Velocitas:DataPath=/tmp/v" }, new[] { "--urls", "http://127.0.0.1:5099", "--Velocitas:DataPath=/tmp/v" })]
    [InlineData(new[] { "--Velocitas:DataPath", "/tmp/v", "--environment", "Production" }, new[] { "--Velocitas:DataPath", "/tmp/v", "--environment", "Production" })]
    public async Task The_web_app_starts_only_with_no_verb_or_serve_and_gets_the_host_arguments(string[] args, string[] hostArgs)
    {
        var (code, output, err) = await Run(args);

        Assert.Equal(0, code);
        Assert.Equal("", output + err);
        Assert.Equal(hostArgs, Assert.Single(_served));
    }

    [Fact]
    public async Task Backtest_without_cost_options_uses_the_shared_trading_defaults()
    {
        string file = SharedData.Real("Binance_BTCUSDT_d.csv");
        var (code, output, _) = await Run("backtest", "--data", file, "--strategy", "macd", "--json");

        Assert.Equal(0, code);
        var expected = Backtester.Run(CandleFileParser.Parse(file).Candles, "macd", null, TradingDefaults.Execution);
        var metrics = JsonDocument.Parse(output).RootElement.GetProperty("metrics");
        Assert.Equal(expected.Metrics.FinalEquity, metrics.GetProperty("finalEquity").GetDecimal());
        Assert.Equal(expected.Metrics.Trades, metrics.GetProperty("trades").GetInt32());
        Assert.Equal(0, expected.RejectedOrders);
        Assert.True(expected.Metrics.Trades > 10);
    }
}
