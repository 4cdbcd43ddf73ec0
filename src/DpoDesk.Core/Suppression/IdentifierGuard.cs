using System.Security.Cryptography;
using System.Text;
using DpoDesk.Matching;

namespace DpoDesk.Suppression;

/// <summary>What the guard says about a person.</summary>
public enum GuardVerdict
{
    /// <summary>Not on the list.</summary>
    Clear,

    /// <summary>Objected, or on an external list: may stay in the base, never leaves it.</summary>
    BlocksExport,

    /// <summary>Erased: neither comes in nor goes out.</summary>
    Erased,
}

/// <summary>
/// The one place that decides whether a person may come in or go out: keys the normalised e-mail,
/// the phone with the name, and the phone alone (external lists name numbers), and looks them up in
/// the suppression list loaded for a bulk pass. Import, export and <c>dpodesk guard</c> all ask here.
/// </summary>
public sealed class IdentifierGuard(SuppressionKeys keys, SuppressionSet set)
{
    public SuppressionSet Set => set;

    /// <summary>Checks already normalised identifiers (<see cref="Identifiers"/>): an e-mail, an E.164 phone, a name key; any may be empty.</summary>
    public GuardVerdict Check(ReadOnlySpan<char> email, ReadOnlySpan<char> e164, ReadOnlySpan<char> nameKey)
    {
        Span<byte> key = stackalloc byte[SuppressionKeys.KeyLength];
        var verdict = GuardVerdict.Clear;
        if (!email.IsEmpty)
        {
            keys.ForEmail(email, key);
            verdict = Worse(verdict, key);
        }
        if (!e164.IsEmpty && verdict != GuardVerdict.Erased)
        {
            if (!nameKey.IsEmpty)
            {
                keys.ForPhoneAndName(e164, nameKey, key);
                verdict = Worse(verdict, key);
            }
            if (verdict == GuardVerdict.Clear)
            {
                keys.ForPhone(e164, key);
                verdict = Worse(verdict, key);
            }
        }
        if (verdict == GuardVerdict.Clear && set.HasSha256Entries)
        {
            // Lists given as SHA-256 values are matched by hashing the row's identifiers the same way.
            Span<byte> sha = stackalloc byte[32];
            if (!email.IsEmpty)
            {
                Sha256(email, sha);
                keys.ForSha256(sha, key);
                verdict = Worse(verdict, key);
            }
            if (!e164.IsEmpty)
            {
                Sha256(e164, sha);
                keys.ForSha256(sha, key);
                verdict = Worse(verdict, key);
            }
        }
        return verdict;
    }

    GuardVerdict Worse(GuardVerdict verdict, ReadOnlySpan<byte> key)
    {
        if (verdict == GuardVerdict.Erased || !set.BlocksExport(key))
            return verdict;
        return set.BlocksImport(key) ? GuardVerdict.Erased : GuardVerdict.BlocksExport;
    }

    static void Sha256(ReadOnlySpan<char> identifier, Span<byte> destination)
    {
        Span<byte> bytes = stackalloc byte[Encoding.UTF8.GetMaxByteCount(Math.Min(identifier.Length, 256))];
        var length = Encoding.UTF8.GetBytes(identifier[..Math.Min(identifier.Length, 256)], bytes);
        SHA256.HashData(bytes[..length], destination);
    }
}
