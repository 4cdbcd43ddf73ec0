using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DpoDesk.Contacts;
using DpoDesk.Licensing;
using DpoDesk.Matching;
using DpoDesk.Persistence;
using DpoDesk.Suppression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DpoDesk.Tests;

/// <summary>
/// The contact base at work on a real database: imports that merge the same person and keep every
/// value's source, the guard on every way in and out, the secret's rotation, exports and their ledger.
/// </summary>
public abstract class ContactBaseTests(TestDatabase database) : IAsyncLifetime
{
    readonly string _folder = Directory.CreateTempSubdirectory("dpodesk-base-").FullName;
    string? _connectionString;
    DpoDeskDbContext _db = null!;
    SuppressionKeys _keys = null!;
    string SecretFile => Path.Combine(_folder, "secrets", "identifier-hash.key");
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database.SkipUnlessAvailable();
        _connectionString = await database.CreateAsync();
        _db = DatabaseProviders.Open(_connectionString, new DataDirectory(_folder));
        await Database.MigrateAsync(_db, Ct);
        _keys = SuppressionKeys.Load(SecretFile);
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
            await _db.DisposeAsync();
        await database.DropAsync(_connectionString);
        _keys?.Dispose();
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    Task<ImportSummary> ImportAsync(string csv, string source = "Partner A", StringWriter? rejects = null, IReadOnlyDictionary<ContactField, string>? map = null, bool allowsSharing = true) =>
        new ImportContacts(_db, _keys).ExecuteAsync(new StringReader(csv),
            new ImportOptions(new ImportSource(source, new DateOnly(2025, 1, 2), false, "art. 6 ust. 1 lit. f RODO", allowsSharing)) { Rejects = rejects, Map = map }, Ct);

    async Task<ImportSummary> ImportBytesAsync(byte[] file, StringWriter rejects)
    {
        using var stream = new MemoryStream(file);
        var encoding = CsvInput.Detect(stream);
        using var reader = new StreamReader(stream, encoding);
        return await new ImportContacts(_db, _keys).ExecuteAsync(reader,
            new ImportOptions(new ImportSource("Arkusz", new DateOnly(2025, 1, 2), false, "art. 6 ust. 1 lit. f RODO")) { Rejects = rejects }, Ct);
    }

    [Fact]
    public async Task The_same_person_from_three_sources_is_one_record_that_keeps_each_source_and_the_values_it_gave()
    {
        await ImportAsync("name,email,phone,company\nJan Kowalski,jan@firma.pl,,Budmax\n", "Partner A");
        var byEmail = await ImportAsync("name;email;phone;position\nKowalski Jan;JAN@Firma.pl;601 234 567;Prezes\n", "CEIDG");
        var byPhone = await ImportAsync("name,phone\nJan Kowalski,+48 601-234-567\n", "KRS");
        // Another address under the same phone and name stays a record of its own: one record keeps one address.
        var otherAddress = await ImportAsync("name,email,phone\nJan Kowalski,jan.k@inna.pl,601234567\n", "KRS");

        Assert.Equal((0L, 1L), (byEmail.Imported, byEmail.Merged));
        Assert.Equal((0L, 1L), (byPhone.Imported, byPhone.Merged));
        Assert.Equal((1L, 0L), (otherAddress.Imported, otherAddress.Merged));
        var jan = await _db.Contacts.Include(c => c.Source).Include(c => c.OtherSources).ThenInclude(s => s.Source).SingleAsync(c => c.EmailNormalized == "jan@firma.pl", Ct);
        Assert.Equal(("jan@firma.pl", "+48601234567", "Budmax", "Prezes"), (jan.Email, jan.PhoneNormalized, jan.CompanyName, jan.Position));
        Assert.Equal("Partner A", jan.Source!.Name);
        Assert.Equal(ContactFields.Name | ContactFields.Email | ContactFields.Company, jan.Fields);
        var others = jan.OtherSources.OrderBy(s => s.Source!.Name).Select(s => (s.Source!.Name, s.Fields)).ToArray();
        Assert.Equal([("CEIDG", ContactFields.Name | ContactFields.Email | ContactFields.Phone | ContactFields.Position), ("KRS", ContactFields.Name | ContactFields.Phone)], others);
        Assert.Equal(2, await _db.Contacts.CountAsync(Ct));
    }

    [Fact]
    public async Task Running_the_same_file_again_adds_nothing_and_rows_of_one_person_in_a_file_are_merged()
    {
        var csv = """
            name,email,phone
            Anna Nowak,anna@firma.pl,
            Nowak Anna,ANNA@firma.pl,601111222
            Anna Nowak,,601 111 222
            Piotr Zając,piotr@firma.pl,
            """;
        var first = await ImportAsync(csv);
        var again = await ImportAsync(csv);

        Assert.Equal((4L, 2L, 2L), (first.Read, first.Imported, first.Merged));
        Assert.Equal((4L, 0L, 4L), (again.Read, again.Imported, again.Merged));
        Assert.Equal(2, await _db.Contacts.CountAsync(Ct));
        var anna = await _db.Contacts.SingleAsync(c => c.EmailNormalized == "anna@firma.pl", Ct);
        Assert.Equal("+48601111222", anna.PhoneNormalized);
        Assert.False(await _db.ContactSources.AnyAsync(Ct), "one source gave everything: no other sources");
    }

    [Fact]
    public async Task Every_kind_of_bad_row_goes_to_the_rejects_file_with_its_line_and_the_rest_loads()
    {
        var rejects = new StringWriter();
        var summary = await ImportAsync("""
            name,email,phone,company
            Anna Nowak,anna@firma.pl,601 234 567,ACME
            "Jan Kowalski,jan@firma.pl,,ACME
            Ewa Lis,ewa@lis.pl,,
            Za,dużo,kolumn,tu,!
            Zły Adres,zly@,,
            Zły Numer,,12-34,
            Nikt,,,
            Ola Kot,ola@kot.pl,,
            """, rejects: rejects);

        Assert.Equal(["Anna Nowak", "Ewa Lis", "Ola Kot"], await _db.Contacts.OrderBy(c => c.Id).Select(c => c.FullName).ToListAsync(Ct));
        Assert.Equal([(3, "broken quoting: a quote opened on this line is never closed"), (5, "expected 4 columns, found 5"), (6, "invalid e-mail"), (7, "invalid phone"), (8, "neither e-mail nor phone")],
            summary.Rejected.Select(r => (r.Line, r.Reason)).ToArray());
        Assert.Equal(5, summary.RejectedCount);
        var lines = rejects.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("line;reason;row", lines[0]);
        Assert.Contains("5;\"expected 4 columns, found 5\";\"Za,dużo,kolumn,tu,!\"", lines);
        Assert.Contains("3;\"broken quoting: a quote opened on this line is never closed\";\"\"\"Jan Kowalski,jan@firma.pl,,ACME\"", lines);
    }

    [Fact]
    public async Task A_windows_1250_file_is_read_as_such_and_a_row_with_bytes_it_does_not_define_is_rejected()
    {
        var cp1250 = CsvInput.Windows1250;
        var file = cp1250.GetBytes("imię i nazwisko;e-mail\nŻaneta Łukasik-Wójcik;zaneta@firma.pl\nZły Bajt;X@firma.pl\n");
        // 0x98 is undefined in Windows-1250: the row cannot be read as text.
        var bad = Array.IndexOf(file, (byte)'X');
        file[bad] = 0x98;
        var rejects = new StringWriter();

        var summary = await ImportBytesAsync(file, rejects);

        Assert.Equal(1, summary.Imported);
        Assert.Equal("Żaneta Łukasik-Wójcik", (await _db.Contacts.SingleAsync(Ct)).FullName);
        Assert.Equal([(3, "bytes that are not text in the file's encoding")], summary.Rejected.Select(r => (r.Line, r.Reason)).ToArray());
        Assert.Equal(CsvInput.Utf8, CsvInput.Detect(new MemoryStream(Encoding.UTF8.GetBytes("name,email\nŻaneta,z@f.pl\n"))));
    }

    [Fact]
    public async Task Headers_of_their_own_are_mapped_and_a_map_to_a_missing_column_is_refused()
    {
        var map = ContactColumns.ParseMap("name=Osoba, email=\"Poczta służbowa\", phone=Komórka");
        var summary = await ImportAsync("Osoba\tPoczta służbowa\tKomórka\nAnna Nowak\tanna@firma.pl\t601 234 567\n", map: map);
        Assert.Equal(1, summary.Imported);
        Assert.Equal("+48601234567", (await _db.Contacts.SingleAsync(Ct)).PhoneNormalized);

        var wrong = await Assert.ThrowsAsync<InvalidDataException>(() => ImportAsync("Osoba,Mail\nA B,a@b.pl\n", map: ContactColumns.ParseMap("name=Osoba,email=E-mail")));
        Assert.Contains("E-mail", wrong.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => ContactColumns.ParseMap("pesel=PESEL"));
    }

    async Task SuppressAsync(byte[] key, SuppressionKind kind, SuppressedIdentifier identifier, string? list = null) =>
        await SuppressionList.AddManyAsync(_db, _keys, [(key, identifier)], kind, list, DateTime.UtcNow, Ct);

    async Task SuppressEveryKindAsync()
    {
        await SuppressAsync(_keys.ForEmail("erased@firma.pl"), SuppressionKind.Erased, SuppressedIdentifier.Email);
        await SuppressAsync(_keys.ForPhoneAndName("+48601000001", Identifiers.NameKey("Jan Kowalski")), SuppressionKind.Erased, SuppressedIdentifier.PhoneAndName);
        await SuppressAsync(_keys.ForEmail("objected@firma.pl"), SuppressionKind.SharingObjection, SuppressedIdentifier.Email);
        await SuppressAsync(_keys.ForPhone("+48601000002"), SuppressionKind.ExternalList, SuppressedIdentifier.Phone, "Robinson");
        await SuppressAsync(_keys.ForSha256(SHA256.HashData("hashed@firma.pl"u8)), SuppressionKind.ExternalList, SuppressedIdentifier.Sha256, "Partner");
    }

    [Fact]
    public async Task A_list_added_twice_or_with_a_key_twice_is_on_the_list_once()
    {
        (byte[], SuppressedIdentifier)[] list = [(_keys.ForEmail("a@firma.pl"), SuppressedIdentifier.Email), (_keys.ForPhone("+48601000009"), SuppressedIdentifier.Phone), (_keys.ForEmail("a@firma.pl"), SuppressedIdentifier.Email)];

        var first = await SuppressionList.AddManyAsync(_db, _keys, list, SuppressionKind.ExternalList, "Robinson", DateTime.UtcNow, Ct);
        var again = await SuppressionList.AddManyAsync(_db, _keys, list, SuppressionKind.ExternalList, "Robinson", DateTime.UtcNow, Ct);

        Assert.Equal((2, 0), (first, again));
        Assert.Equal(2, await _db.SuppressionEntries.CountAsync(e => e.ListName == "Robinson", Ct));
    }

    [Fact]
    public async Task Import_keeps_out_the_erased_only_and_export_keeps_in_no_one_suppressed_of_any_kind()
    {
        await SuppressEveryKindAsync();
        var import = await ImportAsync("""
            name,email,phone
            Ktoś Usunięty,ERASED@firma.pl,
            Kowalski Jan,,0048 601 000 001
            Ola Sprzeciw,objected@firma.pl,
            Robert Robinson,robert@firma.pl,601000002
            Hanna Hash,hashed@firma.pl,
            Czysta Osoba,czysta@firma.pl,
            """);
        Assert.Equal((2L, 4L), (import.Suppressed, import.Imported));

        var (licence, _) = await LicenceAsync();
        var csv = new StringWriter();
        var export = await Desk().ExportAsync(licence, csv, "test", Ct);

        Assert.Equal((1, 3), (export.Written, export.Withheld));
        var rows = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("name,email,phone,company,nip,position,source,acquired_on", rows[0]);
        Assert.Equal("Czysta Osoba,czysta@firma.pl,,,,,Partner A,2025-01-02", rows[1].TrimEnd('\r'));
        Assert.Equal(2, rows.Length);
    }

    [Fact]
    public async Task A_filtered_list_loses_every_suppressed_row_and_keeps_the_others_as_they_were()
    {
        await SuppressEveryKindAsync();
        var input = """"
            "Imię i nazwisko";Email;Telefon;Uwagi
            "Usunięty, Ktoś";erased@firma.pl;;"a ""quoted"" note"
            Jan Kowalski;;+48 601 000 001;
            Inny Jan;;+48 601 000 001;same phone, other name
            Ola;OBJECTED@firma.pl;;
            Robert;;601000002;
            Hanna;hashed@firma.pl;;
            "Czysta, Osoba";czysta@firma.pl;601 999 888;"keep ""me"""
            Bez Kontaktu;;;
            """".Replace("\r\n", "\n", StringComparison.Ordinal);
        var guard = new IdentifierGuard(_keys, await SuppressionList.LoadAsync(_db, _keys, Ct));

        using var output = new MemoryStream();
        var summary = await GuardFile.FilterAsync(new MemoryStream(Encoding.UTF8.GetBytes(input)), output, Encoding.UTF8, guard, null, keepUnchecked: false, null, Ct);
        using var kept = new MemoryStream();
        var withUnchecked = await GuardFile.FilterAsync(new MemoryStream(Encoding.UTF8.GetBytes(input)), kept, Encoding.UTF8, guard, null, keepUnchecked: true, null, Ct);

        Assert.Equal((8L, 2L, 5L, 1L), (summary.Read, summary.Kept, summary.Suppressed, summary.Unchecked));
        var lines = input.Split('\n');
        Assert.Equal(string.Join('\n', lines[0], lines[3], lines[7]) + "\n", Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal(3L, withUnchecked.Kept);
        // The last row had no newline, and gets none: rows go out as they came.
        Assert.EndsWith("\n" + lines[8], Encoding.UTF8.GetString(kept.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filtered_list_comes_out_the_same_however_its_blocks_fall_quoted_newlines_windows_1250_and_crlf_included()
    {
        await SuppressEveryKindAsync();
        var guard = new IdentifierGuard(_keys, await SuppressionList.LoadAsync(_db, _keys, Ct));
        var windows1250 = CsvInput.Windows1250;
        var text = new StringBuilder("Imię i nazwisko;Email;Telefon;Uwagi\r\n");
        for (var i = 0; i < 60; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Zażółć Gęślą {i};osoba{i}@firma.pl;;\"note {i}\r\nover two lines\"\r\n");
            text.Append("\"Usunięty\";erased@firma.pl;;\"a \"\"quoted\"\"\nnote\"\r\n");
            text.Append("Jan Kowalski;;+48 601 000 001;\r\n");
            text.Append(CultureInfo.InvariantCulture, $"Łucja {i};\"lucja{i}@firma.pl\";601 999 {i:000};\r\n");
        }
        var input = windows1250.GetBytes(text.ToString());

        async Task<(GuardSummary Summary, byte[] Output)> Filter(int blockSize)
        {
            using var output = new MemoryStream();
            var summary = await GuardFile.FilterAsync(new MemoryStream(input), output, windows1250, guard, null, keepUnchecked: false, null, blockSize, Ct);
            return (summary, output.ToArray());
        }

        var (whole, expected) = await Filter(1 << 20);
        Assert.Equal((240L, 120L, 120L, 0L), (whole.Read, whole.Kept, whole.Suppressed, whole.Unchecked));
        var kept = windows1250.GetString(expected);
        Assert.StartsWith("Imię i nazwisko;Email;Telefon;Uwagi\r\nZażółć Gęślą 0;osoba0@firma.pl;;\"note 0\r\nover two lines\"\r\nŁucja 0;", kept, StringComparison.Ordinal);
        Assert.DoesNotContain("erased@", kept, StringComparison.Ordinal);
        Assert.DoesNotContain("Kowalski", kept, StringComparison.Ordinal);
        foreach (var blockSize in new[] { 7, 16, 61, 100, 333, 4096 })
        {
            var (summary, output) = await Filter(blockSize);
            Assert.Equal(whole, summary);
            Assert.Equal(expected, output);
        }
    }

    [Fact]
    public async Task A_quote_left_open_costs_its_own_row_only()
    {
        var guard = new IdentifierGuard(_keys, await SuppressionList.LoadAsync(_db, _keys, Ct));
        var rows = new StringBuilder("name,email\n\"Broken,broken@firma.pl\n");
        // Past the longest row a file may have, so the open quote cannot swallow the rest of the file.
        for (var i = 0; rows.Length < 3 << 20; i++)
            rows.Append(CultureInfo.InvariantCulture, $"Osoba {i},osoba{i}@firma.pl\n");
        var input = Encoding.UTF8.GetBytes(rows.ToString());
        using var output = new MemoryStream();

        var summary = await GuardFile.FilterAsync(new MemoryStream(input), output, Encoding.UTF8, guard, null, keepUnchecked: false, null, 1 << 20, Ct);

        Assert.Equal((summary.Read - 1, 0L), (summary.Kept, summary.Suppressed));
        Assert.Equal(1L, summary.Unchecked);
        Assert.StartsWith("name,email\nOsoba 0,osoba0@firma.pl\n", Encoding.UTF8.GetString(output.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotating_the_secret_re_keys_the_list_and_the_guard_still_knows_everyone_on_it()
    {
        await SuppressEveryKindAsync();
        var before = await _db.SuppressionEntries.AsNoTracking().OrderBy(e => e.Id).Select(e => e.Key).ToListAsync(Ct);
        // A running instance loaded generation 0 before the rotation.
        var running = _keys;

        var (generation, rekeyed) = await SuppressionList.RotateAsync(_db, SecretFile, Ct);
        var (second, _) = await SuppressionList.RotateAsync(_db, SecretFile, Ct);

        Assert.Equal((1, 5, 2), (generation, rekeyed, second));
        var after = await _db.SuppressionEntries.AsNoTracking().OrderBy(e => e.Id).Select(e => e.Key).ToListAsync(Ct);
        Assert.All(before.Zip(after), pair => Assert.NotEqual(pair.First, pair.Second));
        using var restarted = SuppressionKeys.Load(SecretFile);
        Assert.Equal(2, restarted.Generation);
        foreach (var keys in new[] { restarted, running })
        {
            var guard = new IdentifierGuard(keys, await SuppressionList.LoadAsync(_db, keys, Ct));
            Assert.Equal(GuardVerdict.Erased, guard.Check("erased@firma.pl", default, default));
            Assert.Equal(GuardVerdict.Erased, guard.Check(default, "+48601000001", "jan kowalski"));
            Assert.Equal(GuardVerdict.BlocksExport, guard.Check("objected@firma.pl", default, default));
            Assert.Equal(GuardVerdict.BlocksExport, guard.Check(default, "+48601000002", "ktokolwiek"));
            Assert.Equal(GuardVerdict.BlocksExport, guard.Check("hashed@firma.pl", default, default));
            Assert.Equal(GuardVerdict.Clear, guard.Check("czysta@firma.pl", "+48601999888", "czysta osoba"));
        }
        Assert.Equal(2, running.Generation);
    }

    LicensingDesk Desk() => new(_db, _keys, new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.Zero)));

    async Task<(Licence Licence, string ApiKey)> LicenceAsync(string? sources = null, bool emailRequired = false, string nip = "1234563218")
    {
        var desk = Desk();
        var (licensee, apiKey) = await desk.AddLicenseeAsync($"Klient {nip}", nip, "Anna Klient", $"dane@{nip}.example", Ct);
        var licence = new Licence
        {
            Number = await desk.NextLicenceNumberAsync(Ct),
            LicenseeId = licensee.Id,
            Purpose = "prospecting B2B",
            Sources = sources,
            EmailRequired = emailRequired,
            StartsOn = new DateOnly(2026, 1, 1),
            RetentionEndsOn = new DateOnly(2026, 12, 31),
        };
        _db.Licences.Add(licence);
        await _db.SaveChangesAsync(Ct);
        return (licence, apiKey);
    }

    [Fact]
    public async Task An_export_sends_only_what_the_licence_and_the_sources_allow_and_the_ledger_knows_who_received_each_record()
    {
        await ImportAsync("name,email,phone\nAnna Nowak,anna@firma.pl,\nBartosz Bez Maila,,601 000 003\nCezary Sprzeciw,cezary@firma.pl,\nDorota Przegląd,dorota@firma.pl,\n", "CEIDG");
        await ImportAsync("name,email\nEwa Zamknięta,ewa@firma.pl\n", "Partner bez zgody", allowsSharing: false);
        await _db.Contacts.Where(c => c.EmailNormalized == "cezary@firma.pl").ExecuteUpdateAsync(u => u.SetProperty(c => c.SharingBarred, true), Ct);
        await _db.Contacts.Where(c => c.EmailNormalized == "dorota@firma.pl").ExecuteUpdateAsync(u => u.SetProperty(c => c.Restricted, true), Ct);
        var ids = await _db.Contacts.ToDictionaryAsync(c => c.FullName, c => c.Id, Ct);

        var (all, _) = await LicenceAsync();
        var (withEmail, _) = await LicenceAsync(sources: "CEIDG", emailRequired: true, nip: "7251801126");
        var first = await Desk().ExportAsync(all, new StringWriter(), "test", Ct);
        var second = await Desk().ExportAsync(withEmail, new StringWriter(), "test", Ct);

        Assert.Equal((2, 1), (first.Written, second.Written));
        var anna = await DisclosureLedger.RecipientsAsync(_db, [ids["Anna Nowak"]], Ct);
        Assert.Equal([all.Number, withEmail.Number], anna.Select(r => r.Licence.Number).Order().ToArray());
        var bartosz = await DisclosureLedger.RecipientsAsync(_db, [ids["Bartosz Bez Maila"]], Ct);
        Assert.Equal([all.Number], bartosz.Select(r => r.Licence.Number).ToArray());
        foreach (var name in new[] { "Cezary Sprzeciw", "Dorota Przegląd", "Ewa Zamknięta" })
            Assert.Empty(await DisclosureLedger.RecipientsAsync(_db, [ids[name]], Ct));
    }
}

public sealed class ContactBaseOnSqliteTests() : ContactBaseTests(TestDatabase.Sqlite);

public sealed class ContactBaseOnPostgresTests() : ContactBaseTests(TestDatabase.Postgres);

public sealed class DisclosureLedgerTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(3000)]
    public void A_block_holds_exactly_the_ids_it_was_given_as_a_list_or_a_bitmap(int count)
    {
        var random = new Random(count);
        var ids = Enumerable.Range(0, count * 3).Select(_ => 40_960L + random.Next(4096)).Distinct().Take(count).Order().ToList();
        var blocks = DisclosureLedger.Blocks(7, ids).ToList();

        var block = Assert.Single(blocks);
        Assert.Equal(10, block.Block);
        Assert.True(block.Members.Length <= 513, $"{block.Members.Length} bytes");
        var set = ids.ToHashSet();
        for (var id = 40_960L; id < 40_960 + 4096; id++)
            Assert.Equal(set.Contains(id), DisclosureLedger.Contains(block.Members, id));
    }

    [Fact]
    public void Ids_across_blocks_make_one_row_per_block()
    {
        var blocks = DisclosureLedger.Blocks(1, [1, 2, 4095, 4096, 9000, 1_000_000]).ToList();
        Assert.Equal([0, 1, 2, 244], blocks.Select(b => b.Block).ToArray());
    }
}
