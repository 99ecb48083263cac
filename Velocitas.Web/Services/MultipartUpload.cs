using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Velocitas.Data.Import;

namespace Velocitas.Web.Services;

/// <summary>
/// A multipart/form-data upload read section by section: the file part streams straight into the data folder's
/// uploads (nothing is buffered in the system's temp folder), small text fields (name, symbol) are read into memory.
/// A failure at any point removes the partial file.
/// </summary>
public sealed record MultipartUpload(StagedImport Staged, string? Name, string? Symbol)
{
    private const int MaxFieldLength = 200;

    /// <summary>Reads the request; throws <see cref="UploadFormException"/> naming the field, or <see cref="UploadTooLargeException"/>.</summary>
    public static async Task<MultipartUpload> ReadAsync(HttpRequest request, DataImportService importer, CancellationToken ct)
    {
        var reader = new MultipartReader(Boundary(request), request.Body) { HeadersLengthLimit = 16 * 1024 };
        var form = new Form();
        try
        {
            await ReadSectionsAsync(reader, form, importer, ct);
        }
        catch (CsvImportException)
        {
            throw; // StageAsync removed the file already
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            form.Discard(importer);
            throw new UploadTooLargeException("The upload", importer.MaxBytes);
        }
        catch (IOException ex)
        {
            form.Discard(importer);
            throw new UploadFormException("file", $"The upload was cut off or could not be read ({ex.Message}); nothing was imported.");
        }
        catch
        {
            form.Discard(importer);
            throw;
        }
        if (form.Staged is not { } staged) throw new UploadFormException("file", "No file was uploaded (multipart field 'file').");
        if (staged.Upload.Bytes == 0)
        {
            form.Discard(importer);
            throw new UploadFormException("file", $"{staged.Upload.DisplayName} is empty.");
        }
        return new MultipartUpload(staged, form.Name, form.Symbol);
    }

    /// <summary>The form's boundary, or a problem naming what the client must change.</summary>
    private static string Boundary(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw new UploadFormException("file", $"Send the CSV as multipart/form-data in a field named 'file' (got Content-Type '{request.ContentType}').");
        string boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value ?? "";
        if (boundary.Length is 0 or > 200)
            throw new UploadFormException("file", "The multipart/form-data Content-Type has no boundary (or one longer than 200 characters); let your HTTP client build the form.");
        return boundary;
    }

    /// <summary>Streams the file part into the uploads folder and reads the name and symbol fields; other parts are skipped.</summary>
    private static async Task ReadSectionsAsync(MultipartReader reader, Form form, DataImportService importer, CancellationToken ct)
    {
        MultipartSection? section;
        while ((section = await NextAsync(reader, ct)) is not null)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data"))
                continue;
            string field = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (disposition.IsFileDisposition())
            {
                if (form.Staged is not null) throw new UploadFormException("file", "Send one file per upload.");
                string fileName = HeaderUtilities.RemoveQuotes(disposition.FileName.HasValue ? disposition.FileName : disposition.FileNameStar).Value ?? "upload.csv";
                form.Staged = await importer.StageAsync(section.Body, fileName, ct: ct);
            }
            else if (field is "name" or "symbol")
            {
                string value = await ReadFieldAsync(section, field, ct);
                if (field == "name") form.Name = value; else form.Symbol = value;
            }
        }
    }

    /// <summary>What the form held so far (the staged file is removed again if reading fails).</summary>
    private sealed class Form
    {
        public StagedImport? Staged { get; set; }
        public string? Name { get; set; }
        public string? Symbol { get; set; }

        public void Discard(DataImportService importer)
        {
            if (Staged is not null) importer.Discard(Staged);
        }
    }

    private static async Task<MultipartSection?> NextAsync(MultipartReader reader, CancellationToken ct)
    {
        try
        {
            return await reader.ReadNextSectionAsync(ct);
        }
        catch (InvalidDataException ex)
        {
            throw new UploadFormException("file", $"The multipart body is malformed: {ex.Message}");
        }
    }

    private static async Task<string> ReadFieldAsync(MultipartSection section, string field, CancellationToken ct)
    {
        var buffer = new char[MaxFieldLength + 1];
        using var text = new StreamReader(section.Body);
        int read = await text.ReadBlockAsync(buffer.AsMemory(), ct);
        if (read > MaxFieldLength) throw new UploadFormException(field, $"{field} is longer than {MaxFieldLength} characters.");
        return new string(buffer, 0, read).Trim();
    }
}

/// <summary>A multipart upload that is malformed, named by its field.</summary>
public sealed class UploadFormException(string field, string message) : Exception(message)
{
    /// <summary>The form field at fault.</summary>
    public string Field { get; } = field;
}
