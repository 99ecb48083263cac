using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Spectre.Console.Testing;
using Velocitas.Web.Cli;

namespace Velocitas.Web.Tests;

/// <summary>Progress bars of long verbs: on a terminal only, nothing extra when redirected, and Ctrl+C keeps what finished.</summary>
public class CliProgressTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("velocitas-cli-progress-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private async Task<(int Code, string Out, string Err)> Run(CliProgress? progress, CancellationToken ct, params string[] args)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Velocitas:DataPath"] = _folder }).Build();
        var o = new StringWriter();
        var e = new StringWriter();
        int code = await CliApp.RunAsync(args, o, e, config, progress: progress, ct: ct);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public async Task Cancelling_an_optimisation_prints_the_combinations_that_finished_ranked_and_exits_130()
    {
        using var cts = new CancellationTokenSource();
        var cancelMidway = new CancelWhenHalfwayStarted(cts, "Optimising");
        // 19 × 196 = 3,724 SMA combinations on 2,148 candles: millions of candle evaluations, far more than one progress interval
        var (code, output, err) = await Run(cancelMidway, cts.Token, "optimize", "--data", SharedData.Reference("GOOG.csv"), "--strategy", "sma-crossover",
            "--range", "fast=2:20:1", "--range", "slow=21:216:1", "--min-trades", "1", "--json");

        Assert.Equal(130, code);
        var json = JsonDocument.Parse(output).RootElement;
        int completed = json.GetProperty("completed").GetInt32(), total = json.GetProperty("total").GetInt32();
        Assert.Equal(19 * 196, total);
        Assert.InRange(completed, 1, total - 1);
        Assert.Equal(completed, json.GetProperty("combinations").GetArrayLength());
        Assert.Equal(json.GetProperty("ranking")[0].GetInt32(), json.GetProperty("best").GetInt32());
        Assert.Equal($"cancelled: {completed:N0} of {total:N0} combinations finished; they are ranked above.", err.Trim());
    }

    [Fact]
    public async Task Cancelling_a_trend_analysis_exits_130_with_one_line_and_no_output()
    {
        using var cts = new CancellationTokenSource();
        var cancel = new CancelWhenHalfwayStarted(cts, "Analysing");
        var (code, output, err) = await Run(cancel, cts.Token, "trend", "--data", SharedData.Real("Binance_BTCUSDT_1h.csv"), "--data", SharedData.Reference("GOOG.csv"));

        Assert.Equal(130, code);
        Assert.Equal("", output);
        Assert.Equal("error: cancelled.", err.Trim());
    }

    [Fact]
    public async Task On_a_terminal_the_bar_goes_to_the_console_and_the_result_stays_on_standard_output()
    {
        var console = new TestConsole().Interactive();
        console.EmitAnsiSequences = true;
        var (code, output, err) = await Run(CliProgress.On(console, TimeProvider.System), CancellationToken.None,
            "optimize", "--data", SharedData.Reference("GOOG.csv"), "--strategy", "momentum", "--range", "lookback=10,20", "--range", "threshold=1", "--json");

        Assert.Equal(0, code);
        Assert.Equal("", err);
        Assert.Equal(2, JsonDocument.Parse(output).RootElement.GetProperty("completed").GetInt32());
        Assert.DoesNotContain("Optimising", output);
        Assert.DoesNotContain("\u001b[", output);
    }

    [Fact]
    public async Task Progress_reports_reach_the_bar_with_its_percentage()
    {
        var console = new TestConsole().Interactive();
        console.EmitAnsiSequences = true;
        var reported = new TaskCompletionSource();
        var seen = new TaskCompletionSource();
        var run = CliProgress.On(console, TimeProvider.System).RunAsync("Importing", async progress =>
        {
            progress.Report(0.5);
            reported.SetResult();
            await seen.Task;
            return 42;
        });
        await reported.Task;
        var deadline = Stopwatch.StartNew();
        while (!console.Output.Contains("50%") && deadline.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(20);
        seen.SetResult();

        Assert.Equal(42, await run);
        Assert.Contains("Importing", console.Output);
        Assert.Contains("50%", console.Output);
    }

    [Fact]
    public async Task The_real_process_with_redirected_output_prints_the_result_and_nothing_else()
    {
        var (code, output, err) = await RunProcess("optimize", "--data", SharedData.Reference("GOOG.csv"), "--strategy", "momentum",
            "--range", "lookback=10,20", "--range", "threshold=1", "--json");

        Assert.Equal(0, code);
        Assert.Equal("", err);
        Assert.Equal(2, JsonDocument.Parse(output).RootElement.GetProperty("completed").GetInt32());
        Assert.DoesNotContain("\u001b[", output);
    }

    [Fact]
    public async Task The_real_process_prints_help_or_an_error_instead_of_starting_the_web_server()
    {
        var (helpCode, help, helpErr) = await RunProcess("--help");
        Assert.Equal(0, helpCode);
        Assert.Contains("Commands:", help);
        Assert.DoesNotContain("Now listening", help + helpErr);

        var (typoCode, typoOut, typoErr) = await RunProcess("backtets", "--data", "x.csv");
        Assert.Equal(2, typoCode);
        Assert.Equal("", typoOut);
        Assert.Equal("error: unknown command 'backtets'. Did you mean 'backtest'? See --help.", typoErr.Trim());
    }

    /// <summary>Runs the built Velocitas.Web.dll with redirected standard output and error.</summary>
    private async Task<(int Code, string Out, string Err)> RunProcess(params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Velocitas.Web.dll");
        var info = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _folder,
        };
        info.Environment["Velocitas__DataPath"] = _folder;
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', args)}' did not exit: the web server started? {await stdout}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>A progress sink that cancels the run once the named step has reported some but not all of its work.</summary>
    private sealed class CancelWhenHalfwayStarted(CancellationTokenSource cts, string step) : CliProgress
    {
        public override Task<T> RunAsync<T>(string description, Func<IProgress<double>, Task<T>> work) =>
            work(description.StartsWith(step, StringComparison.Ordinal) ? new Canceller(cts) : new Progress<double>());

        private sealed class Canceller(CancellationTokenSource cts) : IProgress<double>
        {
            public void Report(double value)
            {
                if (value > 0 && value < 1) cts.Cancel();
            }
        }
    }
}
