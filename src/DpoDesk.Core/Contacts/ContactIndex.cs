using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace DpoDesk.Contacts;

/// <summary>
/// The contact base's identifiers in memory for one import: a 64-bit fingerprint of each normalised
/// e-mail and of each phone-with-name, mapped to the record's id, in an open-addressing table
/// (16 bytes a slot, at most 80% full: 20 to 40 bytes an identifier). A hit is confirmed against the
/// record itself before anything is merged, so a fingerprint collision can never join two people.
/// </summary>
sealed class ContactIndex
{
    readonly ulong _k0 = BinaryPrimitives.ReadUInt64LittleEndian(RandomNumberGenerator.GetBytes(8));
    readonly ulong _k1 = BinaryPrimitives.ReadUInt64LittleEndian(RandomNumberGenerator.GetBytes(8));
    ulong[] _keys;
    long[] _ids;
    int _mask;
    int _count;

    public ContactIndex(long expected)
    {
        var capacity = 1024;
        while (capacity * 0.8 < expected)
            capacity <<= 1;
        _keys = new ulong[capacity];
        _ids = new long[capacity];
        _mask = capacity - 1;
    }

    // The reading thread and the batch being written both use the index; each call holds it briefly.
    readonly Lock _gate = new();

    public void AddEmail(ReadOnlySpan<char> email, long id) => Add(Fingerprint('e', email, default), id);

    public void AddPhone(ReadOnlySpan<char> e164, ReadOnlySpan<char> nameKey, long id) => Add(Fingerprint('p', e164, nameKey), id);

    /// <summary>The ids recorded for an e-mail (usually one; more when fingerprints collide).</summary>
    public void FindEmail(ReadOnlySpan<char> email, List<long> ids) => Find(Fingerprint('e', email, default), ids);

    public void FindPhone(ReadOnlySpan<char> e164, ReadOnlySpan<char> nameKey, List<long> ids) => Find(Fingerprint('p', e164, nameKey), ids);

    void Add(ulong fingerprint, long id)
    {
        lock (_gate)
        {
            if (_count + 1 > _keys.Length * 0.8)
                Grow();
            Insert(_keys, _ids, _mask, fingerprint, id);
            _count++;
        }
    }

    static void Insert(ulong[] keys, long[] ids, int mask, ulong fingerprint, long id)
    {
        var index = (int)(fingerprint >> 32) & mask;
        while (keys[index] != 0)
        {
            if (keys[index] == fingerprint && ids[index] == id)
                return;
            index = (index + 1) & mask;
        }
        keys[index] = fingerprint;
        ids[index] = id;
    }

    void Find(ulong fingerprint, List<long> ids)
    {
        ids.Clear();
        lock (_gate)
        {
            var index = (int)(fingerprint >> 32) & _mask;
            while (_keys[index] != 0)
            {
                if (_keys[index] == fingerprint)
                    ids.Add(_ids[index]);
                index = (index + 1) & _mask;
            }
        }
    }

    void Grow()
    {
        var (keys, ids) = (_keys, _ids);
        _keys = new ulong[keys.Length * 2];
        _ids = new long[keys.Length * 2];
        _mask = _keys.Length - 1;
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] != 0)
                Insert(_keys, _ids, _mask, keys[i], ids[i]);
        }
    }

    ulong Fingerprint(char kind, ReadOnlySpan<char> first, ReadOnlySpan<char> second)
    {
        Span<byte> buffer = stackalloc byte[2 + (first.Length + second.Length + 1) * 3];
        buffer[0] = (byte)kind;
        var length = 1 + Encoding.UTF8.GetBytes(first, buffer[1..]);
        buffer[length++] = (byte)'|';
        length += Encoding.UTF8.GetBytes(second, buffer[length..]);
        Span<byte> hash = stackalloc byte[8];
        Suppression.SipHash.Hash128(_k0, _k1, buffer[..length], hash);
        var fingerprint = MemoryMarshal.Read<ulong>(hash);
        return fingerprint == 0 ? 1 : fingerprint;
    }
}
