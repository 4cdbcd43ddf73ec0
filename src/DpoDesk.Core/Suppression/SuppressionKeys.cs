using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace DpoDesk.Suppression;

/// <summary>
/// Keyed hashes of normalised identifiers (HMAC-SHA-256). The secret lives outside the database, so a
/// copy of the database alone cannot be used to test whether someone is on the list.
/// </summary>
public sealed class SuppressionKeys : IDisposable
{
    public const int KeyLength = 32;

    // Each use gets its own key derived from the secret, so a hash made for one purpose is useless for another.
    readonly Keyed _suppressionKey;
    readonly Keyed _lookupKey;

    public SuppressionKeys(ReadOnlySpan<byte> secret)
    {
        if (secret.Length < 16)
            throw new ArgumentException("The suppression secret must be at least 128 bits.", nameof(secret));
        _suppressionKey = new Keyed(HMACSHA256.HashData(secret, "dpodesk/suppression/v1"u8));
        _lookupKey = new Keyed(HMACSHA256.HashData(secret, "dpodesk/request-lookup/v1"u8));
    }

    public void Dispose()
    {
        _suppressionKey.Dispose();
        _lookupKey.Dispose();
    }

    /// <summary>
    /// One HMAC key with a keyed hash object per thread: setting the key up costs as much as hashing a
    /// short identifier, so it is done once per thread, not once per identifier.
    /// </summary>
    sealed class Keyed(byte[] key) : IDisposable
    {
        readonly ThreadLocal<IncrementalHash> _hash = new(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key), trackAllValues: true);

        public void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
        {
            var hash = _hash.Value!;
            hash.AppendData(data);
            hash.GetHashAndReset(destination);
        }

        public void Dispose()
        {
            foreach (var hash in _hash.Values)
                hash.Dispose();
            _hash.Dispose();
        }
    }

    /// <summary>The suppression key of a normalised e-mail.</summary>
    public byte[] ForEmail(string normalizedEmail) => Hash(_suppressionKey, 'e', normalizedEmail);

    /// <summary>The suppression key of a phone in E.164 together with a name key (see <see cref="Matching.Identifiers.NameKey"/>).</summary>
    public byte[] ForPhoneAndName(string e164, string nameKey)
    {
        var result = new byte[KeyLength];
        ForPhoneAndName(e164, nameKey, result);
        return result;
    }

    /// <summary>A key that lets a person look up their own request by e-mail after its data were purged.</summary>
    public byte[] ForRequestLookup(string normalizedEmail) => Hash(_lookupKey, 'e', normalizedEmail);

    /// <summary>Writes the suppression key of a normalised e-mail into <paramref name="destination"/> without allocating.</summary>
    public void ForEmail(ReadOnlySpan<char> normalizedEmail, Span<byte> destination) => Hash(_suppressionKey, 'e', normalizedEmail, destination);

    /// <summary>Writes the suppression key of an E.164 phone and a name key into <paramref name="destination"/> without allocating.</summary>
    public void ForPhoneAndName(ReadOnlySpan<char> e164, ReadOnlySpan<char> nameKey, Span<byte> destination)
    {
        Span<char> joined = stackalloc char[256];
        if (e164.Length + 1 + nameKey.Length > joined.Length)
            nameKey = nameKey[..(joined.Length - e164.Length - 1)];
        e164.CopyTo(joined);
        joined[e164.Length] = '|';
        nameKey.CopyTo(joined[(e164.Length + 1)..]);
        Hash(_suppressionKey, 'p', joined[..(e164.Length + 1 + nameKey.Length)], destination);
    }

    static byte[] Hash(Keyed key, char kind, ReadOnlySpan<char> identifier)
    {
        var result = new byte[KeyLength];
        Hash(key, kind, identifier, result);
        return result;
    }

    static void Hash(Keyed key, char kind, ReadOnlySpan<char> identifier, Span<byte> destination)
    {
        // "e:" or "p:" keeps an e-mail and a phone with the same text apart.
        var maxBytes = Encoding.UTF8.GetMaxByteCount(identifier.Length) + 2;
        byte[]? rented = null;
        var buffer = maxBytes <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            buffer[0] = (byte)kind;
            buffer[1] = (byte)':';
            var length = 2 + Encoding.UTF8.GetBytes(identifier, buffer[2..]);
            key.Hash(buffer[..length], destination);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
