using System.Runtime.InteropServices;
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
[System.Runtime.CompilerServices.SkipLocalsInit]
public sealed class IdentifierGuard(SuppressionKeys keys, SuppressionSet set)
{
    readonly bool _emails = set.Holds(SuppressedIdentifier.Email);
    readonly bool _phonesWithNames = set.Holds(SuppressedIdentifier.PhoneAndName);
    readonly bool _phones = set.Holds(SuppressedIdentifier.Phone);
    readonly bool _sha256 = set.Holds(SuppressedIdentifier.Sha256);

    // Hints can rule a phone out only when every phone-with-name entry left one, and no entry is of an unknown kind.
    readonly bool _hintsComplete = set.PhoneHintsComplete && !set.Identifiers.Contains(SuppressedIdentifier.Unknown);

    /// <summary>Checks already normalised identifiers (<see cref="Identifiers"/>): an e-mail, an E.164 phone, a name key; any may be empty.</summary>
    public GuardVerdict Check(ReadOnlySpan<char> email, ReadOnlySpan<char> e164, ReadOnlySpan<char> nameKey) =>
        Finish(Begin(email, e164, !nameKey.IsEmpty), email, e164, new KeyName(nameKey));

    /// <summary>A name as the guard needs it: whether there is one, and its key, made only when asked for.</summary>
    interface IName
    {
        bool IsEmpty { get; }

        /// <summary>Writes the name key into <paramref name="buffer"/> (256 chars) and returns it.</summary>
        ReadOnlySpan<char> Key(Span<char> buffer);
    }

    /// <summary>A name given as its key already.</summary>
    readonly ref struct KeyName(ReadOnlySpan<char> key) : IName
    {
        readonly ReadOnlySpan<char> _key = key;

        public bool IsEmpty => _key.IsEmpty;

        public ReadOnlySpan<char> Key(Span<char> buffer) => _key;
    }

    readonly ref struct ByteName(ReadOnlySpan<byte> name, Encoding encoding) : IName
    {
        readonly ReadOnlySpan<byte> _name = name;

        public bool IsEmpty => _name.IsEmpty;

        public ReadOnlySpan<char> Key(Span<char> buffer)
        {
            // Decoded to the stack (UTF-8 and single-byte encodings make at most a char of a byte), then folded into the caller's buffer.
            Span<char> text = stackalloc char[256];
            var bytes = _name[..Math.Min(_name.Length, text.Length)];
            var decoded = text[..encoding.GetChars(bytes, text)];
            return buffer[..Identifiers.NameKey(decoded, buffer)];
        }
    }

    /// <summary>
    /// The first half of a check: the keys a row's look-ups need, made, with their slots on their way
    /// into the cache. A caller with many rows begins several before it finishes the first, so that
    /// the look-ups of one row do not wait on memory while the next is being read.
    /// </summary>
    internal struct Pending
    {
        internal ulong EmailKey;
        internal ulong HintKey;
        internal bool ByEmail;
        internal bool ByPhoneWithName;
    }

    /// <summary>Makes the e-mail's key and the phone's hint (only the kinds of key the list holds) and asks for their slots.</summary>
    internal Pending Begin(ReadOnlySpan<char> email, ReadOnlySpan<char> e164, bool hasName)
    {
        // A list of e-mails and phones-with-names costs two hashes a row (the e-mail, the phone's
        // hint), and a third only for a phone on the list. Look-ups read a key's first half only.
        var pending = new Pending { ByEmail = !email.IsEmpty && _emails, ByPhoneWithName = !e164.IsEmpty && hasName && _phonesWithNames };
        if (pending.ByEmail)
        {
            var key = MemoryMarshal.AsBytes(new Span<ulong>(ref pending.EmailKey));
            keys.ForEmail(email, key);
            set.Prefetch(key);
        }
        if (pending.ByPhoneWithName && _hintsComplete)
        {
            if (set.PhoneHints is not { } hints)
            {
                pending.ByPhoneWithName = false;
            }
            else
            {
                var hint = MemoryMarshal.AsBytes(new Span<ulong>(ref pending.HintKey));
                keys.ForPhoneHint(e164, hint);
                hints.Prefetch(hint);
            }
        }
        return pending;
    }

    /// <summary>
    /// Finishes a check with the name as bytes of a file in <paramref name="encoding"/>: the name is
    /// decoded only for a phone on the list, so a filtered file decodes almost no names at all.
    /// </summary>
    internal GuardVerdict Finish(in Pending pending, ReadOnlySpan<char> email, ReadOnlySpan<char> e164, ReadOnlySpan<byte> name, Encoding encoding) =>
        Finish(pending, email, e164, new ByteName(name, encoding));

    /// <summary>The second half of a check: the look-ups, and the keys only a phone on the list or a list of another kind needs.</summary>
    GuardVerdict Finish<TName>(in Pending pending, ReadOnlySpan<char> email, ReadOnlySpan<char> e164, scoped TName name)
        where TName : IName, allows ref struct
    {
        Span<byte> key = stackalloc byte[SuppressionSet.FingerprintLength];
        var verdict = pending.ByEmail ? Worse(GuardVerdict.Clear, MemoryMarshal.AsBytes(new ReadOnlySpan<ulong>(in pending.EmailKey))) : GuardVerdict.Clear;
        if (!e164.IsEmpty && verdict != GuardVerdict.Erased)
        {
            // Hints can rule a phone out only when every phone-with-name entry left one.
            if (pending.ByPhoneWithName && (!_hintsComplete || set.PhoneHints!.BlocksExport(MemoryMarshal.AsBytes(new ReadOnlySpan<ulong>(in pending.HintKey)))))
            {
                Span<char> folded = stackalloc char[256];
                keys.ForPhoneAndName(e164, name.Key(folded), key);
                verdict = Worse(verdict, key);
            }
            if (verdict == GuardVerdict.Clear && _phones)
            {
                keys.ForPhone(e164, key);
                verdict = Worse(verdict, key);
            }
        }
        if (verdict == GuardVerdict.Clear && _sha256)
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
