using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Velocitas.Data.Import;
using Velocitas.Engine.Backtesting;
using Velocitas.Engine.Indicators;
using Velocitas.Web.Cli;

namespace Velocitas.Web.Tests;

public class CliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("velocitas-cli-").FullName;

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

    [Fact]
    public async Task Backtest_json_is_one_object_with_the_documented_fields_and_the_engines_numbers()
    {
        string file = SharedData.Reference("GOOG.csv");
        var (code, output, err) = await Run("backtest", "--data", file, "--strategy", "sma-crossover", "--param", "fast=10", "--param", "slow=30", "--fee", "0.001", "--json");

        Assert.Equal(0, code);
        Assert.Equal("", err);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("sma-crossover", json.GetProperty("strategy").GetString());
        Assert.Equal(10, json.GetProperty("parameters").GetProperty("fast").GetDouble());
        Assert.Equal(2148, json.GetProperty("candles").GetInt32());
        var metrics = json.GetProperty("metrics");
        foreach (string name in new[] { "finalEquity", "totalReturnPct", "buyAndHoldReturnPct", "cagrPct", "maxDrawdownPct", "sharpe", "sortino", "calmar", "trades", "winRatePct", "profitFactor", "expectancy", "exposurePct", "feesPaid", "sqn" })
            Assert.True(metrics.TryGetProperty(name, out _), $"metrics.{name} missing");

        var expected = Backtester.Run(CandleFileParser.Parse(file).Candles, "sma-crossover", new Dictionary<string, double> { ["fast"] = 10, ["slow"] = 30 }, Velocitas.Engine.Execution.TradingDefaults.Execution with { FeeRate = 0.001m });
        Assert.Equal(expected.Metrics.FinalEquity, metrics.GetProperty("finalEquity").GetDecimal());
        Assert.Equal(expected.Metrics.Trades, metrics.GetProperty("trades").GetInt32());
        var trades = json.GetProperty("trades");
        Assert.Equal(expected.Trades.Count, trades.GetArrayLength());
        var t0 = trades[0];
        Assert.Equal(expected.Trades[0].EntryTime, DateTimeOffset.Parse(t0.GetProperty("entryTime").GetString()!, CultureInfo.InvariantCulture));
        Assert.EndsWith("Z", t0.GetProperty("entryTime").GetString());
        foreach (string name in new[] { "entryTime", "exitTime", "quantity", "entryPrice", "exitPrice", "pnl", "fees", "returnPct", "exitReason" })
            Assert.True(t0.TryGetProperty(name, out _), $"trades[0].{name} missing");
        Assert.Equal(2148, json.GetProperty("equity").GetArrayLength());
        Assert.Equal("2004-08-19T00:00:00Z", json.GetProperty("equity")[0].GetProperty("time").GetString());
        Assert.Equal(expected.Trades[^1].ExitReason.ToString() == "EndOfData" ? "end-of-data" : "signal", trades[trades.GetArrayLength() - 1].GetProperty("exitReason").GetString());
    }

    [Fact]
    public async Task Backtest_without_json_prints_a_readable_summary_and_save_stores_it_in_history()
    {
        var (code, output, _) = await Run("backtest", "--data", SharedData.Real("Binance_BTCUSDT_d.csv"), "--strategy", "donchian", "--lot-step", "0.001", "--save");

        Assert.Equal(0, code);
        Assert.Contains("donchian (entry=20, exit=10) on BTCUSDT", output);
        Assert.Contains("Final equity", output);
        Assert.Contains("Max drawdown", output);
        Assert.Matches(@"Saved as backtest #\d+", output);
    }

    [Fact]
    public async Task Indicators_prints_csv_with_the_documented_header_and_empty_warm_up_cells()
    {
        string file = SharedData.Reference("GOOG.csv");
        var (code, output, _) = await Run("indicators", "--data", file);

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal("time,sma20,ema20,rsi14,macd,macd_signal,macd_hist,bb_upper,bb_middle,bb_lower,bb_percent_b,atr14,adx14,plus_di14,minus_di14,stoch_k,stoch_d", lines[0]);
        Assert.Equal(2149, lines.Length);
        Assert.Equal("2004-08-19T00:00:00Z,,,,,,,,,,,,,,,,", lines[1]);
        // row 20 (index 19) has the first SMA(20); compare every cell of the last row with the engine
        var candles = CandleFileParser.Parse(file).Candles;
        var panel = new IndicatorPanel();
        foreach (var c in candles) panel.Update(c);
        var values = new double?[IndicatorPanel.Columns.Length];
        panel.Values(values);
        var cells = lines[^1].Split(',');
        for (int i = 0; i < values.Length; i++)
            Assert.Equal(values[i]!.Value, double.Parse(cells[i + 1], CultureInfo.InvariantCulture));
        Assert.NotEqual("", lines[20].Split(',')[1]);
        Assert.Equal("", lines[19].Split(',')[1]);
    }

    [Fact]
    public async Task Import_json_reports_what_it_did()
    {
        var (code, output, _) = await Run("import", "--data", SharedData.Real("Binance_BTCUSDT_1h.csv"), "--name", "BTC hourly", "--json");

        Assert.Equal(0, code);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("cryptodatadownload", json.GetProperty("format").GetString());
        Assert.Equal("1h", json.GetProperty("timeframe").GetString());
        Assert.Equal(36062, json.GetProperty("rowsRead").GetInt32());
        Assert.Equal(33413, json.GetProperty("rowsImported").GetInt32());
        Assert.Equal(2649, json.GetProperty("duplicatesDropped").GetInt32());
        Assert.Equal(0, json.GetProperty("rowsRejected").GetArrayLength());
        Assert.Equal(8, json.GetProperty("gaps").GetArrayLength());
        Assert.Equal("2017-09-22T19:00:00Z", json.GetProperty("gaps")[0].GetProperty("from").GetString());
        Assert.Equal("2017-08-17T04:00:00Z", json.GetProperty("first").GetString());
        Assert.Equal("2021-06-10T00:00:00Z", json.GetProperty("last").GetString());
        Assert.Equal(4, json.GetProperty("datasetId").GetInt32());
    }

    [Theory]
    [InlineData(1, "error: /nonexistent/file.csv: file not found.", "backtest", "--data", "/nonexistent/file.csv", "--strategy", "rsi")]
    [InlineData(1, "error: unknown strategy 'turtle'; available: sma-crossover, momentum, rsi, macd, bollinger, donchian.", "backtest", "--data", "GOOG", "--strategy", "turtle")]
    [InlineData(1, "error: Invalid parameters for sma-crossover: fast (40) must be less than slow (30).", "backtest", "--data", "GOOG", "--strategy", "sma-crossover", "--param", "fast=40")]
    [InlineData(2, "error: backtest: --param expects name=value, got 'fast'.", "backtest", "--data", "GOOG", "--strategy", "sma-crossover", "--param", "fast")]
    [InlineData(2, "error: backtest: --cash expects a number, got 'lots'.", "backtest", "--data", "GOOG", "--strategy", "rsi", "--cash", "lots")]
    [InlineData(1, "error: --fee: fee must be a fraction between 0 and 1, e.g. 0.001 for 0.1 % (was 5).", "backtest", "--data", "GOOG", "--strategy", "rsi", "--fee", "5")]
    [InlineData(2, "error: backtest: --strategy is required", "backtest", "--data", "GOOG")]
    [InlineData(2, "error: backtest: unknown option --speed.", "backtest", "--speed", "1")]
    [InlineData(2, "error: optimize: --strategy is required", "optimize", "--data", "GOOG")]
    [InlineData(1, "error: unknown strategy 'ichimoku'", "optimize", "--data", "GOOG", "--strategy", "ichimoku")]
    [InlineData(1, "error: --range fast=5:50:5: none of rsi has a parameter 'fast'.", "optimize", "--data", "GOOG", "--strategy", "rsi", "--range", "fast=5:50:5")]
    [InlineData(1, "error: --objective: 'luck' is not one of", "optimize", "--data", "GOOG", "--strategy", "rsi", "--objective", "luck")]
    public async Task Bad_input_exits_non_zero_with_one_clear_line(int expectedCode, string message, params string[] args)
    {
        args = args.Select(a => a == "GOOG" ? SharedData.Reference("GOOG.csv") : a).ToArray();
        var (code, output, err) = await Run(args);

        Assert.Equal(expectedCode, code);
        Assert.Equal("", output);
        Assert.StartsWith(message, err);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task An_unparsable_row_names_the_file_and_line()
    {
        string path = Path.Combine(_folder, "bad.csv");
        await File.WriteAllTextAsync(path, "Date,Open,High,Low,Close,Volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-02,1,2,0.5,oops,10\n2024-01-03,1,2,0.5,1.5,10\n");
        var (code, _, err) = await Run("backtest", "--data", path, "--strategy", "rsi");

        Assert.Equal(1, code);
        Assert.Equal($"error: {path}:3: Close 'oops' is not a number.", err.Trim());
    }

    [Fact]
    public async Task Optimize_json_has_one_object_per_combination_with_backtest_metrics_and_the_ranking()
    {
        string file = SharedData.Reference("GOOG.csv");
        var (code, output, err) = await Run("optimize", "--data", file, "--strategy", "sma-crossover", "--range", "fast=5:15:5", "--range", "slow=20,40",
            "--strategy", "rsi", "--range", "rsi.period=7,14", "--range", "oversold=30", "--range", "overbought=70", "--min-trades", "1", "--walk-forward", "2", "--json", "--save");

        Assert.Equal(0, code);
        Assert.Equal("", err);
        var json = JsonDocument.Parse(output).RootElement;
        var combos = json.GetProperty("combinations");
        Assert.Equal(3 * 2 + 2, combos.GetArrayLength());
        Assert.Equal(8, json.GetProperty("total").GetInt32());

        // the same metric names as backtest --json, and the same numbers as a backtest of that combination
        var one = combos.EnumerateArray().Single(c => c.GetProperty("strategy").GetString() == "sma-crossover" && c.GetProperty("parameters").GetProperty("fast").GetDouble() == 10 && c.GetProperty("parameters").GetProperty("slow").GetDouble() == 40);
        var (_, single, _) = await Run("backtest", "--data", file, "--strategy", "sma-crossover", "--param", "fast=10", "--param", "slow=40", "--json");
        var expected = JsonDocument.Parse(single).RootElement.GetProperty("metrics");
        foreach (var metric in expected.EnumerateObject())
            Assert.Equal(metric.Value.ToString(), one.GetProperty("metrics").GetProperty(metric.Name).ToString());
        Assert.Equal(2, one.GetProperty("walkForward").GetArrayLength());

        var ranking = json.GetProperty("ranking").EnumerateArray().Select(e => e.GetInt32()).ToList();
        Assert.Equal(ranking[0], json.GetProperty("best").GetInt32());
        var byIndex = combos.EnumerateArray().ToDictionary(c => c.GetProperty("index").GetInt32());
        Assert.Equal(Enumerable.Range(1, ranking.Count), ranking.Select(i => byIndex[i].GetProperty("rank").GetInt32()));
        var objectives = ranking.Select(i => byIndex[i].GetProperty("objective").GetDouble()).ToList();
        Assert.Equal(objectives.OrderDescending(), objectives);
        Assert.Equal(2, json.GetProperty("walkForwardProcesses").GetArrayLength());
        Assert.NotEmpty(json.GetProperty("recommendations").EnumerateArray());

        int savedId = json.GetProperty("savedId").GetInt32();
        var (listCode, list, _) = await Run("optimize", "--data", file, "--strategy", "momentum", "--range", "lookback=10,20", "--range", "threshold=1");
        Assert.Equal(0, listCode);
        Assert.Contains("2 combinations on 1 dataset(s)", list);
        Assert.True(savedId > 0);
    }

    [Fact]
    public async Task Trend_json_gives_each_coins_regime_evidence_and_suggestions()
    {
        string btc = SharedData.Real("Binance_BTCUSDT_d.csv"), goog = SharedData.Reference("GOOG.csv");
        var (code, output, err) = await Run("trend", "--data", btc, "--data", goog, "--json");

        Assert.Equal(0, code);
        Assert.Equal("", err);
        var coins = JsonDocument.Parse(output).RootElement.GetProperty("coins");
        Assert.Equal(2, coins.GetArrayLength());
        var g = coins[1];
        Assert.Equal("GOOG", g.GetProperty("symbol").GetString());
        var direct = Velocitas.Engine.Trend.TrendAnalyzer.Analyze(CandleFileParser.Parse(goog).Candles, "GOOG", Velocitas.Engine.Market.Timeframe.OneDay, execution: Velocitas.Web.Services.TrendService.DefaultExecution);
        Assert.Equal(direct.Current.Confidence, g.GetProperty("confidence").GetDouble());
        Assert.Equal(direct.CurrentCandles, g.GetProperty("currentCandles").GetInt32());
        foreach (string name in new[] { "regime", "since", "rsi", "adx", "volatilityPct", "volatilityPercentile", "rule", "evidence", "evidenceItems", "suggestions", "stats", "segments" })
            Assert.True(g.TryGetProperty(name, out _), $"{name} missing");
        Assert.Equal(direct.Suggestions[0].Text, g.GetProperty("suggestions")[0].GetProperty("text").GetString());

        var (textCode, text, _) = await Run("trend", "--data", goog);
        Assert.Equal(0, textCode);
        Assert.Contains("GOOG", text);
        Assert.Contains("Trend strength (ADX)", text);
    }
}
