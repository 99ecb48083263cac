namespace Velocitas.Data.Import;

/// <summary>
/// A candle file that cannot be imported at all. The message names the file and, where it applies, the
/// line and what was expected there. Nothing is imported when this is thrown.
/// </summary>
public sealed class CsvImportException : Exception
{
    /// <summary>Creates the error.</summary>
    public CsvImportException(string file, long? line, string problem)
        : base(line is { } l ? $"{file}:{l}: {problem}" : $"{file}: {problem}")
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    /// <summary>File name as given by the user.</summary>
    public string File { get; }

    /// <summary>1-based line, when the problem is on one line.</summary>
    public long? Line { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }
}
