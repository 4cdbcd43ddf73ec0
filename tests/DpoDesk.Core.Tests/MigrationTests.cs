using DpoDesk.Notifications;
using DpoDesk.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DpoDesk.Tests;

/// <summary>The schema comes up from an empty database, and from the previous release's schema with its data kept.</summary>
public abstract class MigrationTests(TestDatabase database) : IAsyncLifetime
{
    /// <summary>The last migration of the previous release; move it forward with each release.</summary>
    const string PreviousRelease = "Initial";

    readonly string _folder = Directory.CreateTempSubdirectory("dpodesk-migrate-").FullName;
    string? _connectionString;

    public async ValueTask InitializeAsync()
    {
        database.SkipUnlessAvailable();
        _connectionString = await database.CreateAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await database.DropAsync(_connectionString);
        Directory.Delete(_folder, recursive: true);
    }

    DpoDeskDbContext Open() => DatabaseProviders.Open(_connectionString, new DataDirectory(_folder));

    [Fact]
    public async Task An_empty_database_gets_every_migration()
    {
        await using var db = Open();
        await Database.MigrateAsync(db, TestContext.Current.CancellationToken);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task A_database_of_the_previous_release_is_upgraded_with_its_data()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = Open())
        {
            var previous = db.Database.GetMigrations().Single(m => m.EndsWith("_" + PreviousRelease, StringComparison.Ordinal));
            await db.GetService<IMigrator>().MigrateAsync(previous, ct);
            // A message waiting in the outbox of the previous release, written as that release wrote it.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO outbox_messages ("Channel", "Recipient", "Subject", "Body", "State", "Attempts", "CreatedAt", "NextAttemptAt", "MessageId")
                VALUES (1, 'jan@firma.pl', 'Temat', 'Treść', 1, 0, {DateTime.UtcNow}, {DateTime.UtcNow}, 'abc@dpodesk')
                """, ct);
        }

        await using (var db = Open())
        {
            await Database.MigrateAsync(db, ct);
            var message = await db.OutboxMessages.SingleAsync(ct);
            Assert.Equal("jan@firma.pl", message.Recipient);
            Assert.Equal(OutboxState.Pending, message.State);
            Assert.Null(message.LeasedUntil);
        }
    }
}

public sealed class MigrationOnSqliteTests() : MigrationTests(TestDatabase.Sqlite);

public sealed class MigrationOnPostgresTests() : MigrationTests(TestDatabase.Postgres);
