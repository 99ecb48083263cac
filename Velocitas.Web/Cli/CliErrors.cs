using System.CommandLine;
using System.CommandLine.Parsing;

namespace Velocitas.Web.Cli;

/// <summary>
/// Turns a command line that did not parse into one line: what is wrong, where, and the nearest valid verb or
/// option when something was misspelt (<c>backtest: unknown option --strategie. Did you mean --strategy?</c>).
/// </summary>
internal static class CliErrors
{
    /// <summary>The one line (without <c>error: </c>) for the first problem of <paramref name="parse"/>.</summary>
    public static string OneLine(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        string prefix = command is RootCommand ? "" : $"{command.Name}: ";
        if (parse.UnmatchedTokens.Count > 0) return prefix + Unknown(command, parse.UnmatchedTokens[0]);
        // errors of an option's value (ours name the option), then missing required options, then anything else
        var valueError = parse.Errors.FirstOrDefault(e => e.SymbolResult is OptionResult { IdentifierToken: not null } or ArgumentResult { Parent: OptionResult { IdentifierToken: not null } });
        if (valueError is not null) return prefix + valueError.Message;
        var missing = command.Options.FirstOrDefault(o => o.Required && parse.GetResult(o) is not { Implicit: false });
        if (missing is not null) return prefix + $"{missing.Name} is required: {Lowercase(missing.Description)}";
        return prefix + (parse.Errors.Count > 0 ? parse.Errors[0].Message : "the command line could not be read.");
    }

    private static string Unknown(Command command, string token)
    {
        bool option = token.StartsWith('-');
        var candidates = option
            ? command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Append("--help").Append("--version")
            : command.Subcommands.Select(c => c.Name);
        string? suggestion = Suggestion.Nearest(token, candidates);
        string what = option ? $"unknown option {token}." : command.Subcommands.Count > 0 ? $"unknown command '{token}'." : $"unexpected argument '{token}'; options start with --.";
        string hint = suggestion is null ? "" : option ? $" Did you mean {suggestion}?" : $" Did you mean '{suggestion}'?";
        string help = command is RootCommand ? "--help" : $"{command.Name} --help";
        return $"{what}{hint} See {help}.";
    }

    private static string Lowercase(string? text) =>
        string.IsNullOrEmpty(text) ? "" : char.ToLowerInvariant(text[0]) + text[1..];
}

/// <summary>The nearest valid word to a misspelt one (Damerau–Levenshtein distance, at most a third of its length).</summary>
internal static class Suggestion
{
    /// <summary>The closest candidate, or null when none is close enough to be what was meant.</summary>
    public static string? Nearest(string typed, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string c in candidates.Distinct())
        {
            int d = Distance(typed.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance) (best, bestDistance) = (c, d);
        }
        int allowed = Math.Max(1, typed.TrimStart('-').Length / 3);
        return bestDistance <= allowed ? best : null;
    }

    /// <summary>Edits (insert, delete, substitute, swap two neighbours) between two words.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
