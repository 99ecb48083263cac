namespace Velocitas.Web.Api;

/// <summary>Maps every REST endpoint of the app.</summary>
public static class ApiEndpoints
{
    /// <summary>Maps the API groups.</summary>
    public static IEndpointRouteBuilder MapVelocitasApi(this IEndpointRouteBuilder app)
    {
        app.MapSystemApi();
        app.MapDatasetApi();
        app.MapBacktestApi();
        app.MapLiveApi();
        app.MapLiveSockets();
        app.MapOptimizationApi();
        app.MapTrendApi();
        app.MapCopilotApi();
        return app;
    }
}
