namespace Velocitas.Web.Tests.Hardening;

/// <summary>One running app (real Kestrel, own data folder) shared by the tests of a class.</summary>
public sealed class SharedApp : IAsyncLifetime
{
    public AppFactory App { get; private set; } = default!;

    public HttpClient Http { get; private set; } = default!;

    public Task InitializeAsync()
    {
        App = new AppFactory();
        Http = App.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        App.DeleteData();
    }
}
