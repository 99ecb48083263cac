namespace Velocitas.Compiler;

/// <summary>A compiler or sandbox message about a user strategy file.</summary>
/// <param name="File">File name the user knows (e.g. <c>MyStrategy.cs</c>).</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="IsError">False for a warning.</param>
/// <param name="Code">Compiler id (<c>CS0103</c>) or <c>VEL001</c>... for the sandbox's refusals.</param>
public sealed record CompileDiagnostic(string File, int Line, int Column, string Message, bool IsError, string Code)
{
    /// <summary>"MyStrategy.cs:12:9: message", the form the CLI prints after "error: ".</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
