using System.Globalization;

namespace Velocitas.Web.Cli;

/// <summary>A usage error: the command line itself is wrong (exit code 2).</summary>
public sealed class CliUsageException(string message) : Exception(message);

/// <summary>
/// Options of a CLI verb: <c>--name value</c>, <c>--name=value</c>, repeatable options and flags. Unknown
/// options are errors that list the valid ones.
/// </summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _flags = new(StringComparer.OrdinalIgnoreCase);

    private CliArguments(string verb) => Verb = verb;

    /// <summary>The verb (backtest, indicators, ...).</summary>
    public string Verb { get; }

    /// <summary>Parses <paramref name="args"/> (after the verb) against the allowed options and flags.</summary>
    public static CliArguments Parse(string verb, IReadOnlyList<string> args, IReadOnlyCollection<string> options, IReadOnlyCollection<string> flags)
    {
        var result = new CliArguments(verb);
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal) || a.Length < 3)
                throw new CliUsageException($"{verb}: unexpected argument '{a}'; options start with --. {Usage(options, flags)}");
            string name = a[2..];
            string? inline = null;
            int eq = name.IndexOf('=');
            if (eq > 0) (name, inline) = (name[..eq], name[(eq + 1)..]);

            if (flags.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                if (inline is not null) throw new CliUsageException($"{verb}: --{name} is a flag and takes no value.");
                result._flags.Add(name);
                continue;
            }
            if (!options.Contains(name, StringComparer.OrdinalIgnoreCase))
                throw new CliUsageException($"{verb}: unknown option --{name}. {Usage(options, flags)}");
            string? value = inline;
            if (value is null)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    throw new CliUsageException($"{verb}: --{name} needs a value.");
                value = args[++i];
            }
            if (!result._values.TryGetValue(name, out var list)) result._values[name] = list = [];
            list.Add(value);
        }
        return result;
    }

    /// <summary>True when the flag was given.</summary>
    public bool Flag(string name) => _flags.Contains(name);

    /// <summary>Every value given for a repeatable option.</summary>
    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var v) ? v : [];

    /// <summary>The single value of an option, or null.</summary>
    public string? Optional(string name)
    {
        var all = All(name);
        if (all.Count > 1) throw new CliUsageException($"{Verb}: --{name} was given {all.Count} times; give it once.");
        return all.Count == 1 ? all[0] : null;
    }

    /// <summary>The single value of a required option.</summary>
    public string Required(string name, string what) =>
        Optional(name) ?? throw new CliUsageException($"{Verb}: --{name} is required ({what}).");

    /// <summary>An optional decimal option.</summary>
    public decimal? Decimal(string name)
    {
        string? v = Optional(name);
        if (v is null) return null;
        return decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal d)
            ? d
            : throw new CliUsageException($"{Verb}: --{name} expects a number, got '{v}'.");
    }

    /// <summary>An optional double option.</summary>
    public double? Double(string name)
    {
        string? v = Optional(name);
        if (v is null) return null;
        return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d)
            ? d
            : throw new CliUsageException($"{Verb}: --{name} expects a number, got '{v}'.");
    }

    /// <summary>An optional integer option.</summary>
    public int? Int(string name)
    {
        string? v = Optional(name);
        if (v is null) return null;
        return int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int d)
            ? d
            : throw new CliUsageException($"{Verb}: --{name} expects a whole number, got '{v}'.");
    }

    /// <summary>name=value pairs of a repeatable option such as --param.</summary>
    public Dictionary<string, double> Pairs(string name)
    {
        var result = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (string pair in All(name))
        {
            int eq = pair.IndexOf('=');
            if (eq <= 0) throw new CliUsageException($"{Verb}: --{name} expects name=value, got '{pair}'.");
            string key = pair[..eq].Trim(), raw = pair[(eq + 1)..].Trim();
            if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                throw new CliUsageException($"{Verb}: --{name} {key} expects a number, got '{raw}'.");
            result[key] = value;
        }
        return result;
    }

    private static string Usage(IReadOnlyCollection<string> options, IReadOnlyCollection<string> flags) =>
        $"Valid options: {string.Join(", ", options.Select(o => "--" + o).Concat(flags.Select(f => "--" + f)))}.";
}
