using Velocitas.Engine.Strategies;

namespace Velocitas.Web.Api;

/// <summary>Health and the strategy catalogue.</summary>
public static class SystemApi
{
    /// <summary>Maps /api/health and /api/available-strategies.</summary>
    public static IEndpointRouteBuilder MapSystemApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("System");
        api.MapGet("/health", (TimeProvider clock) => Results.Ok(new { status = "healthy", time = clock.GetUtcNow() }))
            .WithSummary("Health check.");
        api.MapGet("/available-strategies", () => StrategyCatalog.All.Select(StrategyInfo.From))
            .WithSummary("Strategies with their parameter metadata (name, default, min, max, step, description).");
        return app;
    }
}

/// <summary>A strategy and its parameters, for forms and scripts.</summary>
public sealed record StrategyInfo(string Id, string Name, string? LegacyName, string Style, string Description, IReadOnlyList<ParameterSpec> Parameters)
{
    /// <summary>From a catalogue entry.</summary>
    public static StrategyInfo From(StrategyDefinition d) =>
        new(d.Id, d.Name, d.LegacyName, d.Style.ToString(), d.Description, d.Parameters);
}
