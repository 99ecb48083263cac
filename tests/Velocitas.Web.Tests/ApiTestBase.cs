using System.Net.Http.Json;
using System.Text.Json;

namespace Velocitas.Web.Tests;

/// <summary>The real app on a real Kestrel port with its own data folder, started per test and deleted after.</summary>
public abstract class ApiTestBase : IAsyncLifetime
{
    private readonly Dictionary<string, string?>? _settings;

    protected ApiTestBase(Dictionary<string, string?>? settings = null)
    {
        _settings = settings;
        Folder = Directory.CreateTempSubdirectory("velocitas-api-").FullName;
    }

    /// <summary>The app's data folder (kept across <see cref="RestartAsync"/>).</summary>
    protected string Folder { get; }

    /// <summary>The running app.</summary>
    protected AppFactory App { get; private set; } = default!;

    /// <summary>A client for it.</summary>
    protected HttpClient Http { get; private set; } = default!;

    public virtual Task InitializeAsync()
    {
        App = new AppFactory(Folder, _settings);
        Http = App.Start();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        await App.DisposeAsync();
        App.DeleteData();
    }

    /// <summary>Stops the app and starts it again on the same data folder.</summary>
    protected async Task RestartAsync()
    {
        await App.DisposeAsync();
        App = new AppFactory(Folder, _settings);
        Http = App.Start();
    }

    /// <summary>The body of a response as JSON.</summary>
    protected static async Task<JsonElement> Json(HttpResponseMessage r) => (await r.Content.ReadFromJsonAsync<JsonElement>())!;
}
