using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Velocitas.Web.Api.Hardening;

/// <summary>Other names a request property is accepted under (the original service's spellings).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class JsonAliasAttribute(params string[] names) : Attribute
{
    /// <summary>The extra names.</summary>
    public IReadOnlyList<string> Names { get; } = names;
}

/// <summary>
/// Lets the API's request records be read in camelCase <em>and</em> the original service's snake_case, plus any
/// <see cref="JsonAliasAttribute"/> names: each alias is a write-only property that sets the same member.
/// Applies only to types marked <see cref="IApiRequest"/>, so stored data and answers are untouched.
/// </summary>
public static class JsonAliases
{
    /// <summary>The type-info modifier to add to the API's serializer options.</summary>
    public static void Modifier(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || !typeof(IApiRequest).IsAssignableFrom(info.Type)) return;
        var taken = new HashSet<string>(info.Properties.Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
        foreach (var property in info.Properties.ToList())
        {
            if (property.Set is null) continue;
            var names = new List<string>();
            if (property.AttributeProvider is MemberInfo member)
            {
                names.Add(JsonNamingPolicy.SnakeCaseLower.ConvertName(member.Name));
                if (member.GetCustomAttribute<JsonAliasAttribute>() is { } alias) names.AddRange(alias.Names);
            }
            foreach (string name in names)
            {
                if (!taken.Add(name)) continue;
                var extra = info.CreateJsonPropertyInfo(property.PropertyType, name);
                extra.Set = property.Set;
                extra.CustomConverter = property.CustomConverter;
                extra.NumberHandling = property.NumberHandling;
                extra.AttributeProvider = property.AttributeProvider;
                info.Properties.Add(extra);
            }
        }
    }
}

/// <summary>A typed request body or query of the REST API: read with aliases, validated before the handler runs.</summary>
public interface IApiRequest;
