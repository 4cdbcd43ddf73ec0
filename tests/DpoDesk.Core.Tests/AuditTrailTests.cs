using System.Security.Cryptography;
using DpoDesk.Audit;
using DpoDesk.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Tests;

/// <summary>The audit chain on a real database: intact when left alone, and every kind of tampering found where it happened.</summary>
public abstract class AuditTrailTests(TestDatabase database) : IAsyncLifetime
{
    readonly string _folder = Directory.CreateTempSubdirectory("dpodesk-audit-").FullName;
    readonly AuditTrail _audit = new(RandomNumberGenerator.GetBytes(32));
    static readonly DateTime Start = new(2026, 12, 4, 9, 0, 0, DateTimeKind.Utc);
    string? _connectionString;
    DpoDeskDbContext _db = null!;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database.SkipUnlessAvailable();
        _connectionString = await database.CreateAsync();
        _db = DatabaseProviders.Open(_connectionString, new DataDirectory(_folder));
        await Database.MigrateAsync(_db, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
            await _db.DisposeAsync();
        await database.DropAsync(_connectionString);
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    async Task AppendTenAsync()
    {
        for (var i = 1; i <= 10; i++)
            await _audit.AppendAsync(_db, new AuditEntry("operator@iod.example", AuditActions.RequestViewed, $"request:IOD/2026/{i:D6}", i == 3 ? "Zażółć gęślą jaźń" : null, "10.0.0.7"), Start.AddMinutes(i).AddTicks(1234567), Ct);
    }

    /// <summary>What someone with full access to the database would do: switch the guard off, then edit.</summary>
    async Task TamperAsync(string sql)
    {
        var disable = DatabaseProviders.EngineOf(_connectionString) == DatabaseEngine.Postgres
            ? "ALTER TABLE audit_events DISABLE TRIGGER USER"
            : "DROP TRIGGER audit_events_append_only_update; DROP TRIGGER audit_events_append_only_delete";
        await _db.Database.ExecuteSqlRawAsync(disable, Ct);
        await _db.Database.ExecuteSqlRawAsync(sql, Ct);
    }

    [Fact]
    public async Task An_untouched_chain_is_intact()
    {
        Assert.True((await _audit.VerifyAsync(_db, Ct)).IsIntact);
        await AppendTenAsync();

        var result = await _audit.VerifyAsync(_db, Ct);

        Assert.True(result.IsIntact);
        Assert.Equal(10, result.VerifiedEvents);
        var events = await _db.AuditEvents.OrderBy(e => e.Sequence).ToListAsync(Ct);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(events[2].Hash, events[3].PreviousHash);
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_remove_an_event()
    {
        await AppendTenAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => _db.Database.ExecuteSqlRawAsync("""UPDATE audit_events SET "Detail" = 'x' WHERE "Sequence" = 2""", Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => _db.Database.ExecuteSqlRawAsync("""DELETE FROM audit_events WHERE "Sequence" = 2""", Ct));
        Assert.True((await _audit.VerifyAsync(_db, Ct)).IsIntact);
    }

    [Fact]
    public async Task A_changed_event_is_reported_where_it_was_changed()
    {
        await AppendTenAsync();
        await TamperAsync("""UPDATE audit_events SET "Actor" = 'someone-else@iod.example' WHERE "Sequence" = 4""");

        var result = await _audit.VerifyAsync(_db, Ct);

        Assert.False(result.IsIntact);
        Assert.Equal(4, result.BrokenAt);
        Assert.Equal(AuditBreak.Altered, result.Break);
        Assert.Equal(3, result.VerifiedEvents);
    }

    [Fact]
    public async Task A_removed_event_is_reported()
    {
        await AppendTenAsync();
        await TamperAsync("""DELETE FROM audit_events WHERE "Sequence" = 6""");

        var result = await _audit.VerifyAsync(_db, Ct);

        Assert.Equal((false, 6L, AuditBreak.Missing), (result.IsIntact, result.BrokenAt!.Value, result.Break));
    }

    [Fact]
    public async Task Events_removed_from_the_end_are_reported()
    {
        await AppendTenAsync();
        await TamperAsync("""DELETE FROM audit_events WHERE "Sequence" >= 9""");

        var result = await _audit.VerifyAsync(_db, Ct);

        Assert.Equal((false, 9L, AuditBreak.Truncated), (result.IsIntact, result.BrokenAt!.Value, result.Break));
    }

    [Fact]
    public async Task A_renumbered_chain_with_an_event_cut_out_is_reported()
    {
        await AppendTenAsync();
        // Cut event 5 out and close the gap: 6..10 become 5..9, and the head is set back one.
        await TamperAsync("""DELETE FROM audit_events WHERE "Sequence" = 5; UPDATE audit_events SET "Sequence" = "Sequence" - 1 WHERE "Sequence" > 5; UPDATE audit_chain_head SET "LastSequence" = 9""");

        var result = await _audit.VerifyAsync(_db, Ct);

        Assert.False(result.IsIntact);
        Assert.Equal(5, result.BrokenAt);
    }

    [Fact]
    public async Task Another_secret_cannot_vouch_for_the_chain()
    {
        await AppendTenAsync();

        var result = await new AuditTrail(RandomNumberGenerator.GetBytes(32)).VerifyAsync(_db, Ct);

        Assert.Equal((false, 1L, AuditBreak.Altered), (result.IsIntact, result.BrokenAt!.Value, result.Break));
    }

    [Fact]
    public async Task Concurrent_appends_make_one_unbroken_chain()
    {
        var connection = _connectionString;
        await Parallel.ForAsync(0, 8, Ct, async (worker, ct) =>
        {
            await using var db = DatabaseProviders.Open(connection, new DataDirectory(_folder));
            for (var i = 0; i < 25; i++)
                await _audit.AppendAsync(db, new AuditEntry($"worker{worker}", AuditActions.RequestViewed), Start, ct);
        });

        var result = await _audit.VerifyAsync(_db, Ct);

        Assert.True(result.IsIntact, result.Break.ToString());
        Assert.Equal(200, result.VerifiedEvents);
    }
}

public sealed class AuditTrailOnSqliteTests() : AuditTrailTests(TestDatabase.Sqlite);

public sealed class AuditTrailOnPostgresTests() : AuditTrailTests(TestDatabase.Postgres);
