using System.Runtime.CompilerServices;

namespace Velocitas.Web.Tests;

/// <summary>
/// Component tests wait synchronously on the renderer (bUnit's WaitFor*), many of them in parallel, while real engines
/// and Kestrel servers run beside them. On a busy two-core machine the thread pool grows too slowly for that and a
/// wait can time out before its check ever runs; a larger minimum keeps the waits about the component, not the pool.
/// </summary>
internal static class ThreadPoolSetup
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }
}
