using System.Security.Cryptography;
using DpoDesk.Contacts;
using DpoDesk.Matching;
using DpoDesk.Persistence;
using DpoDesk.Suppression;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Tests;

/// <summary>The CSV loader on a real SQLite database: bad rows are set aside with their line, suppressed people never load.</summary>
public abstract class ImportContactsTests(TestDatabase database) : IAsyncLifetime
{
    readonly string _folder = Directory.CreateTempSubdirectory("dpodesk-import-").FullName;
    readonly SuppressionKeys _keys = new(RandomNumberGenerator.GetBytes(32));
    string? _connectionString;
    DpoDeskDbContext _db = null!;

    public async ValueTask InitializeAsync()
    {
        database.SkipUnlessAvailable();
        _connectionString = await database.CreateAsync();
        _db = DatabaseProviders.Open(_connectionString, new DataDirectory(_folder));
        await Database.MigrateAsync(_db, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
            await _db.DisposeAsync();
        await database.DropAsync(_connectionString);
        _keys.Dispose();
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    Task<ImportSummary> ImportAsync(string csv) =>
        new ImportContacts(_db, _keys).ExecuteAsync(new StringReader(csv), new ImportSource("Test", new DateOnly(2025, 1, 2), false, "art. 6 ust. 1 lit. a RODO"), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Bad_rows_are_rejected_with_their_line_and_reason_and_the_rest_loads()
    {
        var summary = await ImportAsync("""
            name;email;phone;nip
            Anna Nowak;anna@firma.pl;601 234 567;1234563218
            Jan Kowalski;jan@;;
            Ewa Lis;;12;
            "Piotr ""Piotrek"" Zając";piotr@firma.pl;;
            Za;duzo;kolumn;tutaj;!
            ;bez.nazwy@firma.pl;;
            Tylko Nazwa;;;
            Zła Firma;zla@firma.pl;;123
            """);

        Assert.Equal(8, summary.Read);
        Assert.Equal(2, summary.Imported);
        Assert.Equal(
            [(3, "invalid e-mail"), (4, "invalid phone"), (6, "expected 4 columns, found 5"), (7, "no name"), (8, "neither e-mail nor phone"), (9, "invalid NIP")],
            summary.Rejected.Select(r => (r.Line, r.Reason)).ToArray());
        var piotr = await _db.Contacts.Include(c => c.Source).SingleAsync(c => c.EmailNormalized == "piotr@firma.pl", TestContext.Current.CancellationToken);
        Assert.Equal("Piotr \"Piotrek\" Zając", piotr.FullName);
        Assert.Equal(new DateOnly(2025, 1, 2), piotr.AcquiredOn);
        Assert.Equal("Test", piotr.Source!.Name);
        Assert.Equal("+48601234567", (await _db.Contacts.SingleAsync(c => c.EmailNormalized == "anna@firma.pl", TestContext.Current.CancellationToken)).PhoneNormalized);
    }

    [Fact]
    public async Task Suppressed_people_are_skipped_by_email_or_by_phone_with_their_name()
    {
        _db.SuppressionEntries.Add(new SuppressionEntry { Key = _keys.ForEmail("erased@firma.pl"), Kind = SuppressionKind.Erased });
        _db.SuppressionEntries.Add(new SuppressionEntry { Key = _keys.ForPhoneAndName("+48601234567", Identifiers.NameKey("Jan Kowalski")), Kind = SuppressionKind.Erased });
        // An objection to sharing does not keep a person out of the base, only out of exports.
        _db.SuppressionEntries.Add(new SuppressionEntry { Key = _keys.ForEmail("objected@firma.pl"), Kind = SuppressionKind.SharingObjection });
        await _db.SaveChangesAsync(TestContext.Current.CancellationToken);

        var summary = await ImportAsync("""
            name,email,phone
            Ktoś Usunięty,ERASED@firma.pl,
            Kowalski Jan,nowy@firma.pl,0048601234567
            Anna Nowak,anna@firma.pl,601234567
            Ola Sprzeciw,objected@firma.pl,
            """);

        Assert.Equal(2, summary.Suppressed);
        Assert.Equal(2, summary.Imported);
        Assert.False(await _db.Contacts.AnyAsync(c => c.EmailNormalized == "erased@firma.pl" || c.EmailNormalized == "nowy@firma.pl", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_person_seen_again_batches_later_is_merged_into_the_record_already_written()
    {
        // Batches of 100 rows here: every second sighting comes in a later batch than the first, after
        // the first was written, and the reading thread reuses the lists of written batches.
        var csv = new System.Text.StringBuilder("name,email,phone,company\n");
        for (var i = 0; i < 250; i++)
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Osoba {i},osoba{i}@firma.pl,,\n");
        for (var i = 0; i < 250; i++)
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Osoba {i},OSOBA{i}@firma.pl,,Firma {i}\n");
        for (var i = 250; i < 300; i++)
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Osoba {i},osoba{i}@firma.pl,,\n");
        var ct = TestContext.Current.CancellationToken;

        var summary = await new ImportContacts(_db, _keys).ExecuteAsync(new StringReader(csv.ToString()),
            new ImportOptions(new ImportSource("Test", new DateOnly(2025, 1, 2), false, "art. 6 ust. 1 lit. a RODO")) { BatchRows = 100 }, ct);

        Assert.Equal((550L, 300L, 250L), (summary.Read, summary.Imported, summary.Merged));
        Assert.Equal(300, await _db.Contacts.CountAsync(ct));
        Assert.Equal(250, await _db.Contacts.CountAsync(c => c.CompanyName != null, ct));
        var late = await _db.Contacts.SingleAsync(c => c.EmailNormalized == "osoba234@firma.pl", ct);
        Assert.Equal(("osoba234@firma.pl", "Firma 234"), (late.Email, late.CompanyName));
    }

    [Fact]
    public async Task A_bulk_load_merges_within_its_batch_and_leaves_the_indexes_and_settings_as_they_were()
    {
        // More rows expected than the base holds: the look-up indexes are dropped for the load and built
        // again, and on SQLite a second connection folds the log meanwhile.
        var csv = new System.Text.StringBuilder("name,email,phone,company,position\n");
        for (var i = 0; i < 150; i++)
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Łucja Żak {i},,600 100 {i:000},Żółta Sp. z o.o.,\n");
        // The same people a few rows later: an e-mail and a position to fill in, the company in other letter case.
        for (var i = 0; i < 150; i++)
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"zak lucja {i},lucja.zak{i}@firma.pl,+48600100{i:000},ŻÓŁTA SP. Z O.O.,Księgowa\n");
        var ct = TestContext.Current.CancellationToken;
        // Held open across the import, so that the settings read below are those of the import's own connection.
        await _db.Database.OpenConnectionAsync(ct);

        var summary = await new ImportContacts(_db, _keys).ExecuteAsync(new StringReader(csv.ToString()),
            new ImportOptions(new ImportSource("Test", new DateOnly(2025, 1, 2), false, "art. 6 ust. 1 lit. a RODO")) { BatchRows = 1000, ExpectedRows = 300 }, ct);

        Assert.Equal((300L, 150L, 150L), (summary.Read, summary.Imported, summary.Merged));
        var record = await _db.Contacts.AsNoTracking().SingleAsync(c => c.EmailNormalized == "lucja.zak7@firma.pl", ct);
        Assert.Equal(("Łucja Żak 7", "+48600100007", "Żółta Sp. z o.o.", "Księgowa"), (record.FullName, record.PhoneNormalized, record.CompanyName, record.Position));
        Assert.Equal(ContactFields.All & ~ContactFields.Nip, record.Fields);
        // The e-mail an earlier row lent its record is found by the index built after the load.
        Assert.Equal(record.Id, (await _db.Contacts.SingleAsync(c => c.PhoneNormalized == "+48600100007", ct)).Id);

        var indexes = _db.Database.IsSqlite()
            ? await _db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'contacts'").ToListAsync(ct)
            : await _db.Database.SqlQueryRaw<string>("SELECT indexname AS \"Value\" FROM pg_indexes WHERE tablename = 'contacts'").ToListAsync(ct);
        Assert.Contains("IX_contacts_EmailNormalized", indexes);
        Assert.Contains("IX_contacts_PhoneNormalized", indexes);
        Assert.DoesNotContain("IX_contacts_SourceId", indexes);
        if (_db.Database.IsSqlite())
        {
            // The import's connection goes back to the pool as it came: the log folded every thousand pages, every commit synced, foreign keys checked.
            await using var command = _db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA wal_autocheckpoint";
            Assert.Equal(1000L, (long)(await command.ExecuteScalarAsync(ct))!);
            command.CommandText = "PRAGMA synchronous";
            Assert.Equal(2L, (long)(await command.ExecuteScalarAsync(ct))!);
            command.CommandText = "PRAGMA foreign_keys";
            Assert.Equal(1L, (long)(await command.ExecuteScalarAsync(ct))!);
        }
        await _db.Database.CloseConnectionAsync();
    }

    [Fact]
    public async Task An_email_is_stored_as_written_only_where_it_differs_from_its_normalised_form()
    {
        var ct = TestContext.Current.CancellationToken;
        await ImportAsync("name,email\nAnna Nowak,anna@firma.pl\nJan Kowalski, Jan.Kowalski@Firma.PL \n");

        var stored = await _db.Database.SqlQueryRaw<string>("""SELECT COALESCE("Email", '(none)') AS "Value" FROM contacts ORDER BY "Id" """).ToListAsync(ct);
        Assert.Equal(["(none)", "Jan.Kowalski@Firma.PL"], stored);
        var contacts = await _db.Contacts.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        Assert.Equal([("anna@firma.pl", "anna@firma.pl"), ("Jan.Kowalski@Firma.PL", "jan.kowalski@firma.pl")], contacts.Select(c => (c.Email, c.EmailNormalized)));
    }

    [Fact]
    public async Task A_file_without_a_name_column_is_refused_before_anything_loads()
    {
        await Assert.ThrowsAsync<InvalidDataException>(() => ImportAsync("email\na@b.pl\n"));
        Assert.False(await _db.Contacts.AnyAsync(TestContext.Current.CancellationToken));
    }
}

public sealed class ImportContactsOnSqliteTests() : ImportContactsTests(TestDatabase.Sqlite);

public sealed class ImportContactsOnPostgresTests() : ImportContactsTests(TestDatabase.Postgres);
