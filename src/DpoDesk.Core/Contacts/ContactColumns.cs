using nietras.SeparatedValues;

namespace DpoDesk.Contacts;

/// <summary>A field of a contact file.</summary>
public enum ContactField
{
    Name,
    Email,
    Phone,
    Company,
    Nip,
    Position,
}

/// <summary>
/// Where each field sits in a file's header: by the usual names in English and Polish, or as mapped
/// by the caller (<c>--map email="Adres e-mail",phone=Tel</c>).
/// </summary>
public sealed record ContactColumns(int Count, int Name, int Email, int Phone, int Company, int Nip, int Position)
{
    static readonly Dictionary<ContactField, string[]> KnownNames = new()
    {
        [ContactField.Name] = ["name", "full_name", "fullname", "full name", "imie_nazwisko", "imię i nazwisko", "imie i nazwisko", "nazwa osoby"],
        [ContactField.Email] = ["email", "e-mail", "mail", "adres e-mail", "adres email"],
        [ContactField.Phone] = ["phone", "telefon", "tel", "tel.", "mobile", "komórka", "nr telefonu"],
        [ContactField.Company] = ["company", "firma", "nazwa firmy"],
        [ContactField.Nip] = ["nip", "vat id", "tax id"],
        [ContactField.Position] = ["position", "stanowisko", "title", "job title"],
    };

    /// <summary>Parses <c>field=header,field=header</c>; unknown fields are refused.</summary>
    public static IReadOnlyDictionary<ContactField, string> ParseMap(string? map)
    {
        var result = new Dictionary<ContactField, string>();
        if (string.IsNullOrWhiteSpace(map))
            return result;
        foreach (var pair in map.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !Enum.TryParse<ContactField>(pair[..equals].Trim(), ignoreCase: true, out var field) || !Enum.IsDefined(field))
                throw new InvalidDataException($"--map takes field=header pairs, fields: {string.Join(", ", Enum.GetNames<ContactField>()).ToLowerInvariant()}; '{pair}' is not one.");
            result[field] = pair[(equals + 1)..].Trim().Trim('"');
        }
        return result;
    }

    /// <summary>Finds the fields in a header. Throws when it has no name or no identifier column.</summary>
    public static ContactColumns Find(SepReaderHeader header, IReadOnlyDictionary<ContactField, string>? map, bool nameRequired = true)
    {
        ArgumentNullException.ThrowIfNull(header);
        map ??= new Dictionary<ContactField, string>();
        int Index(ContactField field)
        {
            if (map.TryGetValue(field, out var mapped))
            {
                return IndexOf(header, mapped) is var index and >= 0
                    ? index
                    : throw new InvalidDataException($"--map names the column '{mapped}' for {field.ToString().ToLowerInvariant()}, but the header has no such column. It has: {string.Join(", ", header.ColNames)}.");
            }
            foreach (var name in KnownNames[field])
            {
                var index = IndexOf(header, name);
                if (index >= 0)
                    return index;
            }
            return -1;
        }

        var columns = new ContactColumns(header.ColNames.Count, Index(ContactField.Name), Index(ContactField.Email), Index(ContactField.Phone),
            Index(ContactField.Company), Index(ContactField.Nip), Index(ContactField.Position));
        if ((nameRequired && columns.Name < 0) || (columns.Email < 0 && columns.Phone < 0))
        {
            throw new InvalidDataException(
                $"The file needs {(nameRequired ? "a name column and " : "")}an e-mail or phone column (name, email, phone, company, nip, position — or map yours with --map email=\"Your header\"). Its header is: {string.Join(", ", header.ColNames)}.");
        }
        return columns;
    }

    /// <summary>A column by name, ignoring case, surrounding spaces, and quotes left on by a reader that does not unescape.</summary>
    static int IndexOf(SepReaderHeader header, string name)
    {
        for (var i = 0; i < header.ColNames.Count; i++)
        {
            if (header.ColNames[i].AsSpan().Trim().Trim('"').Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        return -1;
    }

    /// <summary>The options every contact file is read with: separator detected from the header, quotes unescaped, fields trimmed.</summary>
    public static SepReaderOptions ReaderOptions => Sep.Reader(o => o with
    {
        Unescape = true,
        Trim = SepTrim.All,
        ColNameComparer = StringComparer.OrdinalIgnoreCase,
        DisableColCountCheck = true,
    });
}
