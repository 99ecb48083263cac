using Microsoft.EntityFrameworkCore;
using Velocitas.Data;
using Velocitas.Data.Storage;

namespace Velocitas.Web.Tests;

/// <summary>A migrated SQLite database in a temp folder with the live store on it.</summary>
internal sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = Directory.CreateTempSubdirectory("velocitas-live-").FullName;
        Factory = new VelocitasDbContextFactory(new DatabaseOptions(), Folder);
        using (var db = Factory.CreateDbContext()) db.Database.Migrate();
        Live = new LiveStore(Factory, TimeProvider.System);
    }

    public string Folder { get; }
    public VelocitasDbContextFactory Factory { get; }
    public LiveStore Live { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, true); } catch (IOException) { }
    }
}
