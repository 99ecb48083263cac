using Velocitas.Web.Cli;
using Velocitas.Web.Extensions;

if (CliApp.IsCommand(args))
{
    return await CliApp.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddVelocitasWeb();

var app = builder.Build();
await app.UseVelocitasAsync();
await app.RunAsync();
return 0;
