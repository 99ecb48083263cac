using System.Globalization;

namespace Velocitas.Web.Api.Hardening;

/// <summary>Reads query values under any of their spellings (snake_case, camelCase); a malformed number is a 400 naming the key.</summary>
public sealed class QueryReader(IQueryCollection query)
{
    private readonly IQueryCollection _query = query;

    /// <summary>The first non-empty value among <paramref name="names"/>.</summary>
    public string? Text(params string[] names) =>
        names.Select(n => _query[n].FirstOrDefault()).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>A comma-separated list.</summary>
    public List<string> List(params string[] names) =>
        (Text(names) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>A whole number, or null when absent.</summary>
    public int? Int(params string[] names)
    {
        string? text = Text(names);
        if (text is null) return null;
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v)
            ? v
            : throw new ApiFieldException(names[0], $"{names[0]} must be a whole number between {int.MinValue:N0} and {int.MaxValue:N0}, got '{Shorten(text)}'.");
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}

/// <summary>A request value that is wrong, named by its field; answered as a 400 problem detail.</summary>
public sealed class ApiFieldException(string field, string message) : Exception(message)
{
    /// <summary>The field at fault, as the client wrote it.</summary>
    public string Field { get; } = field;
}

/// <summary>Checks shared by request records.</summary>
public static class Numbers
{
    /// <summary>Every value of a parameter dictionary must be finite and of a sane size.</summary>
    public static IEnumerable<System.ComponentModel.DataAnnotations.ValidationResult> Finite(IReadOnlyDictionary<string, double>? values, string field)
    {
        if (values is null) yield break;
        foreach (var (name, v) in values)
        {
            if (name.Length > 64) yield return new($"{field} has a name of {name.Length} characters; names are at most 64.", [field]);
            else if (!double.IsFinite(v) || Math.Abs(v) > 1e9) yield return new($"{name} must be a finite number within ±1,000,000,000, got {v}.", [$"{field}.{name}"]);
        }
    }
}
