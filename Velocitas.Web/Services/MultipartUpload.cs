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
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw new UploadFormException("file", $"Send the CSV as multipart/form-data in a field named 'file' (got Content-Type '{request.ContentType}').");
        string boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value ?? "";
        if (boundary.Length is 0 or > 200)
            throw new UploadFormException("file", "The multipart/form-data Content-Type has no boundary (or one longer than 200 characters); let your HTTP client build the form.");

        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
        StagedImport? staged = null;
        string? name = null, symbol = null;
        try
        {
            MultipartSection? section;
            while ((section = await NextAsync(reader, ct)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data"))
                    continue;
                string field = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition())
                {
                    if (staged is not null) throw new UploadFormException("file", "Send one file per upload.");
                    string fileName = HeaderUtilities.RemoveQuotes(disposition.FileName.HasValue ? disposition.FileName : disposition.FileNameStar).Value ?? "upload.csv";
                    staged = await importer.StageAsync(section.Body, fileName, ct: ct);
                }
                else if (field is "name" or "symbol")
                {
                    string value = await ReadFieldAsync(section, field, ct);
                    if (field == "name") name = value; else symbol = value;
                }
            }
        }
        catch (CsvImportException)
        {
            throw; // StageAsync removed the file already
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            Discard();
            throw new UploadTooLargeException("The upload", importer.MaxBytes);
        }
        catch (IOException ex)
        {
            Discard();
            throw new UploadFormException("file", $"The upload was cut off or could not be read ({ex.Message}); nothing was imported.");
        }
        catch
        {
            Discard();
            throw;
        }
        if (staged is null) throw new UploadFormException("file", "No file was uploaded (multipart field 'file').");
        if (staged.Upload.Bytes == 0)
        {
            Discard();
            throw new UploadFormException("file", $"{staged.Upload.DisplayName} is empty.");
        }
        return new MultipartUpload(staged, name, symbol);

        void Discard()
        {
            if (staged is not null) importer.Discard(staged);
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
