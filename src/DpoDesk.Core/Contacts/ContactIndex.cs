using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace DpoDesk.Contacts;

/// <summary>
/// The contact base's identifiers in memory for one import: a 64-bit fingerprint of each normalised
/// e-mail and of each phone-with-name, mapped to the record's id, in an open-addressing table
/// (16 bytes a slot, fingerprint beside id so that a look-up reads one cache line; at most 80% full:
/// 20 to 40 bytes an identifier). A hit is confirmed against the record itself before anything is
/// merged, so a fingerprint collision can never join two people.
/// <para>
/// The table is larger than the processor's caches, so a look-up waits on memory. A caller that
/// knows a row's fingerprints early asks for their slots (<see cref="Prefetch"/>), does other work —
/// the guard's check —, and then looks up and adds with the same fingerprints.
/// </para>
/// <para>
/// One thread uses the table at a time (an import's reader); making fingerprints is safe from any.
/// </para>
/// </summary>
sealed class ContactIndex
{
    [StructLayout(LayoutKind.Sequential)]
    struct Slot
    {
        public ulong Fingerprint;
        public long Id;
    }

    readonly ulong _k0 = BinaryPrimitives.ReadUInt64LittleEndian(RandomNumberGenerator.GetBytes(8));
    readonly ulong _k1 = BinaryPrimitives.ReadUInt64LittleEndian(RandomNumberGenerator.GetBytes(8));
    Slot[] _slots;
    int _mask;
    int _count;

    public ContactIndex(long expected)
    {
        var capacity = 1024;
        while (capacity * 0.8 < expected)
            capacity <<= 1;
        _slots = new Slot[capacity];
        _mask = capacity - 1;
    }

    /// <summary>The fingerprint of a normalised e-mail.</summary>
    public ulong OfEmail(ReadOnlySpan<char> email) => Fingerprint('e', email, default);

    /// <summary>The fingerprint of an E.164 phone with a name key.</summary>
    public ulong OfPhone(ReadOnlySpan<char> e164, ReadOnlySpan<char> nameKey) => Fingerprint('p', e164, nameKey);

    /// <summary>The fingerprint of a normalised e-mail given as UTF-8.</summary>
    public ulong OfEmail(ReadOnlySpan<byte> email) => Fingerprint((byte)'e', email, default);

    /// <summary>The fingerprint of an E.164 phone with a name key, given as UTF-8.</summary>
    public ulong OfPhone(ReadOnlySpan<byte> e164, ReadOnlySpan<byte> nameKey) => Fingerprint((byte)'p', e164, nameKey);

    public void AddEmail(ReadOnlySpan<char> email, long id) => Add(OfEmail(email), id);

    public void AddPhone(ReadOnlySpan<char> e164, ReadOnlySpan<char> nameKey, long id) => Add(OfPhone(e164, nameKey), id);

    /// <summary>Asks the processor to bring the fingerprint's slot into its cache; see the remarks on the class.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(ulong fingerprint)
    {
        var slots = _slots;
        Suppression.CacheHint.Fetch(ref slots[(int)(fingerprint >> 32) & (slots.Length - 1)]);
    }

    public void Add(ulong fingerprint, long id)
    {
        if (_count + 1 > _slots.Length * 0.8)
            Grow();
        if (Insert(_slots, _mask, fingerprint, id))
            _count++;
    }

    static bool Insert(Slot[] slots, int mask, ulong fingerprint, long id)
    {
        var index = (int)(fingerprint >> 32) & mask;
        while (slots[index].Fingerprint != 0)
        {
            if (slots[index].Fingerprint == fingerprint && slots[index].Id == id)
                return false;
            index = (index + 1) & mask;
        }
        slots[index] = new Slot { Fingerprint = fingerprint, Id = id };
        return true;
    }

    /// <summary>The ids recorded for a fingerprint (usually none or one; more when fingerprints collide).</summary>
    public void Find(ulong fingerprint, List<long> ids)
    {
        ids.Clear();
        var index = (int)(fingerprint >> 32) & _mask;
        while (_slots[index].Fingerprint != 0)
        {
            if (_slots[index].Fingerprint == fingerprint)
                ids.Add(_slots[index].Id);
            index = (index + 1) & _mask;
        }
    }

    void Grow()
    {
        var old = _slots;
        _slots = new Slot[old.Length * 2];
        _mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Fingerprint != 0)
                Insert(_slots, _mask, slot.Fingerprint, slot.Id);
        }
    }

    // A fingerprint hashes the kind, the first value, a bar and the second value, as UTF-8.
    ulong Fingerprint(char kind, ReadOnlySpan<char> first, ReadOnlySpan<char> second)
    {
        Span<byte> buffer = stackalloc byte[2 + (first.Length + second.Length) * 3];
        buffer[0] = (byte)kind;
        var length = 1 + Encoding.UTF8.GetBytes(first, buffer[1..]);
        buffer[length++] = (byte)'|';
        length += Encoding.UTF8.GetBytes(second, buffer[length..]);
        return Hash(buffer[..length]);
    }

    ulong Fingerprint(byte kind, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        Span<byte> buffer = stackalloc byte[2 + first.Length + second.Length];
        buffer[0] = kind;
        first.CopyTo(buffer[1..]);
        buffer[1 + first.Length] = (byte)'|';
        second.CopyTo(buffer[(2 + first.Length)..]);
        return Hash(buffer);
    }

    /// <summary>The keyed hash's first 64 bits; never 0, which marks an empty slot.</summary>
    ulong Hash(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[8];
        Suppression.SipHash.Hash128(_k0, _k1, bytes, hash);
        var fingerprint = MemoryMarshal.Read<ulong>(hash);
        return fingerprint == 0 ? 1 : fingerprint;
    }
}
