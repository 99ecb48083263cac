using Velocitas.Web.Cli;
using Velocitas.Web.Extensions;

if (CliApp.IsCommand(args))
{
    return await CliApp.RunAsync(args, Console.Out, Console.Error);
}

// content (appsettings.json, wwwroot) lives next to the app, so it starts the same from any working directory
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
// serve wwwroot, MudBlazor's and the chart bundle's files from the build output in every environment
// (a published app has no static web assets manifest, and this does nothing there)
builder.WebHost.UseStaticWebAssets();
builder.AddVelocitasWeb();

var app = builder.Build();
await app.UseVelocitasAsync();
await app.RunAsync();
return 0;
