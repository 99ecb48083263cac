namespace Velocitas.Web.Api;

/// <summary>Maps every REST endpoint of the app.</summary>
public static class ApiEndpoints
{
    /// <summary>Maps the API groups.</summary>
    public static IEndpointRouteBuilder MapVelocitasApi(this IEndpointRouteBuilder app)
    {
        // one validation step for every typed request of every route
        var api = app.MapGroup("").AddEndpointFilter<Hardening.ValidationFilter>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapSystemApi();
        api.MapDatasetApi();
        api.MapDownloadApi();
        api.MapBacktestApi();
        api.MapLiveApi();
        api.MapOptimizationApi();
        api.MapTrendApi();
        api.MapCopilotApi();
        api.MapUserStrategyApi();
        api.MapClusterApi();
        app.MapLiveSockets();
        return app;
    }
}
