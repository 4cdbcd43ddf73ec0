using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace DpoDesk.Suppression;

/// <summary>
/// Keyed hashes of normalised identifiers. The secret lives outside the database, so a copy of the
/// database alone cannot be used to test whether someone is on the list.
/// <para>
/// Suppression keys are SipHash-2-4-128 under a key derived from the secret, then once more under
/// each rotation's key: rotating the secret re-keys the stored keys themselves and never needs the
/// identifiers they came from (decision 0009). Request look-up keys are HMAC-SHA-256 and do not rotate.
/// </para>
/// <para>
/// The methods that write into a destination take 16 bytes for the whole key, or 8 for its first half:
/// all that a look-up in <see cref="SuppressionSet"/> reads, made for four SipHash rounds fewer.
/// </para>
/// </summary>
[System.Runtime.CompilerServices.SkipLocalsInit]
public sealed class SuppressionKeys : IDisposable
{
    /// <summary>The length of a suppression key.</summary>
    public const int KeyLength = SipHash.OutputLength;

    /// <summary>The length of a request look-up key.</summary>
    public const int LookupKeyLength = 32;

    readonly ulong _k0;
    readonly ulong _k1;
    readonly ThreadLocal<IncrementalHash> _lookup;
    readonly string? _rotationsFile;
    volatile Rotation[] _rotations;

    /// <param name="secret">The secret, at least 128 bits.</param>
    /// <param name="rotations">Rotation secrets, oldest first, as many as the suppression list has been re-keyed with.</param>
    /// <param name="rotationsFile">Where the rotation secrets are kept, so that a running instance can catch up after a rotation.</param>
    public SuppressionKeys(ReadOnlySpan<byte> secret, IEnumerable<byte[]>? rotations = null, string? rotationsFile = null)
    {
        if (secret.Length < 16)
            throw new ArgumentException("The suppression secret must be at least 128 bits.", nameof(secret));
        // Each use gets its own key derived from the secret, so a hash made for one purpose is useless for another.
        var suppression = HMACSHA256.HashData(secret, "dpodesk/suppression/siphash/v2"u8);
        _k0 = BinaryPrimitives.ReadUInt64LittleEndian(suppression);
        _k1 = BinaryPrimitives.ReadUInt64LittleEndian(suppression.AsSpan(8));
        var lookupKey = HMACSHA256.HashData(secret, "dpodesk/request-lookup/v1"u8);
        _lookup = new(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, lookupKey), trackAllValues: true);
        _rotations = [.. (rotations ?? []).Select(Rotation.From)];
        _rotationsFile = rotationsFile;
    }

    /// <summary>Loads the secret (made on first use) and the rotation secrets kept beside it.</summary>
    public static SuppressionKeys Load(string secretFile)
    {
        var rotationsFile = RotationsFileOf(secretFile);
        return new SuppressionKeys(SecretFile.LoadOrCreate(secretFile), ReadRotations(rotationsFile), rotationsFile);
    }

    /// <summary>The file of rotation secrets kept beside a secret file, one per line, oldest first.</summary>
    public static string RotationsFileOf(string secretFile) => secretFile + ".rotations";

    internal static List<byte[]> ReadRotations(string rotationsFile) =>
        File.Exists(rotationsFile)
            ? [.. File.ReadAllLines(rotationsFile).Where(l => l.Trim().Length > 0).Select(l => Convert.FromBase64String(l.Trim()))]
            : [];

    /// <summary>How many times the suppression list has been re-keyed: the generation of the keys this makes.</summary>
    public int Generation => _rotations.Length;

    /// <summary>
    /// Catches up with a rotation another process made: from now on keys are made for <paramref name="generation"/>.
    /// </summary>
    public void AdvanceTo(int generation)
    {
        if (generation == Generation)
            return;
        var all = _rotationsFile is null ? [] : ReadRotations(_rotationsFile);
        if (generation < Generation || generation > all.Count)
            throw new InvalidOperationException($"The suppression list is at key generation {generation}, but {all.Count} rotation secrets are on file: restore the rotations file beside the secret.");
        _rotations = [.. all.Take(generation).Select(Rotation.From)];
    }

    public void Dispose()
    {
        foreach (var hash in _lookup.Values)
            hash.Dispose();
        _lookup.Dispose();
    }

    /// <summary>The key of one rotation, derived from its secret.</summary>
    readonly record struct Rotation(ulong K0, ulong K1)
    {
        public static Rotation From(byte[] secret)
        {
            if (secret.Length < 16)
                throw new ArgumentException("A rotation secret must be at least 128 bits.", nameof(secret));
            var key = HMACSHA256.HashData(secret, "dpodesk/suppression/rotation/v1"u8);
            return new(BinaryPrimitives.ReadUInt64LittleEndian(key), BinaryPrimitives.ReadUInt64LittleEndian(key.AsSpan(8)));
        }
    }

    /// <summary>Re-keys a stored key of the previous generation under a new rotation secret.</summary>
    public static void Rekey(ReadOnlySpan<byte> storedKey, byte[] rotationSecret, Span<byte> destination)
    {
        var rotation = Rotation.From(rotationSecret);
        SipHash.Hash128(rotation.K0, rotation.K1, storedKey, destination);
    }

    /// <summary>The suppression key of a normalised e-mail.</summary>
    public byte[] ForEmail(string normalizedEmail) => Array(normalizedEmail, static (keys, id, key) => keys.ForEmail(id, key));

    /// <summary>The suppression key of a phone in E.164 together with a name key (see <see cref="Matching.Identifiers.NameKey(ReadOnlySpan{char})"/>).</summary>
    public byte[] ForPhoneAndName(string e164, string nameKey)
    {
        var result = new byte[KeyLength];
        ForPhoneAndName(e164, nameKey, result);
        return result;
    }

    /// <summary>The suppression key of a phone in E.164 alone: used by external lists, which name numbers, not people.</summary>
    public byte[] ForPhone(string e164) => Array(e164, static (keys, id, key) => keys.ForPhone(id, key));

    /// <summary>The suppression key of an identifier an external list gave only as its SHA-256 (of a normalised e-mail or an E.164 phone).</summary>
    public byte[] ForSha256(ReadOnlySpan<byte> sha256)
    {
        var result = new byte[KeyLength];
        ForSha256(sha256, result);
        return result;
    }

    /// <summary>A key that lets a person look up their own request by e-mail after its data were purged.</summary>
    public byte[] ForRequestLookup(string normalizedEmail)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(normalizedEmail.Length) + 2;
        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes);
        try
        {
            buffer[0] = (byte)'e';
            buffer[1] = (byte)':';
            var length = 2 + Encoding.UTF8.GetBytes(normalizedEmail, buffer.AsSpan(2));
            var hash = _lookup.Value!;
            hash.AppendData(buffer, 0, length);
            return hash.GetHashAndReset();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes the suppression key of a normalised e-mail into <paramref name="destination"/> without allocating.</summary>
    public void ForEmail(ReadOnlySpan<char> normalizedEmail, Span<byte> destination) => Hash('e', normalizedEmail, destination);

    /// <summary>The hint key of a phone with a name on the list (see <see cref="SuppressedIdentifier.PhoneHint"/>).</summary>
    public byte[] ForPhoneHint(string e164) => Array(e164, static (keys, id, key) => keys.ForPhoneHint(id, key));

    /// <summary>Writes the hint key of an E.164 phone into <paramref name="destination"/>.</summary>
    public void ForPhoneHint(ReadOnlySpan<char> e164, Span<byte> destination) => Hash('h', e164, destination);

    /// <summary>Writes the suppression key of an E.164 phone alone into <paramref name="destination"/>.</summary>
    public void ForPhone(ReadOnlySpan<char> e164, Span<byte> destination) => Hash('t', e164, destination);

    /// <summary>Writes the suppression key of an E.164 phone and a name key into <paramref name="destination"/> without allocating.</summary>
    public void ForPhoneAndName(ReadOnlySpan<char> e164, ReadOnlySpan<char> nameKey, Span<byte> destination)
    {
        const int Max = 256;
        if (e164.Length + 1 + nameKey.Length > Max)
            nameKey = nameKey[..(Max - e164.Length - 1)];
        var length = e164.Length + 1 + nameKey.Length;
        Span<char> joined = stackalloc char[length];
        e164.CopyTo(joined);
        joined[e164.Length] = '|';
        nameKey.CopyTo(joined[(e164.Length + 1)..]);
        Hash('p', joined, destination);
    }

    /// <summary>Writes the suppression key of a SHA-256 given by an external list into <paramref name="destination"/>.</summary>
    public void ForSha256(ReadOnlySpan<byte> sha256, Span<byte> destination)
    {
        if (sha256.Length != 32)
            throw new ArgumentException("A SHA-256 is 32 bytes.", nameof(sha256));
        Span<byte> buffer = stackalloc byte[34];
        buffer[0] = (byte)'s';
        buffer[1] = (byte)':';
        sha256.CopyTo(buffer[2..]);
        HashBytes(buffer, destination);
    }

    void Hash(char kind, ReadOnlySpan<char> identifier, Span<byte> destination)
    {
        // "e:", "t:", "p:" keep an e-mail, a phone and a phone with a name with the same text apart.
        // The buffer is as long as the identifier needs: zeroing a fixed 512 bytes cost more than the hash.
        var maxBytes = Encoding.UTF8.GetMaxByteCount(identifier.Length) + 2;
        byte[]? rented = null;
        var buffer = maxBytes <= 768 ? stackalloc byte[768] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            buffer[0] = (byte)kind;
            buffer[1] = (byte)':';
            // Most identifiers are ASCII, whose UTF-8 is the same bytes: narrowed in one vectorised step.
            var length = 2 + (System.Text.Ascii.FromUtf16(identifier, buffer[2..], out var ascii) == OperationStatus.Done
                ? ascii
                : Encoding.UTF8.GetBytes(identifier, buffer[2..]));
            HashBytes(buffer[..length], destination);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Hashes under the secret's key and each rotation's; a destination of 8 bytes gets the key's first half (all a look-up needs).</summary>
    void HashBytes(ReadOnlySpan<byte> message, Span<byte> destination)
    {
        var rotations = _rotations;
        if (rotations.Length == 0)
        {
            SipHash.Hash128(_k0, _k1, message, destination);
            return;
        }
        // Each rotation hashes the whole key of the generation before; only the last may stop at half.
        Span<byte> key = stackalloc byte[KeyLength];
        Span<byte> next = stackalloc byte[KeyLength];
        SipHash.Hash128(_k0, _k1, message, key);
        foreach (var rotation in rotations.AsSpan(..^1))
        {
            SipHash.Hash128(rotation.K0, rotation.K1, key, next);
            next.CopyTo(key);
        }
        SipHash.Hash128(rotations[^1].K0, rotations[^1].K1, key, destination);
    }

    delegate void SpanKey(SuppressionKeys keys, ReadOnlySpan<char> identifier, Span<byte> key);

    byte[] Array(string identifier, SpanKey make)
    {
        var result = new byte[KeyLength];
        make(this, identifier, result);
        return result;
    }
}
