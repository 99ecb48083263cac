using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Velocitas.Engine.Execution;
using Velocitas.Web.Api.Hardening;
using Velocitas.Web.Services;

namespace Velocitas.Web.Api.Contracts;

/// <summary>Body of PATCH /api/datasets/{id}.</summary>
public sealed record RenameDatasetRequest : IApiRequest
{
    /// <summary>The new name.</summary>
    [Required, StringLength(200)]
    public string? Name { get; init; }
}

/// <summary>Body of POST /api/backtests.</summary>
public sealed record RunBacktestRequest : IApiRequest, IValidatableObject
{
    /// <summary>The dataset to run on.</summary>
    [Required, Range(1, int.MaxValue)]
    public int? DatasetId { get; init; }

    /// <summary>Strategy id.</summary>
    [Required, StringLength(64)]
    public string? Strategy { get; init; }

    /// <summary>Parameters by name (defaults for those left out).</summary>
    [MaxLength(32)]
    public Dictionary<string, double>? Parameters { get; init; }

    /// <summary>Cash, fees, slippage, lot step, risk exits.</summary>
    public ExecutionSettings? Settings { get; init; }

    /// <summary>Save to History (default true).</summary>
    public bool? Save { get; init; }

    /// <summary>Run on the candles from this time on (inclusive, UTC); the dataset's start when left out.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Run on the candles before this time (exclusive, UTC); the dataset's end when left out.</summary>
    public DateTimeOffset? To { get; init; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => Numbers.Finite(Parameters, "parameters");
}

/// <summary>Body of POST /api/portfolio.</summary>
public sealed record PortfolioRequest : IApiRequest, IValidatableObject
{
    /// <summary>The (dataset, strategy, weight) legs.</summary>
    [Required, MinLength(1), MaxLength(20)]
    public List<PortfolioLegSetup>? Legs { get; init; }

    /// <summary>Shared cash pool and execution rules.</summary>
    public ExecutionSettings? Settings { get; init; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Legs is null) yield break;
        foreach (var (leg, i) in Legs.Select((l, i) => (l, i)))
        {
            if (leg is null) { yield return new($"legs[{i}] is empty.", [$"legs[{i}]"]); continue; }
            if (leg.DatasetId <= 0) yield return new($"legs[{i}].datasetId must be a dataset id above 0.", [$"legs[{i}].datasetId"]);
            if (!double.IsFinite(leg.Weight) || leg.Weight <= 0 || leg.Weight > 1000) yield return new($"legs[{i}].weight must be above 0 and at most 1000, got {leg.Weight}.", [$"legs[{i}].weight"]);
            if (string.IsNullOrWhiteSpace(leg.StrategyId) || leg.StrategyId.Length > 64) yield return new($"legs[{i}].strategy is required (a strategy id).", [$"legs[{i}].strategy"]);
            foreach (var r in Numbers.Finite(leg.Parameters, $"legs[{i}].parameters")) yield return r;
        }
    }
}
