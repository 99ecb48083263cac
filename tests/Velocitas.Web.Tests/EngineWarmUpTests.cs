using Microsoft.Extensions.DependencyInjection;
using Velocitas.Web.Services;

namespace Velocitas.Web.Tests;

public class EngineWarmUpTests
{
    [Fact]
    public async Task The_app_warms_the_engine_up_in_the_background_with_every_built_in_strategy_and_test_hosts_turn_it_off()
    {
        // each host is disposed in its finally (its data folder is deleted after)
        var app = new AppFactory(settings: new() { ["Velocitas:WarmUpEngine"] = "true" });
        var http = app.Start();
        try
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/api/health")).StatusCode); // serving while it runs
            int runs = await app.Services.GetRequiredService<EngineWarmUp>().Completed.WaitAsync(TimeSpan.FromMinutes(2));
            Assert.Equal(3 * Velocitas.Engine.Strategies.StrategyCatalog.BuiltIn.Count, runs);
        }
        finally
        {
            await app.DisposeAsync();
            app.DeleteData();
        }

        var off = new AppFactory();
        off.Start();
        try
        {
            Assert.Equal(0, await off.Services.GetRequiredService<EngineWarmUp>().Completed.WaitAsync(TimeSpan.FromMinutes(2)));
        }
        finally
        {
            await off.DisposeAsync();
            off.DeleteData();
        }
    }
}
