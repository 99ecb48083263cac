namespace Velocitas.Web.Api.Hardening;

/// <summary>Runs <see cref="RequestValidator"/> on every typed request argument before the handler; 400 with the fields at fault.</summary>
public sealed class ValidationFilter : IEndpointFilter
{
    /// <inheritdoc />
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (object? argument in context.Arguments)
        {
            if (argument is not IApiRequest request) continue;
            var errors = RequestValidator.Validate(request);
            if (errors.Count > 0)
            {
                string detail = string.Join(" ", errors.SelectMany(e => e.Value));
                return ValueTask.FromResult<object?>(TypedResults.ValidationProblem(errors, detail: detail, title: "The request has invalid values."));
            }
        }
        return next(context);
    }
}
