using Spectre.Console;

namespace Velocitas.Web.Cli;

/// <summary>
/// Progress of a long verb (optimize, a big import, trend over many files). On a terminal it is a Spectre.Console
/// progress bar with percentage and time left on standard error, cleared when the work ends; when standard error is
/// redirected nothing extra is written, so scripts see exactly the output they saw before.
/// </summary>
public abstract class CliProgress
{
    /// <summary>No progress: what verbs use when standard error is not a terminal (and in tests).</summary>
    public static CliProgress None { get; } = new Silent();

    /// <summary>A bar on standard error when it is a terminal; <see cref="None"/> when it is redirected.</summary>
    public static CliProgress ForStandardError() => Console.IsErrorRedirected
        ? None
        : new Bar(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error), Interactive = InteractionSupport.Yes }), TimeProvider.System);

    /// <summary>A bar on <paramref name="console"/> (tests pass a test console and a fake clock).</summary>
    public static CliProgress On(IAnsiConsole console, TimeProvider clock) => new Bar(console, clock);

    /// <summary>Runs <paramref name="work"/>, which reports the share done (0–1) to the progress it is handed.</summary>
    public abstract Task<T> RunAsync<T>(string description, Func<IProgress<double>, Task<T>> work);

    /// <summary>Runs synchronous <paramref name="work"/> with progress.</summary>
    public Task<T> RunAsync<T>(string description, Func<IProgress<double>, T> work) => RunAsync(description, p => Task.Run(() => work(p)));

    /// <summary>Reports <paramref name="share"/> of each value to <paramref name="target"/> (e.g. an optimiser's done/total).</summary>
    public static IProgress<T> Map<T>(IProgress<double> target, Func<T, double> share) => new Mapped<T>(target, share);

    /// <summary>Part <paramref name="index"/> of <paramref name="count"/> equal parts of <paramref name="target"/>.</summary>
    public static IProgress<double> Part(IProgress<double> target, int index, int count) => new Mapped<double>(target, f => (index + f) / count);

    private sealed class Mapped<T>(IProgress<double> target, Func<T, double> share) : IProgress<T>
    {
        public void Report(T value) => target.Report(share(value));
    }

    private sealed class Silent : CliProgress, IProgress<double>
    {
        public override Task<T> RunAsync<T>(string description, Func<IProgress<double>, Task<T>> work) => work(this);

        public void Report(double value)
        {
        }
    }

    private sealed class Bar(IAnsiConsole console, TimeProvider clock) : CliProgress
    {
        public override Task<T> RunAsync<T>(string description, Func<IProgress<double>, Task<T>> work) =>
            new Progress(console, clock) { AutoClear = true, HideCompleted = true }
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape(description), maxValue: 1);
                    var result = await work(new Share(task));
                    task.Value = task.MaxValue;
                    return result;
                });

        /// <summary>Sets the bar from any thread (ProgressTask locks); never goes backwards.</summary>
        private sealed class Share(ProgressTask task) : IProgress<double>
        {
            public void Report(double value)
            {
                value = Math.Clamp(value, 0, 1);
                if (value > task.Value) task.Value = value;
            }
        }
    }
}
