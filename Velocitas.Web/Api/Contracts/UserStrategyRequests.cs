using System.ComponentModel.DataAnnotations;
using Velocitas.Web.Api.Hardening;
using Velocitas.Web.Services;

namespace Velocitas.Web.Api.Contracts;

/// <summary>Body of POST /api/user-strategies (name and source), PUT (source), PATCH (name) and POST /check (source).</summary>
public sealed record UserStrategyRequest : IApiRequest
{
    /// <summary>Display name, 1–100 characters.</summary>
    [StringLength(100)]
    public string? Name { get; init; }

    /// <summary>The C# file: one public class deriving from Strategy.</summary>
    [StringLength(UserStrategyService.MaxSourceLength)]
    public string? Source { get; init; }
}
