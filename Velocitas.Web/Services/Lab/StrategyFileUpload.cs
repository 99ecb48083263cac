using System.Text;

namespace Velocitas.Web.Services.Lab;

/// <summary>A .cs file uploaded to the Lab: its text and the strategy name taken from the file name, or why it was refused.</summary>
/// <param name="Name">"MySma" for MySma.cs (null when refused).</param>
/// <param name="Source">The file's text (null when refused).</param>
/// <param name="Problem">Why the file was refused.</param>
public sealed record StrategyFileUpload(string? Name, string? Source, string? Problem)
{
    /// <summary>Largest file accepted, in bytes (the same cap as a saved strategy's source).</summary>
    public const long MaxBytes = UserStrategyService.MaxSourceLength;

    /// <summary>
    /// Reads an uploaded strategy file with the upload rules: a <c>.cs</c> name, at most <see cref="MaxBytes"/> bytes,
    /// UTF-8 text (no binary), not empty. The size is checked before reading and again while reading.
    /// </summary>
    public static async Task<StrategyFileUpload> ReadAsync(Stream content, string fileName, long size, CancellationToken ct = default)
    {
        if (Refusal(fileName, size) is { } refused) return Refused(refused);
        string shown = UploadStore.SafeDisplayName(fileName);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return Refused(TooLarge(shown, buffer.Length + read));
            buffer.Write(chunk, 0, read);
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            return Refused($"{shown} is not UTF-8 text; save it as UTF-8 and upload it again.");
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        if (text.Contains('\0')) return Refused($"{shown} is a binary file, not C# source.");
        if (string.IsNullOrWhiteSpace(text)) return Refused($"{shown} is empty.");
        string name = Path.GetFileNameWithoutExtension(shown).Trim();
        return new StrategyFileUpload(name.Length == 0 ? "Uploaded strategy" : name, text.Replace("\r\n", "\n"), null);
    }

    /// <summary>Why a file is refused before it is read (its name or announced size), or null.</summary>
    public static string? Refusal(string fileName, long size)
    {
        string shown = UploadStore.SafeDisplayName(fileName);
        if (!shown.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
            return $"{shown} is not a C# file: upload a .cs file holding one public class deriving from Strategy.";
        return size > MaxBytes ? TooLarge(shown, size) : null;
    }

    private static string TooLarge(string file, long bytes) =>
        $"{file} has {bytes:N0} bytes or more; a strategy file may have at most {MaxBytes:N0}.";

    private static StrategyFileUpload Refused(string problem) => new(null, null, problem);
}
