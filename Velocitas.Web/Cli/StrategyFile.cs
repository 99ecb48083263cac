using System.CommandLine;
using Velocitas.Compiler;
using Velocitas.Engine.Strategies;
using Velocitas.Strategies.Hosting;

namespace Velocitas.Web.Cli;

/// <summary>
/// <c>--strategy-file MyStrategy.cs</c>: a user strategy compiled from a file for one run. Compile or sandbox errors end
/// the command with <c>error: MyStrategy.cs:LINE:COL: message</c> (exit 1); so does a failure of its code while it runs.
/// </summary>
internal static class StrategyFile
{
    /// <summary>The option (repeatable for optimize).</summary>
    public static Option<string[]> Option() => new("--strategy-file")
    {
        Description = "A C# strategy file (one public class deriving from Strategy, see the README's strategy API) to run besides or instead of --strategy.",
        HelpName = "file.cs",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Compiles <paramref name="path"/> into a catalogue entry whose id is the file's name without extension.</summary>
    public static StrategyDefinition Load(string path)
    {
        if (!File.Exists(path)) throw new CliInputException($"{path}: no such strategy file.");
        string file = Path.GetFileName(path);
        var result = StrategyCompiler.Compile(File.ReadAllText(path), file);
        if (result.Strategy is not { } compiled)
            throw new CliInputException(string.Join(Environment.NewLine + "error: ", result.Errors.Select(e => e.ToString())));
        string id = Path.GetFileNameWithoutExtension(path);
        return compiled.Define(id, compiled.ClassName, StrategyStyle.Custom, $"{compiled.ClassName} from {file}.");
    }

    /// <summary>Runs <paramref name="work"/>; a failure of a strategy file's code becomes <c>error: file.cs:LINE: message</c>.</summary>
    public static T Guard<T>(IReadOnlyDictionary<string, string> files, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception ex) when (Fault(ex) is { } fault && files.Count > 0)
        {
            string file = files.Values.First();
            string message = fault.Line is { } line && fault.Message.StartsWith($"line {line}: ", StringComparison.Ordinal)
                ? $"{file}:{line}: {fault.Message[$"line {line}: ".Length..]}"
                : $"{file}: {fault.Message}";
            throw new CliInputException(message);
        }
    }

    private static StrategyFaultException? Fault(Exception ex) => ex switch
    {
        StrategyFaultException f => f,
        AggregateException a => a.InnerExceptions.Select(Fault).FirstOrDefault(f => f is not null),
        _ => ex.InnerException is { } inner ? Fault(inner) : null,
    };
}
