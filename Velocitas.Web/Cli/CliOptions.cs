using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Velocitas.Engine.Strategies;

namespace Velocitas.Web.Cli;

/// <summary>
/// Options shared by several verbs, and option factories whose values parse with our own one-line errors
/// (<c>--cash expects a number, got 'lots'.</c>); <see cref="CliApp"/> prefixes them with the verb.
/// </summary>
internal static class CliOptions
{
    /// <summary>Every strategy id, comma separated.</summary>
    public static string StrategyIds => string.Join(", ", StrategyCatalog.All.Select(s => s.Id));

    /// <summary><c>--data file.csv</c>, once.</summary>
    public static Option<string> DataFile() => Required(new Option<string>("--data") { Description = "A CSV file of candles (any layout the importer reads).", HelpName = "file.csv" });

    /// <summary><c>--data a.csv [--data b.csv]...</c>, one or more.</summary>
    public static Option<string[]> DataFiles() => Required(new Option<string[]>("--data")
    {
        Description = "One or more CSV files of candles (repeat --data for each file).",
        HelpName = "file.csv",
        Arity = ArgumentArity.OneOrMore,
    });

    /// <summary><c>--json</c>.</summary>
    public static Option<bool> Json(string what) => new("--json") { Description = $"Print {what} as one JSON object instead of readable text." };

    /// <summary>A required option: <c>--help</c> marks it, and a missing one is reported as <c>--name is required: description</c>.</summary>
    public static T Required<T>(T option) where T : Option
    {
        option.Required = true;
        return option;
    }

    /// <summary>A decimal option with an optional default (shown by <c>--help</c>).</summary>
    public static Option<decimal> Decimal(string name, string description, decimal defaultValue) => new(name)
    {
        Description = description,
        HelpName = "number",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = r => Number(r, (string s, out decimal v) => decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v), "a number"),
    };

    /// <summary>A decimal option without a default.</summary>
    public static Option<decimal?> OptionalDecimal(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "number",
        CustomParser = r => Number(r, (string s, out decimal? v) =>
        {
            bool ok = decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal d);
            v = d;
            return ok;
        }, "a number"),
    };

    /// <summary>A finite double option.</summary>
    public static Option<double> Double(string name, string description, double defaultValue) => new(name)
    {
        Description = description,
        HelpName = "number",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = r => Number(r, (string s, out double v) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v), "a number"),
    };

    /// <summary>A whole-number option.</summary>
    public static Option<int> Int(string name, string description, int defaultValue) => new(name)
    {
        Description = description,
        HelpName = "n",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = r => Number(r, (string s, out int v) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out v), "a whole number"),
    };

    /// <summary>Repeatable <c>name=value</c> pairs with numeric values (<c>--param fast=10 --param slow=30</c>).</summary>
    public static Option<Dictionary<string, double>> Pairs(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "name=value",
        Arity = ArgumentArity.ZeroOrMore,
        DefaultValueFactory = _ => new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase),
        CustomParser = r =>
        {
            var result = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            foreach (var token in r.Tokens)
            {
                string pair = token.Value;
                int eq = pair.IndexOf('=');
                if (eq <= 0)
                {
                    r.AddError($"{OptionName(r)} expects name=value, got '{pair}'.");
                    return result;
                }
                string key = pair[..eq].Trim(), raw = pair[(eq + 1)..].Trim();
                if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                {
                    r.AddError($"{OptionName(r)} {key} expects a number, got '{raw}'.");
                    return result;
                }
                result[key] = value;
            }
            return result;
        },
    };

    private delegate bool TryParse<T>(string text, out T value);

    private static T Number<T>(ArgumentResult r, TryParse<T> parse, string expects)
    {
        string text = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
        if (parse(text, out T value)) return value;
        r.AddError($"{OptionName(r)} expects {expects}, got '{text}'.");
        return default!;
    }

    private static string OptionName(ArgumentResult r) => r.Parent is OptionResult o ? o.Option.Name : r.Argument.Name;
}
