using Microsoft.AspNetCore.Mvc;

namespace Velocitas.Web.Api.Hardening;

/// <summary>Writes a problem answer (RFC 7807) from middleware, through the app's problem details service.</summary>
internal static class ProblemWriter
{
    /// <summary>Answers <paramref name="context"/> with <paramref name="status"/> and a problem naming what is wrong.</summary>
    public static Task WriteProblemAsync(this IProblemDetailsService problems, HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
