using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Velocitas.Web.Tests.Hardening;

/// <summary>While the database refuses writes (disk full), API writes answer 503 problem details and nothing saved is lost.</summary>
public sealed class DatabaseFaultTests : IAsyncLifetime
{
    private readonly DiskFull _fault = new();
    private AppFactory _app = default!;
    private HttpClient _http = default!;

    public Task InitializeAsync()
    {
        _app = new AppFactory(services: s => s.AddSingleton<IInterceptor>(_fault));
        _http = _app.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _app.DeleteData();
    }

    [Fact]
    public async Task Writes_during_a_full_disk_answer_503_and_succeed_again_once_it_is_over()
    {
        var rule = new { name = "BTC above 70k", kind = "price-cross", symbol = "BTC", @params = new { level = 70000, direction = "above" } };
        Assert.Equal(HttpStatusCode.Created, (await _http.PostAsJsonAsync("/api/copilot/rules", rule)).StatusCode);

        _fault.On = true;
        foreach (var attempt in new Func<Task<HttpResponseMessage>>[]
                 {
                     () => _http.PostAsJsonAsync("/api/copilot/rules", rule with { name = "during the fault" }),
                     () => _http.PatchAsJsonAsync("/api/datasets/1", new { name = "renamed during the fault" }),
                 })
        {
            var r = await attempt();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            Assert.True(r.Headers.Contains("Retry-After"));
            var problem = await r.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("database or disk is full", problem.GetProperty("detail").GetString());
            Assert.Contains("Nothing was changed", problem.GetProperty("detail").GetString());
        }

        _fault.On = false;
        var rules = await _http.GetFromJsonAsync<JsonElement>("/api/copilot/rules");
        Assert.Equal(["BTC above 70k"], rules.EnumerateArray().Select(x => x.GetProperty("name").GetString()));
        Assert.NotEqual("renamed during the fault", (await _http.GetFromJsonAsync<JsonElement>("/api/datasets/1")).GetProperty("dataset").GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Created, (await _http.PostAsJsonAsync("/api/copilot/rules", rule with { name = "after the fault" })).StatusCode);
    }

    /// <summary>Makes every write command fail the way SQLite does when the disk is full (reads still work).</summary>
    private sealed class DiskFull : DbCommandInterceptor
    {
        public volatile bool On;

        private void Check(DbCommand command)
        {
            string sql = command.CommandText.TrimStart();
            if (On && (sql.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase)))
                throw new SqliteException("SQLite Error 13: 'database or disk is full'.", 13);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Check(command);
            return result;
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Check(command);
            return result;
        }
    }
}
