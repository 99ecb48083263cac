using Velocitas.Web.Cli;
using Velocitas.Web.Extensions;

if (CliApp.IsCommand(args))
{
    return await CliApp.RunAsync(args, Console.Out, Console.Error);
}

// content (appsettings.json, wwwroot) lives next to the app, so it starts the same from any working directory
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddVelocitasWeb();

var app = builder.Build();
await app.UseVelocitasAsync();
await app.RunAsync();
return 0;
