using System.Buffers;
using System.Globalization;
using System.Text;

namespace DpoDesk.Matching;

/// <summary>
/// Normalises the identifiers that tie a record to a person: e-mail, phone (E.164) and name.
/// Every path that compares identifiers (requests, import, the suppression list) goes through here,
/// so that "the same person" means the same thing everywhere.
/// </summary>
[System.Runtime.CompilerServices.SkipLocalsInit]
public static class Identifiers
{
    public const int MaxEmailLength = 254;
    const int MaxLocalPartLength = 64;

    /// <summary>Trims and lower-cases an e-mail address; returns null when it is not a plausible address.</summary>
    public static string? NormalizeEmail(ReadOnlySpan<char> input)
    {
        Span<char> buffer = stackalloc char[MaxEmailLength];
        return TryNormalizeEmail(input, buffer, out var length) ? new string(buffer[..length]) : null;
    }

    /// <summary>
    /// Writes the normalised e-mail into <paramref name="destination"/> (at least <see cref="MaxEmailLength"/>
    /// characters) without allocating; false when it is not a plausible address.
    /// </summary>
    public static bool TryNormalizeEmail(ReadOnlySpan<char> input, Span<char> destination, out int length)
    {
        length = 0;
        var email = input.Trim();
        if (email.IsEmpty || email.Length > MaxEmailLength)
            return false;

        var at = email.IndexOf('@');
        if (at <= 0 || at > MaxLocalPartLength || at != email.LastIndexOf('@'))
            return false;

        var local = email[..at];
        var domain = email[(at + 1)..];
        if (!IsValidLocalPart(local) || !IsValidDomain(domain))
            return false;

        if (System.Text.Ascii.IsValid(email))
            return System.Text.Ascii.ToLower(email, destination, out length) == OperationStatus.Done;
        length = email.ToLowerInvariant(destination);
        return length == email.Length;
    }

    // The characters RFC 5322 allows unquoted in a local part, and in a domain label; anything else
    // is checked one character at a time (letters of other scripts are allowed).
    static readonly SearchValues<char> LocalPartChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~.");
    static readonly SearchValues<char> DomainChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.");

    static bool IsValidLocalPart(ReadOnlySpan<char> local)
    {
        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
            return false;
        var other = local.IndexOfAnyExcept(LocalPartChars);
        if (other < 0)
            return true;
        foreach (var c in local[other..])
        {
            if (LocalPartChars.Contains(c) || c > 127 && char.IsLetterOrDigit(c))
                continue;
            return false;
        }
        return true;
    }

    static bool IsValidDomain(ReadOnlySpan<char> domain)
    {
        if (domain.Length < 3 || domain.Length > 253)
            return false;
        var other = domain.IndexOfAnyExcept(DomainChars);
        if (other >= 0)
        {
            foreach (var c in domain[other..])
            {
                if (!(DomainChars.Contains(c) || c > 127 && char.IsLetterOrDigit(c)))
                    return false;
            }
        }
        var labels = 0;
        while (true)
        {
            var dot = domain.IndexOf('.');
            var label = dot < 0 ? domain : domain[..dot];
            if (label.IsEmpty || label.Length > 63 || label[0] == '-' || label[^1] == '-')
                return false;
            labels++;
            if (dot < 0)
                return labels >= 2;
            domain = domain[(dot + 1)..];
        }
    }

    /// <summary>
    /// Brings a phone number to E.164. Accepts spaces, dashes, dots, brackets, a leading <c>+</c>,
    /// <c>00</c> or <c>(+48)</c>; nine digits alone are a Polish number. Returns null when the input
    /// is not a phone number.
    /// </summary>
    public static string? NormalizePhone(ReadOnlySpan<char> input)
    {
        Span<char> buffer = stackalloc char[MaxPhoneLength];
        return TryNormalizePhone(input, buffer, out var length) ? new string(buffer[..length]) : null;
    }

    /// <summary>The longest E.164 number with its plus.</summary>
    public const int MaxPhoneLength = 16;

    /// <summary>Writes the E.164 form into <paramref name="destination"/> (at least <see cref="MaxPhoneLength"/> characters); false when it is not a phone number.</summary>
    public static bool TryNormalizePhone(ReadOnlySpan<char> input, Span<char> destination, out int length)
    {
        length = 0;
        input = input.Trim();
        if (input.IsEmpty || input.Length > 32)
            return false;

        Span<char> digits = stackalloc char[32];
        var count = 0;
        var international = false;
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            if (char.IsAsciiDigit(c))
            {
                digits[count++] = c;
            }
            else if (c == '+')
            {
                // A plus is allowed only before the first digit.
                if (count > 0 || international)
                    return false;
                international = true;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '/' or '\u00A0'))
            {
                return false;
            }
        }

        ReadOnlySpan<char> number = digits[..count];
        if (!international && number.StartsWith("00"))
        {
            number = number[2..];
            international = true;
        }
        else if (!international && number.Length == 9)
        {
            "+48".CopyTo(destination);
            number.CopyTo(destination[3..]);
            length = 12;
            return true;
        }
        else if (!international && number.Length == 11 && number.StartsWith("48"))
        {
            international = true;
        }

        if (!international || number.Length < 8 || number.Length > 15 || number[0] == '0')
            return false;
        // Polish numbers have exactly nine digits after the country code.
        if (number.StartsWith("48") && number.Length != 11)
            return false;

        destination[0] = '+';
        number.CopyTo(destination[1..]);
        length = number.Length + 1;
        return true;
    }

    /// <summary>
    /// Whether an E.164 number is a mobile number of one of the allowed countries (ISO 3166 codes such
    /// as "PL"), by the numbering plans in libphonenumber's metadata. Only such numbers get an SMS.
    /// </summary>
    public static bool IsMobileIn(string e164, IReadOnlyCollection<string> allowedRegions)
    {
        var phones = PhoneNumbers.PhoneNumberUtil.GetInstance();
        try
        {
            var number = phones.Parse(e164, null);
            var region = phones.GetRegionCodeForNumber(number);
            return region is not null
                && allowedRegions.Contains(region, StringComparer.OrdinalIgnoreCase)
                && phones.GetNumberType(number) is PhoneNumbers.PhoneNumberType.MOBILE or PhoneNumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE;
        }
        catch (PhoneNumbers.NumberParseException)
        {
            return false;
        }
    }

    /// <summary>
    /// A key for comparing names: letters folded to lower-case ASCII (Polish diacritics included),
    /// words sorted, so "Żaneta Łukasik-Wójcik" and "wojcik lukasik zaneta" are the same name.
    /// </summary>
    public static string NameKey(ReadOnlySpan<char> name)
    {
        Span<char> buffer = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        return new string(buffer[..NameKey(name, buffer)]);
    }

    /// <summary>Writes the name key into <paramref name="destination"/> (as long as the name) without allocating; returns its length.</summary>
    public static int NameKey(ReadOnlySpan<char> name, Span<char> destination)
    {
        // One pass folds the letters and notes where each word starts and ends; the words are then
        // sorted by insertion (a name has a handful) and written out with single spaces.
        Span<char> folded = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        Span<long> words = stackalloc long[MaxWords];
        var length = 0;
        var count = 0;
        var start = 0;
        foreach (var c in name)
        {
            var f = char.IsAsciiLetterLower(c) ? c : char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : Fold(c);
            if (f == '\0')
                continue;
            if (f is ' ' or '-')
            {
                AddWord(folded, words, ref count, start, length);
                start = length;
                continue;
            }
            folded[length++] = f;
        }
        AddWord(folded, words, ref count, start, length);

        var written = 0;
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
                destination[written++] = ' ';
            var word = Word(folded, words[i]);
            word.CopyTo(destination[written..]);
            written += word.Length;
        }
        return written;
    }

    const int MaxWords = 16;

    // A word as its start and length packed in one long, to sort without a struct per word.
    static ReadOnlySpan<char> Word(ReadOnlySpan<char> folded, long word) => folded.Slice((int)(word >> 32), (int)word);

    static void AddWord(ReadOnlySpan<char> folded, Span<long> words, ref int count, int start, int end)
    {
        if (end == start || count == MaxWords)
            return;
        var word = ((long)start << 32) | (uint)(end - start);
        var text = Word(folded, word);
        var at = count++;
        while (at > 0 && Word(folded, words[at - 1]).SequenceCompareTo(text) > 0)
        {
            words[at] = words[at - 1];
            at--;
        }
        words[at] = word;
    }

    /// <summary>Folds one character: letters to lower-case ASCII, separators to a space or dash, the rest dropped.</summary>
    static char Fold(char c)
    {
        if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            return c;
        if (char.IsAsciiLetterUpper(c))
            return (char)(c | 0x20);
        switch (c)
        {
            case 'ą' or 'Ą': return 'a';
            case 'ć' or 'Ć': return 'c';
            case 'ę' or 'Ę': return 'e';
            case 'ł' or 'Ł': return 'l';
            case 'ń' or 'Ń': return 'n';
            case 'ó' or 'Ó': return 'o';
            case 'ś' or 'Ś': return 's';
            case 'ź' or 'Ź' or 'ż' or 'Ż': return 'z';
            case '-' or '‐' or '–': return '-';
        }
        if (char.IsWhiteSpace(c))
            return ' ';
        if (!char.IsLetter(c))
            return '\0';
        // Any other letter: strip its diacritics by decomposition.
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        var basis = decomposed[0];
        return CharUnicodeInfo.GetUnicodeCategory(basis) == UnicodeCategory.NonSpacingMark ? '\0' : char.ToLowerInvariant(basis);
    }
}
