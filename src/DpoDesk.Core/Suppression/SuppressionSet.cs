using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace DpoDesk.Suppression;

/// <summary>
/// The suppression list in memory for a bulk pass: one 64-bit fingerprint per key in an
/// open-addressing table (linear probing, at most 80% full), so ten million keys take about 134 MB
/// — 13 bytes a key — where a hash set of 16-byte keys would take over 40.
/// <para>
/// A fingerprint is the first 64 bits of the key with its lowest bit replaced by "blocks import"
/// (erased). Keys are pseudorandom, so two persons share a fingerprint with probability
/// n / 2^63 per look-up (about 10^-12 at ten million keys); such a person would be left out, never let in.
/// </para>
/// </summary>
public sealed class SuppressionSet
{
    /// <summary>The bytes of a key a look-up reads: its first 64 bits.</summary>
    public const int FingerprintLength = sizeof(ulong);

    const ulong ImportFlag = 1;
    const ulong Empty = 0;
    ulong[] _slots;
    int _mask;

    public SuppressionSet(int expected = 1024)
    {
        var capacity = 16;
        while (capacity * 0.8 < expected)
            capacity <<= 1;
        _slots = new ulong[capacity];
        _mask = capacity - 1;
    }

    public int Count { get; private set; }

    /// <summary>Which kinds of key the list holds; the guard makes no other. Everything until loaded.</summary>
    public IReadOnlySet<SuppressedIdentifier> Identifiers { get; set; } = new HashSet<SuppressedIdentifier> { SuppressedIdentifier.Unknown };

    /// <summary>Whether keys made from this kind of identifier can be on the list.</summary>
    public bool Holds(SuppressedIdentifier identifier) => Identifiers.Contains(identifier) || Identifiers.Contains(SuppressedIdentifier.Unknown);

    /// <summary>The bytes the table takes.</summary>
    public long MemoryBytes => (long)_slots.Length * sizeof(ulong);

    /// <summary>The phones of the phone-with-name entries, keyed on their own: a look-up here decides whether a row's name needs folding.</summary>
    public SuppressionSet? PhoneHints { get; private set; }

    /// <summary>Whether every phone-with-name entry left its phone's hint, so that a phone without a hint is surely not on the list.</summary>
    public bool PhoneHintsComplete { get; set; }

    /// <summary>Adds the hint key of a phone-with-name entry.</summary>
    public void AddPhoneHint(ReadOnlySpan<byte> key) => (PhoneHints ??= new SuppressionSet()).Add(key, SuppressionKind.SharingObjection);

    public void Add(ReadOnlySpan<byte> key, SuppressionKind kind)
    {
        if (Count + 1 > _slots.Length * 0.8)
            Grow();
        Insert(_slots, _mask, Fingerprint(key), kind == SuppressionKind.Erased);
    }

    void Insert(ulong[] slots, int mask, ulong fingerprint, bool blocksImport)
    {
        var index = (int)(fingerprint >> 33) & mask;
        while (true)
        {
            var slot = slots[index];
            if (slot == Empty)
            {
                slots[index] = fingerprint | (blocksImport ? ImportFlag : 0);
                Count++;
                return;
            }
            if ((slot & ~ImportFlag) == fingerprint)
            {
                if (blocksImport)
                    slots[index] = slot | ImportFlag;
                return;
            }
            index = (index + 1) & mask;
        }
    }

    void Grow()
    {
        var old = _slots;
        _slots = new ulong[old.Length * 2];
        _mask = _slots.Length - 1;
        Count = 0;
        foreach (var slot in old)
        {
            if (slot != Empty)
                Insert(_slots, _mask, slot & ~ImportFlag, (slot & ImportFlag) != 0);
        }
    }

    /// <summary>Whether the key is kept out of an export (any kind of suppression).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool BlocksExport(ReadOnlySpan<byte> key) => Find(Fingerprint(key)) != Empty;

    /// <summary>Whether the key is kept out of an import (the person was erased).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool BlocksImport(ReadOnlySpan<byte> key) => (Find(Fingerprint(key)) & ImportFlag) != 0;

    /// <summary>
    /// Asks the processor to fetch the key's slot into its cache, so that the look-up that follows some
    /// work later does not wait on memory: the table is larger than the caches, and a row's keys are
    /// looked up only after they are all made.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(ReadOnlySpan<byte> key) => CacheHint.Fetch(ref _slots[(int)(Fingerprint(key) >> 33) & _mask]);

    ulong Find(ulong fingerprint)
    {
        var slots = _slots;
        var index = (int)(fingerprint >> 33) & _mask;
        while (true)
        {
            var slot = slots[index];
            if (slot == Empty || (slot & ~ImportFlag) == fingerprint)
                return slot;
            index = (index + 1) & _mask;
        }
    }

    static ulong Fingerprint(ReadOnlySpan<byte> key)
    {
        // The low bit carries the import flag; a fingerprint of zero would look empty.
        var fingerprint = BinaryPrimitives.ReadUInt64LittleEndian(key) & ~ImportFlag;
        return fingerprint == Empty ? 2 : fingerprint;
    }
}
