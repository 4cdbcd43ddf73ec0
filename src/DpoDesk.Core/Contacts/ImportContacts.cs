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

        var columns = Columns.Find(reader.Header);
        var tally = new Tally();
        // Rows stream from the file into batched inserts: memory stays flat however large the file.
        var imported = await ContactWriter.InsertAsync(db, ReadRows(reader, columns, dbSource.Id, source.AcquiredOn, suppressed, tally), ct).ConfigureAwait(false);
        return new ImportSummary(tally.Read, imported, tally.Suppressed, tally.Rejected);
    }

    sealed class Tally
    {
        public int Read;
        public int Suppressed;
        public List<ImportRejection> Rejected { get; } = [];
    }

    sealed record Columns(int Count, int Name, int Email, int Phone, int Company, int Nip, int Position)
    {
        public static Columns Find(SepReaderHeader header)
        {
            var columns = new Columns(header.ColNames.Count, Index(header, NameColumns), Index(header, EmailColumns), Index(header, PhoneColumns),
                Index(header, CompanyColumns), Index(header, NipColumns), Index(header, PositionColumns));
            if (columns.Name < 0 || (columns.Email < 0 && columns.Phone < 0))
                throw new InvalidDataException("The CSV needs a name column and an e-mail or phone column (name, email, phone, company, nip, position).");
            return columns;
        }

        static int Index(SepReaderHeader header, string[] names)
        {
            foreach (var name in names)
            {
                if (header.TryIndexOf(name, out var index))
                    return index;
            }
            return -1;
        }
    }

    IEnumerable<Contact> ReadRows(SepReader reader, Columns columns, int sourceId, DateOnly acquiredOn, SuppressedKeys suppressed, Tally tally)
    {
        var key = new byte[SuppressionKeys.KeyLength];
        foreach (var row in reader)
        {
            tally.Read++;
            var contact = Parse(row, columns, out var rejection);
            if (contact is null)
            {
                tally.Rejected.Add(new ImportRejection(row.LineNumberFrom, rejection!));
                continue;
            }
            if (IsSuppressed(contact.EmailNormalized, contact.PhoneNormalized, contact.NameKey, suppressed, key))
            {
                tally.Suppressed++;
                continue;
            }
            contact.SourceId = sourceId;
            contact.AcquiredOn = acquiredOn;
            yield return contact;
        }
    }

    static Contact? Parse(SepReader.Row row, Columns columns, out string? rejection)
    {
        rejection = null;
        if (row.ColCount != columns.Count)
        {
            rejection = $"expected {columns.Count} columns, found {row.ColCount}";
            return null;
        }

        var name = row[columns.Name].ToString();
        var rawEmail = Optional(row, columns.Email);
        var rawPhone = Optional(row, columns.Phone);
        var company = Optional(row, columns.Company);
        var nip = Optional(row, columns.Nip);
        var position = Optional(row, columns.Position);
        var email = rawEmail is null ? null : Identifiers.NormalizeEmail(rawEmail);
        var phone = rawPhone is null ? null : Identifiers.NormalizePhone(rawPhone);
        var nameKey = Identifiers.NameKey(name);

        rejection = (nameKey, rawEmail, email, rawPhone, phone) switch
        {
            ({ Length: 0 }, _, _, _, _) => "no name",
            (_, not null, null, _, _) => "invalid e-mail",
            (_, _, _, not null, null) => "invalid phone",
            (_, null, _, null, _) => "neither e-mail nor phone",
            _ when name.Length > MaxText || company?.Length > MaxText || position?.Length > MaxText || rawPhone?.Length > 32 => "a field is too long",
            _ when nip is not null && (nip.Length != 10 || !nip.All(char.IsAsciiDigit)) => "invalid NIP",
            _ => null,
        };
        if (rejection is not null)
            return null;

        return new Contact
        {
            FullName = name,
            NameKey = nameKey,
            Email = rawEmail,
            EmailNormalized = email,
            Phone = rawPhone,
            PhoneNormalized = phone,
            CompanyName = company,
            CompanyNip = nip,
            Position = position,
        };
    }

    const int MaxText = 200;

    bool IsSuppressed(string? email, string? phone, string nameKey, SuppressedKeys suppressed, byte[] key)
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
}
