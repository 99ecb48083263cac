using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Velocitas.Web.Tests.Hardening;

/// <summary>Uploads stream into the data folder and never leave anything behind; paths cannot lead outside it.</summary>
public sealed class UploadPathTests : ApiTestBase
{
    private const string Csv = "time,open,high,low,close,volume\n2024-01-01T00:00:00Z,100,110,95,105,10\n2024-01-01T01:00:00Z,105,112,101,108,12\n2024-01-01T02:00:00Z,108,115,104,111,9\n";

    private string Uploads => Path.Combine(Folder, "uploads");

    private string[] UploadFiles() => Directory.Exists(Uploads) ? Directory.GetFiles(Uploads) : [];

    public override Task InitializeAsync()
    {
        // a file a killed process left behind mid-upload
        Directory.CreateDirectory(Uploads);
        File.WriteAllText(Path.Combine(Uploads, "20240101-000000-deadbeef.csv"), "partial");
        return base.InitializeAsync();
    }

    [Fact]
    public async Task Leftovers_of_an_earlier_run_are_removed_at_start()
    {
        Assert.Empty(UploadFiles());
        var form = new MultipartFormDataContent { { new StringContent(Csv), "file", "ok.csv" }, { new StringContent("Tiny"), "name" } };
        var r = await Http.PostAsync("/api/datasets", form);
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        Assert.Equal("Tiny", (await Json(r)).GetProperty("dataset").GetProperty("name").GetString());
        Assert.Empty(UploadFiles()); // removed after import
    }

    [Fact]
    public async Task A_truncated_upload_is_a_400_and_leaves_no_partial_file()
    {
        string body = "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cut.csv\"\r\nContent-Type: text/csv\r\n\r\n" + string.Concat(Enumerable.Repeat(Csv, 2000));
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=B");
        var r = await Http.PostAsync("/api/datasets", content);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("cut off", (await Json(r)).GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Empty(UploadFiles());
        Assert.DoesNotContain((await Http.GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/api/datasets"))!, d => d.GetProperty("name").GetString() == "cut");
    }

    [Fact]
    public async Task A_multipart_header_without_boundary_is_a_400_not_a_413()
    {
        var content = new ByteArrayContent("abc"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");
        var r = await Http.PostAsync("/api/datasets", content);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("no boundary", (await Json(r)).GetProperty("errors").GetProperty("file")[0].GetString());
    }

    [Fact]
    public async Task A_csv_path_that_is_a_link_to_a_file_outside_the_data_folder_is_refused()
    {
        string outside = Path.Combine(Directory.CreateTempSubdirectory("velocitas-outside-").FullName, "secret.csv");
        File.WriteAllText(outside, Csv);
        File.CreateSymbolicLink(Path.Combine(Folder, "innocent.csv"), outside);
        Directory.CreateSymbolicLink(Path.Combine(Folder, "linked-dir"), Path.GetDirectoryName(outside)!);
        File.WriteAllText(Path.Combine(Folder, "inside.csv"), Csv);
        object Body(string path) => new { csv_path = path, strategy_configs = new[] { new { strategy_name = "rsi" } } };

        foreach (string path in new[] { "innocent.csv", "linked-dir/secret.csv", outside, "../" + Path.GetFileName(Path.GetDirectoryName(outside)) + "/secret.csv" })
        {
            var r = await Http.PostAsJsonAsync("/api/optimization/backtest", Body(path));
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Contains("inside the data folder", (await Json(r)).GetProperty("errors").GetProperty("csv_path")[0].GetString());
        }
        Assert.DoesNotContain((await Http.GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/api/datasets"))!, d => d.GetProperty("name").GetString()!.Contains("secret"));

        // a real file inside is imported (too short to optimise, which is the next thing it says)
        var inside = await Http.PostAsJsonAsync("/api/optimization/backtest", Body("inside.csv"));
        Assert.Equal(HttpStatusCode.BadRequest, inside.StatusCode);
        Assert.Contains("candles", await inside.Content.ReadAsStringAsync());
        Assert.Contains((await Http.GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/api/datasets"))!, d => d.GetProperty("name").GetString() == "inside");
    }
}
