using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Persistence;

/// <summary>Consistent copies of the database while DpoDesk runs.</summary>
public static class Backup
{
    /// <summary>
    /// SQLite's online backup: a consistent snapshot even while instances write. PostgreSQL is backed up
    /// with its own tools (<c>pg_dump</c>, see docs/deployment.md).
    /// </summary>
    public static async Task ToFileAsync(DpoDeskDbContext db, string target, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
            throw new NotSupportedException("This database is PostgreSQL: back it up with pg_dump --format=custom (see docs/deployment.md).");
        if (File.Exists(target))
            throw new IOException($"{target} exists already; choose a new file for the backup.");

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        var source = (SqliteConnection)db.Database.GetDbConnection();
        await source.OpenAsync(ct).ConfigureAwait(false);
        await using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ConnectionString);
        await destination.OpenAsync(ct).ConfigureAwait(false);
        source.BackupDatabase(destination);
    }
}
