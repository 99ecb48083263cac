using System.CommandLine;
using System.Globalization;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Optimization;

namespace Velocitas.Web.Cli;

/// <summary>
/// The root command (the tool: no verb starts the web app), <c>serve</c>, and every verb of <see cref="CliVerbs"/>.
/// The root and <c>serve</c> take the web host's options; configuration overrides such as
/// <c>--Velocitas:DataPath=/srv/data</c> pass through to the host unchanged (see <see cref="WithoutHostSettings"/>).
/// </summary>
internal sealed class CliCommandTree
{
    private CliCommandTree(RootCommand root) => Root = root;

    /// <summary>The tool's root command.</summary>
    public RootCommand Root { get; }

    /// <summary>Builds the tree for these verbs.</summary>
    public static CliCommandTree Build(IReadOnlyList<CliVerb> verbs)
    {
        var root = new RootCommand("Velocitas: crypto trading simulation. With no command it starts the web app (http://localhost:5000); "
            + "the commands below run headless and print text, CSV or JSON.\n  " + SharedDefaults);
        AddHostOptions(root);
        root.SetAction(_ => 0);
        var serve = new Command("serve", "Start the web app (the same as no command). Configuration keys can be overridden, e.g. --Velocitas:DataPath=/srv/velocitas.");
        AddHostOptions(serve);
        serve.SetAction(_ => 0);
        root.Subcommands.Add(serve);
        foreach (var verb in verbs)
        {
            verb.Command.SetAction(_ => 0);
            root.Subcommands.Add(verb.Command);
        }
        return new CliCommandTree(root);
    }

    /// <summary>The defaults the pages, the REST API and every verb share (TradingDefaults, OptimizationDefaults).</summary>
    public static string SharedDefaults => string.Create(CultureInfo.InvariantCulture,
        $"Defaults shared with the pages and the REST API: cash {TradingDefaults.InitialCash:0}, fee {TradingDefaults.FeeRate} per side, "
        + $"slippage {TradingDefaults.SlippageBps} bps, lot step {TradingDefaults.LotStep}; optimisation by {OptimizationDefaults.Objective.ToString().ToLowerInvariant()}, "
        + $"at least {OptimizationDefaults.MinTrades} trades, seed {OptimizationDefaults.Seed}.");

    /// <summary>True when the command line asks for the web app (no verb, or <c>serve</c>).</summary>
    public static bool IsServe(ParseResult parse) => parse.CommandResult.Command is RootCommand || parse.CommandResult.Command.Name == "serve";

    /// <summary>The arguments for the web host: everything after <c>serve</c>, or everything when there is no verb.</summary>
    public static string[] HostArguments(string[] args) => args.Length > 0 && args[0] == "serve" ? args[1..] : args;

    // settings the ASP.NET Core host reads from its command line besides --urls and --environment
    private static readonly HashSet<string> HostKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "applicationName", "contentRoot", "webroot", "http_ports", "https_ports", "https_port", "hostingStartupAssemblies",
        "hostingStartupExcludeAssemblies", "preventHostingStartup", "detailedErrors", "captureStartupErrors", "shutdownTimeoutSeconds",
    };

    /// <summary>
    /// The arguments to parse: for the web app (no verb, or <c>serve</c>) without the configuration overrides the host
    /// reads itself (<c>--Key=value</c>, <c>--Section:Key value</c>, <c>--contentRoot dir</c>), so a bare misspelt
    /// <c>--hlep</c> is still reported instead of starting the server. A verb's arguments are parsed as they are.
    /// </summary>
    public static string[] WithoutHostSettings(string[] args)
    {
        if (args.Length > 0 && args[0] != "serve" && !args[0].StartsWith('-')) return args;
        var kept = new List<string>(args.Length);
        for (int i = 0; i < args.Length; i++)
        {
            string t = args[i];
            if (t.StartsWith("--", StringComparison.Ordinal) && t.Length > 2)
            {
                int eq = t.IndexOf('=');
                string key = eq > 0 ? t[2..eq] : t[2..];
                if (eq > 0 && key is not ("urls" or "environment")) continue;
                if (eq < 0 && (key.Contains(':') || HostKeys.Contains(key)))
                {
                    if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) i++;
                    continue;
                }
            }
            kept.Add(t);
        }
        return [.. kept];
    }

    private static void AddHostOptions(Command command)
    {
        command.Options.Add(new Option<string>("--urls") { Description = "Where the web app listens, e.g. http://localhost:5080 (default: appsettings.json).", HelpName = "url" });
        command.Options.Add(new Option<string>("--environment") { Description = "ASP.NET Core environment (Development, Production).", HelpName = "name" });
    }
}

