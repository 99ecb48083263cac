using System.CommandLine;

namespace Velocitas.Web.Cli;

/// <summary>
/// One headless verb of the command line (<c>backtest</c>, <c>optimize</c>, ...), one file each in this folder.
/// <para>
/// To add a verb (e.g. <c>download</c>): write <c>Cli/DownloadCommand.cs</c> with a class deriving from
/// <see cref="CliVerb"/>: pass the verb's name and one-line description to the base constructor, declare each option as a
/// field created with <see cref="Add{T}"/> (shared ones come from <see cref="CliOptions"/>: data files, <c>--json</c>,
/// numbers with their parse errors, required options; the cost settings from <see cref="ExecutionOptions"/>; defaults
/// from <c>TradingDefaults</c> / <c>OptimizationDefaults</c> so <c>--help</c> prints them), do the work in
/// <see cref="RunAsync"/>, then list it in <see cref="CliVerbs.All"/>. Parsing, <c>--help</c>, typo suggestions, exit
/// code 2 for a bad command line, one-line errors and Ctrl+C are handled by <see cref="CliApp"/> for every verb.
/// </para>
/// <para>
/// To add an option to existing verbs (e.g. <c>--strategy-file</c> on <c>backtest</c> and <c>optimize</c>): create it
/// once as a factory in <see cref="CliOptions"/>, add it as a field of each verb with <see cref="Add{T}"/> and read it in
/// that verb's <see cref="RunAsync"/> with <c>parse.GetValue(field)</c>.
/// </para>
/// </summary>
internal abstract class CliVerb
{
    protected CliVerb(string name, string description) => Command = new Command(name, description);

    /// <summary>The System.CommandLine command: name, description and options, as <c>--help</c> shows them.</summary>
    public Command Command { get; }

    /// <summary>Adds an option to this verb and returns it (keep it in a field to read its value).</summary>
    protected T Add<T>(T option) where T : Option
    {
        Command.Options.Add(option);
        return option;
    }

    /// <summary>Does the verb's work; returns the exit code (0 ok). Bad input throws <see cref="CliInputException"/>.</summary>
    public abstract Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken ct);
}

/// <summary>Every verb of the command line, in the order <c>--help</c> lists them.</summary>
internal static class CliVerbs
{
    /// <summary>A fresh set of verbs (System.CommandLine symbols belong to one command tree each).</summary>
    public static IReadOnlyList<CliVerb> All() =>
    [
        new BacktestCommand(),
        new OptimizeCommand(),
        new IndicatorsCommand(),
        new ImportCommand(),
        new TrendCommand(),
        new DownloadCommand(),
        new UpdateCommand(),
        new WorkerCommand(),
    ];
}
