using DpoDesk.Matching;
using DpoDesk.Persistence;
using DpoDesk.Suppression;
using nietras.SeparatedValues;

namespace DpoDesk.Contacts;

public sealed record ImportSummary(int Read, int Imported, int Suppressed, IReadOnlyList<ImportRejection> Rejected);

public sealed record ImportRejection(int Line, string Reason);

public sealed record ImportSource(string Name, DateOnly AcquiredOn, bool IsPublic, string LegalBasis);

/// <summary>
/// Loads a CSV of contacts from one source into the contact base. Every row passes the suppression
/// list first: an erased person is skipped and counted, never loaded again.
/// </summary>
public sealed class ImportContacts(DpoDeskDbContext db, SuppressionKeys keys)
{
    // Header names accepted for each field, English and Polish; compared without case.
    static readonly string[] NameColumns = ["name", "full_name", "fullname", "imie_nazwisko", "imię i nazwisko"];
    static readonly string[] EmailColumns = ["email", "e-mail", "mail"];
    static readonly string[] PhoneColumns = ["phone", "telefon", "tel"];
    static readonly string[] CompanyColumns = ["company", "firma"];
    static readonly string[] NipColumns = ["nip"];
    static readonly string[] PositionColumns = ["position", "stanowisko"];

    public async Task<ImportSummary> ExecuteAsync(TextReader csv, ImportSource source, CancellationToken ct)
    {
        var dbSource = await ContactWriter.EnsureSourceAsync(db, source.Name, source.IsPublic, source.LegalBasis, ct).ConfigureAwait(false);
        var suppressed = await SuppressionList.LoadImportBlockersAsync(db, ct).ConfigureAwait(false);

        using var reader = Sep.Reader(o => o with
        {
            Unescape = true,
            Trim = SepTrim.All,
            ColNameComparer = StringComparer.OrdinalIgnoreCase,
            DisableColCountCheck = true,
        }).From(csv);

        var header = reader.Header;
        var nameCol = Find(header, NameColumns);
        var emailCol = Find(header, EmailColumns);
        var phoneCol = Find(header, PhoneColumns);
        var companyCol = Find(header, CompanyColumns);
        var nipCol = Find(header, NipColumns);
        var positionCol = Find(header, PositionColumns);
        if (nameCol < 0 || (emailCol < 0 && phoneCol < 0))
            throw new InvalidDataException("The CSV needs a name column and an e-mail or phone column (name, email, phone, company, nip, position).");

        var rejected = new List<ImportRejection>();
        var contacts = new List<Contact>();
        int read = 0, skipped = 0;
        Span<byte> key = stackalloc byte[SuppressionKeys.KeyLength];
        foreach (var row in reader)
        {
            read++;
            var line = row.LineNumberFrom;
            if (row.ColCount != header.ColNames.Count)
            {
                rejected.Add(new ImportRejection(line, $"expected {header.ColNames.Count} columns, found {row.ColCount}"));
                continue;
            }

            var name = row[nameCol].ToString();
            var rawEmail = emailCol >= 0 ? row[emailCol].ToString() : string.Empty;
            var rawPhone = phoneCol >= 0 ? row[phoneCol].ToString() : string.Empty;
            var email = rawEmail.Length == 0 ? null : Identifiers.NormalizeEmail(rawEmail);
            var phone = rawPhone.Length == 0 ? null : Identifiers.NormalizePhone(rawPhone);
            var nameKey = Identifiers.NameKey(name);
            if (nameKey.Length == 0)
            {
                rejected.Add(new ImportRejection(line, "no name"));
                continue;
            }
            if (rawEmail.Length > 0 && email is null)
            {
                rejected.Add(new ImportRejection(line, "invalid e-mail"));
                continue;
            }
            if (rawPhone.Length > 0 && phone is null)
            {
                rejected.Add(new ImportRejection(line, "invalid phone"));
                continue;
            }
            if (email is null && phone is null)
            {
                rejected.Add(new ImportRejection(line, "neither e-mail nor phone"));
                continue;
            }

            if (IsSuppressed(email, phone, nameKey, suppressed, key))
            {
                skipped++;
                continue;
            }

            contacts.Add(new Contact
            {
                FullName = name,
                NameKey = nameKey,
                Email = rawEmail.Length == 0 ? null : rawEmail,
                EmailNormalized = email,
                Phone = rawPhone.Length == 0 ? null : rawPhone,
                PhoneNormalized = phone,
                CompanyName = Optional(row, companyCol),
                CompanyNip = Optional(row, nipCol),
                Position = Optional(row, positionCol),
                SourceId = dbSource.Id,
                AcquiredOn = source.AcquiredOn,
            });
        }

        var imported = await ContactWriter.InsertAsync(db, contacts, ct).ConfigureAwait(false);
        return new ImportSummary(read, imported, skipped, rejected);
    }

    bool IsSuppressed(string? email, string? phone, string nameKey, SuppressedKeys suppressed, Span<byte> key)
    {
        if (email is not null)
        {
            keys.ForEmail(email, key);
            if (suppressed.Contains(key))
                return true;
        }
        if (phone is not null)
        {
            keys.ForPhoneAndName(phone, nameKey, key);
            if (suppressed.Contains(key))
                return true;
        }
        return false;
    }

    static string? Optional(SepReader.Row row, int col)
    {
        if (col < 0)
            return null;
        var value = row[col].ToString();
        return value.Length == 0 ? null : value;
    }

    static int Find(SepReaderHeader header, string[] names)
    {
        foreach (var name in names)
        {
            if (header.TryIndexOf(name, out var index))
                return index;
        }
        return -1;
    }
}
