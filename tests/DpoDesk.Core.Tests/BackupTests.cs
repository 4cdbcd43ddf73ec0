using DpoDesk.Persistence;
using DpoDesk.Requests;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Tests;

public sealed class BackupTests
{
    [Fact]
    public async Task A_backup_taken_while_the_database_is_open_restores_every_request()
    {
        var ct = TestContext.Current.CancellationToken;
        var live = Directory.CreateTempSubdirectory("dpodesk-live-").FullName;
        var restored = Directory.CreateTempSubdirectory("dpodesk-restored-").FullName;
        try
        {
            await using (var db = DatabaseProviders.Open(null, new DataDirectory(live)))
            {
                await Database.MigrateAsync(db, ct);
                for (var i = 1; i <= 50; i++)
                {
                    db.Requests.Add(new Request
                    {
                        Number = RequestNumber.Format(2026, i),
                        Language = "pl",
                        EmailLookupKey = new byte[32],
                        SubmissionKey = Guid.NewGuid(),
                        State = RequestState.Completed,
                        ReceivedAt = DateTime.UtcNow,
                    });
                }
                await db.SaveChangesAsync(ct);
                // The copy is taken with the database open, as a running DpoDesk holds it.
                await Backup.ToFileAsync(db, new DataDirectory(restored).DefaultDatabase, ct);
                await Assert.ThrowsAsync<IOException>(() => Backup.ToFileAsync(db, new DataDirectory(restored).DefaultDatabase, ct));
            }

            await using var copy = DatabaseProviders.Open(null, new DataDirectory(restored));
            Assert.Empty(await copy.Database.GetPendingMigrationsAsync(ct));
            var numbers = await copy.Requests.OrderBy(r => r.Number).Select(r => r.Number).ToListAsync(ct);
            Assert.Equal(50, numbers.Count);
            Assert.Equal("IOD/2026/000050", numbers[^1]);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(live, recursive: true);
            Directory.Delete(restored, recursive: true);
        }
    }
}
