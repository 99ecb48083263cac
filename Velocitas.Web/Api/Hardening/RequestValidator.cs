using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velocitas.Web.Api.Hardening;

/// <summary>A request whose field names are reported in the original service's snake_case.</summary>
public interface IOriginalApiRequest : IApiRequest;

/// <summary>
/// The one validation step of the API: the data annotations on every <see cref="IApiRequest"/> (bounds of numbers,
/// lengths of strings and lists, required fields), nested requests included, then each request's own
/// <see cref="IValidatableObject"/> rules. Errors name the field as the client wrote it (settings.regression_period).
/// </summary>
public static class RequestValidator
{
    /// <summary>Every problem of <paramref name="request"/>, keyed by field.</summary>
    public static Dictionary<string, string[]> Validate(IApiRequest request)
    {
        var errors = new List<(string Field, string Message)>();
        Walk(request, "", request is IOriginalApiRequest, errors, depth: 0);
        return errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToArray());
    }

    private static void Walk(object request, string prefix, bool snake, List<(string, string)> errors, int depth)
    {
        if (depth > 8) return;
        foreach (var property in request.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetCustomAttribute<JsonIgnoreAttribute>() is not null) continue;
            string field = prefix + (property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? Name(property.Name, snake));
            object? value = property.GetValue(request);
            foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
            {
                if (!attribute.IsValid(value)) errors.Add((field, Message(attribute, field, value)));
            }
            switch (value)
            {
                case IApiRequest nested:
                    Walk(nested, field + ".", snake, errors, depth + 1);
                    break;
                case IDictionary dictionary:
                    foreach (DictionaryEntry entry in dictionary)
                        if (entry.Value is IApiRequest item) Walk(item, $"{field}.{entry.Key}.", snake, errors, depth + 1);
                    break;
                case IEnumerable list when value is not string:
                    int index = 0;
                    foreach (object? item in list)
                    {
                        if (item is IApiRequest r) Walk(r, $"{field}[{index}].", snake, errors, depth + 1);
                        index++;
                    }
                    break;
            }
        }
        if (request is IValidatableObject self)
        {
            foreach (var result in self.Validate(new ValidationContext(request)))
            {
                string member = result.MemberNames.FirstOrDefault() ?? "body";
                errors.Add((prefix + member, result.ErrorMessage ?? "is invalid."));
            }
        }
    }

    /// <summary>A property's name on the wire.</summary>
    public static string Name(string clrName, bool snake) =>
        snake ? JsonNamingPolicy.SnakeCaseLower.ConvertName(clrName) : JsonNamingPolicy.CamelCase.ConvertName(clrName);

    private static string Message(ValidationAttribute attribute, string field, object? value) => attribute switch
    {
        RequiredAttribute => $"{field} is required.",
        RangeAttribute r => $"{field} must be between {Format(r.Minimum)} and {Format(r.Maximum)}, got {Format(value)}.",
        StringLengthAttribute s => $"{field} must be at most {s.MaximumLength:N0} characters long (got {(value as string)?.Length:N0}).",
        MaxLengthAttribute m => $"{field} may hold at most {m.Length:N0} items (got {Count(value):N0}).",
        MinLengthAttribute m => $"{field} needs at least {m.Length:N0} item(s).",
        _ => attribute.ErrorMessage is { } text ? string.Format(CultureInfo.InvariantCulture, text, field) : attribute.FormatErrorMessage(field),
    };

    private static int Count(object? value) => value switch
    {
        ICollection c => c.Count,
        string s => s.Length,
        _ => 0,
    };

    private static string Format(object? value) => value switch
    {
        null => "nothing",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
