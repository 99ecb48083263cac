using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Velocitas.Web.Api.Hardening;

/// <summary>Recognises the database errors that mean "cannot write now" (disk full, read-only, I/O), as opposed to bugs.</summary>
public static class DatabaseFault
{
    /// <summary>A short description of the fault, or null when <paramref name="ex"/> is not one.</summary>
    public static string? Describe(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite:
                    string? what = sqlite.SqliteErrorCode switch
                    {
                        13 => "database or disk is full",
                        8 => "the database is read-only",
                        10 => "disk I/O error",
                        14 => "the database file cannot be opened",
                        5 or 6 => "the database is locked",
                        _ => null,
                    };
                    if (what is not null) return what;
                    break;
                case DbException db when db.SqlState is { } state && (state.StartsWith("53", StringComparison.Ordinal) || state == "25006" || state.StartsWith("08", StringComparison.Ordinal)):
                    return $"database error {state}: {db.Message}";
            }
        }
        return null;
    }
}
