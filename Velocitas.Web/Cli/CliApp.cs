using Velocitas.Data.Import;
using Velocitas.Engine.Strategies;
using Velocitas.Web.Extensions;

namespace Velocitas.Web.Cli;

/// <summary>
/// Headless verbs of the same executable as the web app (<c>dotnet run --project Velocitas.Web -- backtest ...</c>).
/// Errors print one line (<c>error: file:line: what</c>) to standard error and exit non-zero.
/// </summary>
public static class CliApp
{
    private static readonly Dictionary<string, Func<string[], CliContext, Task<int>>> Commands = new(StringComparer.OrdinalIgnoreCase)
    {
        ["backtest"] = BacktestCommand.RunAsync,
        ["indicators"] = IndicatorsCommand.RunAsync,
        ["import"] = ImportCommand.RunAsync,
        ["optimize"] = OptimizeCommand.RunAsync,
        ["trend"] = TrendCommand.RunAsync,
    };

    /// <summary>True when the first argument is a CLI verb (otherwise the web app starts).</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.ContainsKey(args[0]);

    /// <summary>Runs a verb; returns the process exit code (0 ok, 1 bad input, 2 bad command line).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, IConfiguration? configuration = null)
    {
        configuration ??= new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var context = new CliContext(stdout, stderr, configuration);
        try
        {
            return await Commands[args[0]](args[1..], context);
        }
        catch (CliUsageException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
        catch (CsvImportException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
        catch (StrategyParameterException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
        catch (CliInputException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("error: cancelled.");
            return 130;
        }
    }
}

/// <summary>Bad input (file, strategy, parameter): exit code 1.</summary>
public sealed class CliInputException(string message) : Exception(message);

/// <summary>Where a verb writes and what configuration it reads.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, IConfiguration Configuration)
{
    /// <summary>Builds the core services (database, stores) and initialises the database.</summary>
    public async Task<ServiceProvider> OpenServicesAsync()
    {
        var services = new ServiceCollection().AddSingleton(Configuration).AddVelocitasCore().BuildServiceProvider();
        await services.InitializeDatabaseAsync();
        return services;
    }
}
