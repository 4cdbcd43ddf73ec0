using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Persistence;

public static class Database
{
    /// <summary>Brings the schema up to date and sets the engine up for many readers and one writer.</summary>
    public static async Task MigrateAsync(DpoDeskDbContext db, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            var connection = db.Database.GetDbConnection();
            if (connection.DataSource is { Length: > 0 } file && file != ":memory:")
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            // WAL lets the portal read while a worker writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct).ConfigureAwait(false);
        }
        await db.Database.MigrateAsync(ct).ConfigureAwait(false);
    }
}
