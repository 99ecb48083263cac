using Velocitas.Engine.Strategies;

namespace Velocitas.Web.Api;

/// <summary>RFC 7807 problem responses that name the field at fault.</summary>
public static class ApiProblems
{
    /// <summary>400 with one field error.</summary>
    public static IResult Field(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request has an invalid value.", detail: message);

    /// <summary>400 with every parameter error.</summary>
    public static IResult Parameters(StrategyParameterException ex) =>
        Results.ValidationProblem(ex.Errors.GroupBy(e => $"params.{e.Parameter}").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: $"Invalid parameters for {ex.StrategyId}.", detail: ex.Message);

    /// <summary>404 naming what was not found.</summary>
    public static IResult NotFound(string what) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: what);
}
