using System.CommandLine;
using System.CommandLine.Invocation;
using Velocitas.Data.Import;
using Velocitas.Engine.Strategies;
using Velocitas.Web.Extensions;

namespace Velocitas.Web.Cli;

/// <summary>
/// The command line of the one executable: with no verb (or <c>serve</c>) it starts the web app, otherwise it runs a
/// headless verb (<c>dotnet run --project Velocitas.Web -- backtest ...</c>). <c>--help</c> and <c>--version</c> work
/// for the tool and every verb. A bad command line prints one line (<c>error: backtest: unknown option --speed. Did you
/// mean --seed?</c>) to standard error and exits 2; bad input (file, strategy, parameter) exits 1; Ctrl+C exits 130.
/// </summary>
public static class CliApp
{
    /// <summary>Starts the web app with the host's own arguments (<c>--urls</c>, configuration overrides) until it stops.</summary>
    public delegate Task<int> ServeAsync(string[] hostArgs, CancellationToken ct);

    /// <summary>Parses <paramref name="args"/> and runs what they ask for; returns the process exit code.</summary>
    /// <param name="args">The process arguments.</param>
    /// <param name="stdout">Where results and help go.</param>
    /// <param name="stderr">Where errors (and progress on a terminal) go.</param>
    /// <param name="configuration">Configuration of the verbs that open the database; appsettings.json and the environment when null.</param>
    /// <param name="serve">Starts the web app; without it (tests) <c>serve</c> is reported as unavailable.</param>
    /// <param name="listenForCtrlC">True in the real process: Ctrl+C cancels a running verb (a second one ends the process).</param>
    /// <param name="progress">How long verbs show progress; none when null (the real process passes <see cref="CliProgress.ForStandardError"/>).</param>
    /// <param name="ct">Cancels a running verb.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, IConfiguration? configuration = null,
        ServeAsync? serve = null, bool listenForCtrlC = false, CliProgress? progress = null, CancellationToken ct = default)
    {
        var context = new CliContext(stdout, stderr, configuration is null ? DefaultConfiguration : () => configuration) { Progress = progress ?? CliProgress.None };
        var verbs = CliVerbs.All();
        var tree = CliCommandTree.Build(verbs);
        var parse = tree.Root.Parse(CliCommandTree.WithoutHostSettings(args), new ParserConfiguration { ResponseFileTokenReplacer = null });

        if (parse.Action is ParseErrorAction)
        {
            await stderr.WriteLineAsync($"error: {CliErrors.OneLine(parse)}");
            return 2;
        }
        var command = parse.CommandResult.Command;
        var verb = verbs.FirstOrDefault(v => v.Command == command);
        bool runsVerb = parse.Action == command.Action && verb is not null;
        bool serves = parse.Action == command.Action && CliCommandTree.IsServe(parse);
        if (!runsVerb && !serves)
        {
            // --help or --version
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, ct);
        }
        if (serves)
        {
            if (serve is null)
            {
                await stderr.WriteLineAsync("error: serve: the web app cannot be started from here.");
                return 1;
            }
            return await serve(CliCommandTree.HostArguments(args), ct);
        }

        using var interrupt = listenForCtrlC ? new CtrlC(ct) : null;
        var token = interrupt?.Token ?? ct;
        try
        {
            return await verb!.RunAsync(parse, context, token);
        }
        catch (CliUsageException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (ex is CsvImportException or StrategyParameterException or CliInputException)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("error: cancelled.");
            return 130;
        }
    }

    private static IConfiguration DefaultConfiguration() => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();

    /// <summary>The first Ctrl+C cancels the verb (it stops cleanly and keeps what finished); a second one ends the process.</summary>
    private sealed class CtrlC : IDisposable
    {
        private readonly CancellationTokenSource _cts;

        public CtrlC(CancellationToken outer)
        {
            _cts = CancellationTokenSource.CreateLinkedTokenSource(outer);
            Console.CancelKeyPress += OnCancel;
        }

        public CancellationToken Token => _cts.Token;

        private void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            if (_cts.IsCancellationRequested) return;
            e.Cancel = true;
            _cts.Cancel();
        }

        public void Dispose()
        {
            Console.CancelKeyPress -= OnCancel;
            _cts.Dispose();
        }
    }
}

/// <summary>Bad input (file, strategy, parameter): exit code 1.</summary>
public sealed class CliInputException(string message) : Exception(message);

/// <summary>A usage error found after parsing (e.g. one --symbol per --data): exit code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);

/// <summary>Where a verb writes and what configuration it reads.</summary>
public sealed class CliContext(TextWriter output, TextWriter error, Func<IConfiguration> configuration)
{
    private readonly Lazy<IConfiguration> _configuration = new(configuration);

    /// <summary>Where results go.</summary>
    public TextWriter Out { get; } = output;

    /// <summary>Where errors go.</summary>
    public TextWriter Error { get; } = error;

    /// <summary>
    /// appsettings.json and the environment, read when a verb first asks (to open the database, say): a backtest of a
    /// file never does, and does not pay for it.
    /// </summary>
    public IConfiguration Configuration => _configuration.Value;

    /// <summary>Progress of long work (a bar on a terminal, nothing when standard error is redirected).</summary>
    public CliProgress Progress { get; init; } = CliProgress.None;

    /// <summary>Builds the core services (database, stores) and initialises the database.</summary>
    public async Task<ServiceProvider> OpenServicesAsync()
    {
        var services = new ServiceCollection().AddSingleton(Configuration).AddVelocitasCore().BuildServiceProvider();
        await services.InitializeDatabaseAsync();
        return services;
    }
}
