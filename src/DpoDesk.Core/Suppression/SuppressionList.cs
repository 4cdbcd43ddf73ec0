using System.Buffers.Binary;
using DpoDesk.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Suppression;

/// <summary>The suppression list: adds keyed identifiers and answers "is this person kept out?".</summary>
public static class SuppressionList
{
    /// <summary>Adds keys of one kind; keys already on the list are left as they are.</summary>
    public static async Task AddAsync(DpoDeskDbContext db, IEnumerable<byte[]> keys, SuppressionKind kind, string? requestNumber, DateTime now, CancellationToken ct)
    {
        foreach (var key in keys.DistinctBy(Convert.ToHexString))
        {
            var exists = await db.SuppressionEntries.AnyAsync(e => e.Key == key && e.Kind == kind, ct).ConfigureAwait(false);
            if (!exists)
                db.SuppressionEntries.Add(new SuppressionEntry { Key = key, Kind = kind, CreatedAt = now, RequestNumber = requestNumber });
        }
    }

    /// <summary>Loads the keys that block an import (erased persons) into memory for a bulk pass.</summary>
    public static async Task<SuppressedKeys> LoadImportBlockersAsync(DpoDeskDbContext db, CancellationToken ct)
    {
        var set = new SuppressedKeys();
        await foreach (var key in db.SuppressionEntries.AsNoTracking().Where(e => e.Kind == SuppressionKind.Erased).Select(e => e.Key).AsAsyncEnumerable().WithCancellation(ct).ConfigureAwait(false))
            set.Add(key);
        return set;
    }
}

/// <summary>An in-memory set of 32-byte suppression keys.</summary>
public sealed class SuppressedKeys
{
    readonly HashSet<Key32> _keys = [];

    public int Count => _keys.Count;

    public void Add(ReadOnlySpan<byte> key) => _keys.Add(new Key32(key));

    public bool Contains(ReadOnlySpan<byte> key) => _keys.Contains(new Key32(key));

    readonly record struct Key32(ulong A, ulong B, ulong C, ulong D)
    {
        public Key32(ReadOnlySpan<byte> key) : this(
            BinaryPrimitives.ReadUInt64LittleEndian(key),
            BinaryPrimitives.ReadUInt64LittleEndian(key[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(key[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(key[24..]))
        {
        }
    }
}
