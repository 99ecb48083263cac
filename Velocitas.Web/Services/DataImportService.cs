using Velocitas.Data.Import;
using Velocitas.Data.Storage;

namespace Velocitas.Web.Services;

/// <summary>An upload saved and parsed, waiting for the user to commit it.</summary>
/// <param name="Upload">The stored file.</param>
/// <param name="Parsed">The candles and the import report.</param>
/// <param name="Head">The first lines of the file as written, for the preview.</param>
public sealed record StagedImport(StoredUpload Upload, ParsedCandleFile Parsed, IReadOnlyList<string> Head);

/// <summary>
/// Imports candle files in two steps, as the Data page and the upload endpoints need: stage (store the upload
/// in the data folder, parse it, report) then commit (one transaction) or discard. Nothing is half-imported.
/// </summary>
public sealed class DataImportService(UploadStore uploads, DatasetStore datasets)
{
    /// <summary>Largest accepted upload in bytes.</summary>
    public long MaxBytes => uploads.MaxBytes;

    /// <summary>Streams the upload to disk and parses it. On a parse error the upload is removed and the error rethrown.</summary>
    public async Task<StagedImport> StageAsync(Stream content, string fileName, IProgress<double>? parseProgress = null, CancellationToken ct = default)
    {
        var upload = await uploads.SaveAsync(content, fileName, ct);
        try
        {
            var parsed = await Task.Run(() => CandleFileParser.Parse(upload.Path, upload.DisplayName, parseProgress, ct), ct);
            return new StagedImport(upload, parsed, ReadHead(upload.Path, 8));
        }
        catch
        {
            uploads.Delete(upload.Id);
            throw;
        }
    }

    /// <summary>Stores the staged candles as a dataset and removes the upload.</summary>
    public async Task<DatasetImport> CommitAsync(StagedImport staged, string? name, string? symbol, string source = "upload", IProgress<double>? progress = null, CancellationToken ct = default)
    {
        try
        {
            string datasetName = string.IsNullOrWhiteSpace(name) ? Path.GetFileNameWithoutExtension(staged.Upload.DisplayName) : name.Trim();
            return await datasets.ImportAsync(staged.Parsed, datasetName, string.IsNullOrWhiteSpace(symbol) ? null : symbol, source, staged.Upload.DisplayName, progress, ct);
        }
        finally
        {
            uploads.Delete(staged.Upload.Id);
        }
    }

    /// <summary>Drops a staged upload without importing it.</summary>
    public void Discard(StagedImport staged) => uploads.Delete(staged.Upload.Id);

    /// <summary>Stage and commit in one go (API uploads).</summary>
    public async Task<DatasetImport> ImportAsync(Stream content, string fileName, string? name, string? symbol, string source, CancellationToken ct = default)
    {
        var staged = await StageAsync(content, fileName, ct: ct);
        return await CommitAsync(staged, name, symbol, source, ct: ct);
    }

    private static List<string> ReadHead(string path, int lines)
    {
        var head = new List<string>(lines);
        using var reader = new StreamReader(path);
        while (head.Count < lines)
        {
            string? line = reader.ReadLine();
            if (line is null) break;
            head.Add(line.Length > 300 ? line[..300] + "…" : line);
        }
        return head;
    }
}
