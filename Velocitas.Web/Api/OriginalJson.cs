using System.Text.Json;
using System.Text.Json.Serialization;
using Velocitas.Data;

namespace Velocitas.Web.Api;

/// <summary>
/// The JSON of the original Python service's routes: snake_case keys. Input accepts snake_case and camelCase.
/// </summary>
public static class OriginalJson
{
    /// <summary>snake_case output options.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, DictionaryKeyPolicy = null };
        VelocitasJson.Apply(o);
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    /// <summary>A 200 response in snake_case.</summary>
    public static IResult Ok(object value) => Results.Json(value, Options);

    /// <summary>The first property present among <paramref name="names"/> (snake_case or camelCase spellings), ignoring case.</summary>
    public static JsonElement? Get(JsonElement body, params string[] names)
    {
        if (body.ValueKind != JsonValueKind.Object) return null;
        foreach (var p in body.EnumerateObject())
        {
            string key = p.Name.Replace("_", "");
            if (names.Any(n => string.Equals(n.Replace("_", ""), key, StringComparison.OrdinalIgnoreCase))) return p.Value;
        }
        return null;
    }
}
