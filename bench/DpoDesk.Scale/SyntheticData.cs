using System.Globalization;
using System.Text;

namespace DpoDesk.Scale;

/// <summary>
/// A synthetic contact file that looks like the real thing: Polish names with diacritics, company
/// addresses, phones written every way people write them, valid NIPs, positions. Rows are about
/// 120 bytes; every tenth person is on the suppression list.
/// </summary>
static class SyntheticData
{
    static readonly string[] FirstNames = ["Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Krystyna", "Elżbieta", "Zofia", "Joanna", "Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Michał", "Marcin", "Jakub", "Łukasz", "Grzegorz", "Żaneta", "Jędrzej", "Bożena", "Stanisław", "Wojciech"];
    static readonly string[] LastNames = ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Kwiatkowski", "Krawczyk", "Piotrowski", "Grabowski", "Nowakowski", "Pawłowski", "Michalski", "Król", "Wieczorek", "Jabłoński", "Wróbel"];
    static readonly string[] Companies = ["Budmax", "Transpol", "Agromex", "Elektrobud", "Polmet", "Infotech", "Drewpol", "Mlekovita-Serwis", "Stalprofil", "Ekoenergia", "Medicus", "Logistyka Północ", "Kreatywni", "Fabryka Mebli Wiślanka", "Żurawie Śląskie"];
    static readonly string[] Forms = ["sp. z o.o.", "S.A.", "sp.j.", "sp. k.", "P.H.U."];
    static readonly string[] Positions = ["Dyrektor Handlowy", "Prezes Zarządu", "Kierownik ds. Zakupów", "Specjalista ds. Marketingu", "Księgowa", "Właściciel", "Kierownik Projektu", "Asystentka Zarządu", "Główny Inżynier", "Kierownik Logistyki"];

    public readonly record struct Person(string Name, string Email, string Phone, string Company, string Nip, string Position);

    /// <summary>The i-th person, the same every run.</summary>
    public static Person At(long i)
    {
        var random = new Random((int)(i * 2_654_435_761 % int.MaxValue));
        var female = random.Next(2) == 0;
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        if (first.EndsWith('a') && last.EndsWith("ski", StringComparison.Ordinal))
            last = last[..^1] + "a";
        _ = female;
        var company = $"{Companies[random.Next(Companies.Length)]} {Forms[random.Next(Forms.Length)]}";
        var domain = Ascii(company.Split(' ')[0]) + (random.Next(100) < 70 ? ".pl" : ".com.pl");
        var email = $"{Ascii(first)}.{Ascii(last)}.{i}@{domain}";
        var digits = 500_000_000 + random.Next(300_000_000);
        var d = digits.ToString(CultureInfo.InvariantCulture);
        var phone = random.Next(4) switch
        {
            0 => $"+48 {d[..3]} {d[3..6]} {d[6..]}",
            1 => $"{d[..3]}-{d[3..6]}-{d[6..]}",
            2 => $"(+48) {d}",
            _ => d,
        };
        return new Person($"{first} {last}", email, phone, company, DpoDesk.Contacts.DemoContacts.Nip(random), Positions[random.Next(Positions.Length)]);
    }

    static string Ascii(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            builder.Append(c switch
            {
                'ą' => 'a',
                'ć' => 'c',
                'ę' => 'e',
                'ł' => 'l',
                'ń' => 'n',
                'ó' => 'o',
                'ś' => 's',
                'ź' or 'ż' => 'z',
                _ when char.IsAsciiLetterOrDigit(c) => c,
                _ => '-',
            });
        }
        return builder.ToString();
    }

    static string Csv(string value) => value.Contains(',', StringComparison.Ordinal) ? "\"" + value + "\"" : value;

    /// <summary>Writes the contact file and the plain list of suppressed e-mails (every tenth person), in parallel chunks.</summary>
    public static void Write(string contacts, string suppressedEmails, long rows)
    {
        const int Chunk = 100_000;
        var chunks = (int)((rows + Chunk - 1) / Chunk);
        using var output = new FileStream(contacts, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var list = new StreamWriter(suppressedEmails, false, new UTF8Encoding(false), 1 << 20);
        var header = Encoding.UTF8.GetBytes("name,email,phone,company,nip,position\n");
        output.Write(header);
        // Chunks are made on every core and written in order.
        var done = new (byte[] Rows, string Emails)[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, c =>
        {
            var text = new StringBuilder(Chunk * 130);
            var emails = new StringBuilder(Chunk * 5);
            var end = Math.Min(rows, (c + 1L) * Chunk);
            for (var i = (long)c * Chunk; i < end; i++)
            {
                var p = At(i);
                text.Append(Csv(p.Name)).Append(',').Append(p.Email).Append(',').Append(p.Phone).Append(',').Append(Csv(p.Company)).Append(',').Append(p.Nip).Append(',').Append(Csv(p.Position)).Append('\n');
                if (i % 10 == 0)
                    emails.Append(p.Email).Append('\n');
            }
            done[c] = (Encoding.UTF8.GetBytes(text.ToString()), emails.ToString());
        });
        foreach (var (bytes, emails) in done)
        {
            output.Write(bytes);
            list.Write(emails);
        }
    }
}
