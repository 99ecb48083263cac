using System.Collections;
using System.Globalization;

namespace Velocitas.Engine.Strategies;

/// <summary>
/// Immutable parameter values by name, ordered as the strategy declares them. Equality is by value, so a
/// set can key a dictionary (optimisation results, shared indicator series).
/// </summary>
public sealed class ParameterSet : IReadOnlyDictionary<string, double>, IEquatable<ParameterSet>
{
    private readonly KeyValuePair<string, double>[] _values;

    /// <summary>Creates a set from name/value pairs, keeping their order.</summary>
    public ParameterSet(IEnumerable<KeyValuePair<string, double>> values)
    {
        _values = values.ToArray();
    }

    /// <summary>An empty set.</summary>
    public static ParameterSet Empty { get; } = new([]);

    /// <summary>A parameter as an integer (for periods).</summary>
    public int Int(string name) => (int)this[name];

    /// <summary>A parameter as a double.</summary>
    public double Real(string name) => this[name];

    /// <inheritdoc />
    public double this[string key] => TryGetValue(key, out double v)
        ? v
        : throw new KeyNotFoundException($"Parameter '{key}' is not in this set ({this}).");

    /// <inheritdoc />
    public IEnumerable<string> Keys => _values.Select(kv => kv.Key);

    /// <inheritdoc />
    public IEnumerable<double> Values => _values.Select(kv => kv.Value);

    /// <inheritdoc />
    public int Count => _values.Length;

    /// <inheritdoc />
    public bool ContainsKey(string key) => TryGetValue(key, out _);

    /// <inheritdoc />
    public bool TryGetValue(string key, out double value)
    {
        foreach (var kv in _values)
        {
            if (string.Equals(kv.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                value = kv.Value;
                return true;
            }
        }
        value = 0;
        return false;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, double>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, double>>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>"fast=10, slow=30".</summary>
    public override string ToString() =>
        string.Join(", ", _values.Select(kv => $"{kv.Key}={kv.Value.ToString("0.########", CultureInfo.InvariantCulture)}"));

    /// <inheritdoc />
    public bool Equals(ParameterSet? other)
    {
        if (other is null || other.Count != Count) return false;
        foreach (var kv in _values)
        {
            if (!other.TryGetValue(kv.Key, out double v) || v != kv.Value) return false;
        }
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ParameterSet);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        int h = 0;
        foreach (var kv in _values) h ^= HashCode.Combine(kv.Key.ToLowerInvariant(), kv.Value);
        return h;
    }
}
