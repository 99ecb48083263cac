using System.Text;

namespace Velocitas.Data.Tests;

/// <summary>A file in a private temp folder, deleted on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("velocitas-test-").FullName;

    public TempFile(string name, string content, bool bom = false) : this(name, (bom ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(content)).ToArray()) { }

    public TempFile(string name, byte[] content)
    {
        Path = System.IO.Path.Combine(_dir, name);
        File.WriteAllBytes(Path, content);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
