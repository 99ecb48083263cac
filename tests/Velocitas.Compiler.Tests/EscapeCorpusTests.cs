namespace Velocitas.Compiler.Tests;

/// <summary>Attempts to reach outside a strategy: every one is refused at compile time, on its line, naming what it touched.</summary>
public class EscapeCorpusTests
{
    public static TheoryData<string, string> InOnCandle => new()
    {
        { """System.IO.File.ReadAllText("/etc/passwd");""", "System.IO.File" },
        { """System.IO.File.WriteAllText("x", "y");""", "System.IO.File" },
        { """var files = System.IO.Directory.GetFiles("/");""", "System.IO.Directory" },
        { """using var s = new System.IO.FileStream("x", System.IO.FileMode.Open);""", "System.IO.FileStream" },
        { """System.Diagnostics.Process.Start("sh");""", "Process" },
        { """var w = new System.Diagnostics.Stopwatch();""", "System.Diagnostics.Stopwatch" },
        { """var t = new System.Threading.Thread(() => { });""", "System.Threading.Thread" },
        { """System.Threading.Tasks.Task.Run(() => { });""", "System.Threading.Tasks.Task" },
        { """System.Threading.ThreadPool.QueueUserWorkItem(_ => { });""", "System.Threading.ThreadPool" },
        { """var timer = new System.Threading.Timer(_ => { });""", "System.Threading.Timer" },
        { """System.Environment.Exit(1);""", "System.Environment" },
        { """var home = System.Environment.GetEnvironmentVariable("HOME");""", "System.Environment" },
        { """System.GC.Collect();""", "System.GC" },
        { """var domain = System.AppDomain.CurrentDomain;""", "System.AppDomain" },
        { """var t = System.Type.GetType("System.IO.File");""", "System.Type" },
        { """var m = GetType().GetMethod("OnStart");""", "System.Type" },
        { """var o = System.Activator.CreateInstance<object>();""", "System.Activator" },
        { """var asm = System.Reflection.Assembly.GetExecutingAssembly();""", "System.Reflection.Assembly" },
        { """var site = new Exception().TargetSite;""", "TargetSite" },
        { """var t = typeof(Strategy);""", "typeof" },
        { """var a = new Candle().GetType().Assembly;""", "System.Reflection.Assembly" },
        { """dynamic d = 1; d.Foo();""", "dynamic" },
        { """var p = System.Runtime.InteropServices.Marshal.AllocHGlobal(10);""", "Marshal" },
        { """var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(new List<int>());""", "CollectionsMarshal" },
        { """var size = System.Runtime.CompilerServices.Unsafe.SizeOf<int>();""", "Unsafe" },
        { """delegate*<void> f = null;""", "pointer" },
        { """Span<int> s = stackalloc int[100000000];""", "stackalloc" },
        { """var c = new System.Net.Http.HttpClient();""", "System.Net" },
        { """var s = new System.Net.Sockets.Socket(default, default, default);""", "System.Net" },
        { """System.Console.WriteLine("hi");""", "Console" },
        { """lock (this) { }""", "lock" },
        { """try { while (true) { } } catch (Exception) { }""", "catching System.Exception" },
        { """try { Buy(); } catch { }""", "catch every exception" },
        { """try { while (true) { } } finally { for (;;) { } }""", "a finally block must be able to finish" },
        { """Velocitas.Strategies.Hosting.Guard.Budget = TimeSpan.FromHours(1);""", "Velocitas.Strategies.Hosting" },
        { """try { Buy(); } catch (ArgumentException e) when (Velocitas.Strategies.Hosting.Guard.NoteLine(e, 99)) { }""", "Velocitas.Strategies.Hosting" },
        { """goto end; end: ;""", "goto" },
        { """Action a = () => System.IO.File.Delete("x"); a();""", "System.IO.File" },
        { """var threads = new List<System.Threading.Thread>();""", "System.Threading.Thread" },
        { """Func<int> count = () => System.Environment.ProcessorCount;""", "System.Environment" },
    };

    public static TheoryData<string, string> AsMembers => new()
    {
        { """[System.Runtime.InteropServices.DllImport("libc")] static extern int getpid();""", "extern" },
        { """unsafe void Poke() { int* p = null; *p = 1; }""", "unsafe" },
        { """~Escape() { while (true) { } }""", "finalizers" },
        { """static int _shared;""", "static fields" },
        { """async System.Threading.Tasks.Task Later() { await System.Threading.Tasks.Task.Delay(1); }""", "async" },
        { """[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)] void F() { }""", "attribute" },
    };

    [Theory, MemberData(nameof(InOnCandle))]
    public void Code_in_on_candle_that_reaches_outside_is_refused_on_its_line(string snippet, string named) =>
        AssertRefused(Sources.InOnCandle(snippet), named);

    [Theory, MemberData(nameof(AsMembers))]
    public void Members_that_reach_outside_are_refused_on_their_line(string snippet, string named) =>
        AssertRefused(Sources.AsMember(snippet), named);

    [Fact]
    public void The_corpus_holds_at_least_25_attempts() => Assert.True(InOnCandle.Count + AsMembers.Count >= 25);

    [Fact]
    public void A_refusal_reads_file_line_column_and_the_symbol()
    {
        var result = StrategyCompiler.Compile(Sources.InOnCandle("""System.IO.File.Delete("/tmp/x");"""), "Sneaky.cs");
        var error = result.Errors.First(e => e.Code == "VEL100");
        Assert.Equal("Sneaky.cs:6:9: System.IO.File is not available to strategies.", error.ToString());
    }

    private static void AssertRefused(string source, string named)
    {
        var result = StrategyCompiler.Compile(source, "Escape.cs");
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Line == 6 && e.Message.Contains(named, StringComparison.OrdinalIgnoreCase));
    }
}
