using Velocitas.Web;
using Velocitas.Web.Cli;

// no verb (or `serve`) starts the web app; a verb runs headless; --help lists them
// a verb shows a progress bar on standard error only when that is a terminal
return await CliApp.RunAsync(args, Console.Out, Console.Error, serve: VelocitasWebHost.RunAsync, listenForCtrlC: true, progress: CliProgress.ForStandardError());
