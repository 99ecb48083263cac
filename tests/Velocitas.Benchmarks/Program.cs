using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Velocitas.Benchmarks -- --filter '*'
// or a quick stopwatch check without BenchmarkDotNet: -- quick
if (args.Length > 0 && args[0] == "quick")
{
    Velocitas.Benchmarks.QuickCheck.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10, args.Length > 2 ? args[2] : "full");
    return;
}
if (args.Length > 2 && args[0] == "quick-load")
{
    await Velocitas.Benchmarks.LoadCheck.RunAsync(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
    return;
}
if (args.Length > 0 && args[0] == "quick-parts")
{
    Velocitas.Benchmarks.PartsCheck.Run(onlyLong: args.Length > 1 && args[1] == "long", runs: args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 15);
    return;
}
if (args.Length > 0 && args[0] == "quick-lab")
{
    Velocitas.Benchmarks.LabCheck.Run();
    return;
}
if (args.Length > 0 && args[0] == "quick-optimize")
{
    Velocitas.Benchmarks.OptimizationCheck.Run();
    return;
}
if (args.Length > 0 && args[0] == "live")
{
    await Velocitas.Benchmarks.LivePipelineCheck.RunAsync();
    return;
}
if (args.Length > 0 && args[0] == "durability")
{
    await Velocitas.Benchmarks.DurabilityCheck.RunAsync(args);
    return;
}
if (args.Length > 0 && args[0] == "profile-parse")
{
    Velocitas.Benchmarks.ParseProfile.Run();
    return;
}
if (args.Length > 1 && args[0] == "quick-parse")
{
    Velocitas.Benchmarks.ParseCheck.Run(args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 9);
    return;
}
if (args.Length > 0 && args[0] == "quick-import")
{
    await Velocitas.Benchmarks.ImportCheck.RunAsync();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
