using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Velocitas.Web.Api.Hardening;

namespace Velocitas.Web.Api.Contracts;

/// <summary>Body of POST /api/optimization/backtest: backtest (fixed values) or optimise (ranges, lists).</summary>
public sealed record OptimizationRequestBody : IOriginalApiRequest, IValidatableObject, IExecutionOverrides
{
    /// <summary>One dataset.</summary>
    [Range(1, int.MaxValue)]
    public int? DatasetId { get; init; }

    /// <summary>Several datasets (coins).</summary>
    [MaxLength(100)]
    public List<int>? DatasetIds { get; init; }

    /// <summary>A CSV file inside the data folder, imported first.</summary>
    [StringLength(1024)]
    public string? CsvPath { get; init; }

    /// <summary>Strategies and their parameter ranges.</summary>
    [Required, MinLength(1), MaxLength(20), JsonAlias("strategies")]
    public List<StrategyConfigRequest>? StrategyConfigs { get; init; }

    /// <summary>sharpe, sortino, return, cagr, calmar, profit_factor, sqn or expectancy.</summary>
    [StringLength(32)]
    public string? Objective { get; init; }

    /// <summary>Runs with fewer trades are not ranked.</summary>
    [Range(0, 1_000_000)]
    public int? MinTrades { get; init; }

    /// <summary>Out-of-sample share (0–0.8).</summary>
    [Range(0.0, 0.8), JsonAlias("out_of_sample")]
    public double? Oos { get; init; }

    /// <summary>Walk-forward windows (0–20).</summary>
    [Range(0, 20)]
    public int? WalkForward { get; init; }

    /// <summary>Random search budget per (coin, strategy); 0 = whole grid.</summary>
    [Range(0, 2_000_000), JsonAlias("random")]
    public int? RandomBudget { get; init; }

    /// <summary>Seed of the random search.</summary>
    public int? Seed { get; init; }

    /// <summary>Name of the saved run.</summary>
    [StringLength(200)]
    public string? Name { get; init; }

    /// <summary>Starting cash.</summary>
    [Range(0.01, 1e12), JsonAlias("cash")]
    public decimal? InitialCash { get; init; }

    /// <summary>Fee fraction per side.</summary>
    [Range(0.0, 0.5), JsonAlias("fee_rate")]
    public decimal? Fee { get; init; }

    /// <summary>Lot step.</summary>
    [Range(1e-12, 1e9)]
    public decimal? LotStep { get; init; }

    /// <summary>Slippage in basis points.</summary>
    [Range(0.0, 9999.0), JsonAlias("slippage")]
    public decimal? SlippageBps { get; init; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DatasetIds is not null)
            foreach (var (id, i) in DatasetIds.Select((id, i) => (id, i)))
                if (id <= 0) yield return new($"dataset_ids[{i}] must be a dataset id above 0, got {id}.", [$"dataset_ids[{i}]"]);
        if (CsvPath is { } path && path.Any(char.IsControl))
            yield return new("csv_path contains a control character (NUL, newline …); give a plain relative path inside the data folder.", ["csv_path"]);
        if (DatasetId is null && DatasetIds is null or { Count: 0 } && string.IsNullOrWhiteSpace(CsvPath))
            yield return new("Give dataset_id or dataset_ids (see GET /api/datasets), or upload a CSV first with POST /api/optimization/upload-csv.", ["dataset_id"]);
    }
}

/// <summary>A strategy and the values to try for its parameters.</summary>
public sealed record StrategyConfigRequest : IOriginalApiRequest
{
    /// <summary>Strategy id or original name.</summary>
    [Required, StringLength(64), JsonAlias("strategy", "name")]
    public string? StrategyName { get; init; }

    /// <summary>Per parameter: a number, a list [a, b], "min:max:step", "a,b,c" or {"min", "max", "step"}.</summary>
    [MaxLength(32), JsonAlias("parameters", "ranges")]
    public Dictionary<string, ParameterValues>? Params { get; init; }
}

/// <summary>The values to try for one parameter, as the ranges syntax ("5:50:5" or "10,20,30").</summary>
[JsonConverter(typeof(ParameterValuesConverter))]
public sealed record ParameterValues(string Text);

/// <summary>Reads a number, a list of numbers, a range string or a {min, max, step} object.</summary>
public sealed class ParameterValuesConverter : JsonConverter<ParameterValues>
{
    private const string Expected = "a number, a list of numbers, \"min:max:step\" or {\"min\": …, \"max\": …, \"step\": …}";

    /// <inheritdoc />
    public override ParameterValues Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return new(Number(ref reader));
            case JsonTokenType.String:
                string text = reader.GetString()!;
                if (text.Length > 400) throw new JsonException($"The range is {text.Length} characters long; at most 400 are accepted.");
                return new(text);
            case JsonTokenType.StartArray:
                var values = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.Number) throw new JsonException($"A list of values must hold numbers only; expected {Expected}.");
                    if (values.Count == 1000) throw new JsonException("A list of values holds at most 1,000 numbers.");
                    values.Add(Number(ref reader));
                }
                if (values.Count == 0) throw new JsonException("A list of values cannot be empty.");
                return new(string.Join(",", values));
            case JsonTokenType.StartObject:
                double? min = null, max = null, step = null;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    string name = reader.GetString()!.ToLowerInvariant();
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Number) throw new JsonException($"'{name}' must be a number; expected {Expected}.");
                    double v = reader.GetDouble();
                    if (!double.IsFinite(v)) throw new JsonException($"'{name}' must be a finite number.");
                    switch (name)
                    {
                        case "min": min = v; break;
                        case "max": max = v; break;
                        case "step": step = v; break;
                        default: throw new JsonException($"Unknown key '{name}'; expected {Expected}.");
                    }
                }
                if (min is null || max is null) throw new JsonException($"A range object needs min and max; expected {Expected}.");
                return new(string.Create(CultureInfo.InvariantCulture, $"{min}:{max}:{step ?? 1}"));
            default:
                throw new JsonException($"Expected {Expected}.");
        }
    }

    private static string Number(ref Utf8JsonReader reader)
    {
        if (!reader.TryGetDouble(out double v) || !double.IsFinite(v)) throw new JsonException("The value must be a finite number.");
        return v.ToString(CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ParameterValues value, JsonSerializerOptions options) => writer.WriteStringValue(value.Text);
}
