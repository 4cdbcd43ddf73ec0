using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace DpoDesk.Suppression;

/// <summary>
/// SipHash-2-4 with a 128-bit output (Aumasson and Bernstein, 2012): a keyed pseudorandom function
/// built for short inputs. An e-mail address is one to four 8-byte blocks, where HMAC-SHA-256 would
/// spend four SHA-256 compressions; see docs/decisions/0009-keyed-identifier-hashes.md.
/// </summary>
public static class SipHash
{
    public const int KeyLength = 16;
    public const int OutputLength = 16;

    /// <summary>Hashes <paramref name="message"/> under a 16-byte key into 16 bytes.</summary>
    public static void Hash128(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, Span<byte> destination)
    {
        var k0 = BinaryPrimitives.ReadUInt64LittleEndian(key);
        var k1 = BinaryPrimitives.ReadUInt64LittleEndian(key[8..]);
        Hash128(k0, k1, message, destination);
    }

    /// <summary>
    /// Hashes <paramref name="message"/> under the key (<paramref name="k0"/>, <paramref name="k1"/>) into
    /// 16 bytes; a destination of 8 bytes gets the first half of the same output, for four rounds fewer.
    /// </summary>
    public static void Hash128(ulong k0, ulong k1, ReadOnlySpan<byte> message, Span<byte> destination)
    {
        if (destination.Length != OutputLength && destination.Length != OutputLength / 2)
            throw new ArgumentException("The destination takes the whole output (16 bytes) or its first half (8).", nameof(destination));
        var v0 = k0 ^ 0x736f6d6570736575UL;
        var v1 = k1 ^ 0x646f72616e646f6dUL ^ 0xee;
        var v2 = k0 ^ 0x6c7967656e657261UL;
        var v3 = k1 ^ 0x7465646279746573UL;

        var length = message.Length;
        var whole = length & ~7;
        for (var i = 0; i < whole; i += 8)
        {
            var m = BinaryPrimitives.ReadUInt64LittleEndian(message[i..]);
            v3 ^= m;
            Round(ref v0, ref v1, ref v2, ref v3);
            Round(ref v0, ref v1, ref v2, ref v3);
            v0 ^= m;
        }

        // The last block: the remaining bytes, and the length in the top byte.
        var last = (ulong)length << 56;
        var tail = message[whole..];
        for (var i = 0; i < tail.Length; i++)
            last |= (ulong)tail[i] << (8 * i);
        v3 ^= last;
        Round(ref v0, ref v1, ref v2, ref v3);
        Round(ref v0, ref v1, ref v2, ref v3);
        v0 ^= last;

        v2 ^= 0xee;
        Round(ref v0, ref v1, ref v2, ref v3);
        Round(ref v0, ref v1, ref v2, ref v3);
        Round(ref v0, ref v1, ref v2, ref v3);
        Round(ref v0, ref v1, ref v2, ref v3);
        BinaryPrimitives.WriteUInt64LittleEndian(destination, v0 ^ v1 ^ v2 ^ v3);
        if (destination.Length == OutputLength / 2)
            return;

        v1 ^= 0xdd;
        Round(ref v0, ref v1, ref v2, ref v3);
        Round(ref v0, ref v1, ref v2, ref v3);
        Round(ref v0, ref v1, ref v2, ref v3);
        Round(ref v0, ref v1, ref v2, ref v3);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], v0 ^ v1 ^ v2 ^ v3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Round(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3)
    {
        v0 += v1;
        v1 = BitOperations.RotateLeft(v1, 13);
        v1 ^= v0;
        v0 = BitOperations.RotateLeft(v0, 32);
        v2 += v3;
        v3 = BitOperations.RotateLeft(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = BitOperations.RotateLeft(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = BitOperations.RotateLeft(v1, 17);
        v1 ^= v2;
        v2 = BitOperations.RotateLeft(v2, 32);
    }
}
