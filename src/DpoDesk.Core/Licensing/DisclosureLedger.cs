using System.Buffers.Binary;
using DpoDesk.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DpoDesk.Licensing;

/// <summary>
/// Which records every export sent, compactly enough to answer "who received record X" at once for
/// any record, after thousands of exports of millions of records.
/// <para>
/// Record ids are cut into blocks of 4,096. For each block an export touched, one row holds the
/// records it sent from that block: a sorted list of 12-bit offsets (2 bytes each) while that is
/// shorter, a 512-byte bitmap once more than 255 were sent — the container scheme of Roaring bitmaps
/// with a smaller block, so that a look-up reads one block's rows (clustered together by the key)
/// and never a whole export. One million records spread over ten million take about 1.3 MB per
/// export, where a row per record per export would take some 30 MB with its index.
/// </para>
/// </summary>
public static class DisclosureLedger
{
    public const int BlockBits = 12;
    const int BlockSize = 1 << BlockBits;
    const byte ListContainer = 0;
    const byte BitmapContainer = 1;
    const int BitmapBytes = BlockSize / 8;

    /// <summary>Cuts ascending record ids into ledger rows of one export.</summary>
    public static IEnumerable<DisclosureBlock> Blocks(long exportId, IEnumerable<long> ascendingIds)
    {
        ArgumentNullException.ThrowIfNull(ascendingIds);
        var offsets = new List<ushort>(BlockSize);
        var block = -1;
        foreach (var id in ascendingIds)
        {
            var current = checked((int)(id >> BlockBits));
            if (current != block)
            {
                if (offsets.Count > 0)
                    yield return new DisclosureBlock { Block = block, ExportId = exportId, Members = Encode(offsets) };
                offsets.Clear();
                block = current;
            }
            offsets.Add((ushort)(id & (BlockSize - 1)));
        }
        if (offsets.Count > 0)
            yield return new DisclosureBlock { Block = block, ExportId = exportId, Members = Encode(offsets) };
    }

    static byte[] Encode(List<ushort> offsets)
    {
        if (offsets.Count * 2 < BitmapBytes)
        {
            var list = new byte[1 + offsets.Count * 2];
            list[0] = ListContainer;
            for (var i = 0; i < offsets.Count; i++)
                BinaryPrimitives.WriteUInt16LittleEndian(list.AsSpan(1 + i * 2), offsets[i]);
            return list;
        }
        var bitmap = new byte[1 + BitmapBytes];
        bitmap[0] = BitmapContainer;
        foreach (var offset in offsets)
            bitmap[1 + (offset >> 3)] |= (byte)(1 << (offset & 7));
        return bitmap;
    }

    /// <summary>Whether a ledger row holds the record with this id.</summary>
    public static bool Contains(ReadOnlySpan<byte> members, long id)
    {
        var offset = (ushort)(id & (BlockSize - 1));
        if (members[0] == BitmapContainer)
            return (members[1 + (offset >> 3)] & (1 << (offset & 7))) != 0;
        // Binary search in the sorted list.
        int low = 0, high = (members.Length - 1) / 2 - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var value = BinaryPrimitives.ReadUInt16LittleEndian(members[(1 + middle * 2)..]);
            if (value == offset)
                return true;
            if (value < offset)
                low = middle + 1;
            else
                high = middle - 1;
        }
        return false;
    }

    /// <summary>The exports that sent each of these records: (record id, export id) pairs.</summary>
    public static async Task<List<(long ContactId, long ExportId)>> ExportsOfAsync(DpoDeskDbContext db, IReadOnlyCollection<long> contactIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(contactIds);
        var found = new List<(long, long)>();
        if (contactIds.Count == 0)
            return found;
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
            await connection.OpenAsync(ct).ConfigureAwait(false);
        try
        {
            foreach (var group in contactIds.Distinct().GroupBy(id => (int)(id >> BlockBits)))
            {
                await using var command = connection.CreateCommand();
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                command.CommandText = """SELECT "ExportId", "Members" FROM disclosure_blocks WHERE "Block" = $1""";
                Sql.Parameter(command, group.Key);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    var exportId = reader.GetInt64(0);
                    var members = (byte[])reader.GetValue(1);
                    foreach (var id in group)
                    {
                        if (Contains(members, id))
                            found.Add((id, exportId));
                    }
                }
            }
        }
        finally
        {
            if (opened)
                await connection.CloseAsync().ConfigureAwait(false);
        }
        return found;
    }

    /// <summary>The licences whose exports sent any of these records, with the licensee, and which records each got.</summary>
    public static async Task<List<Recipient>> RecipientsAsync(DpoDeskDbContext db, IReadOnlyCollection<long> contactIds, CancellationToken ct)
    {
        var pairs = await ExportsOfAsync(db, contactIds, ct).ConfigureAwait(false);
        if (pairs.Count == 0)
            return [];
        var exportIds = pairs.Select(p => p.ExportId).Distinct().ToList();
        var exports = await db.LicenceExports.AsNoTracking().Include(e => e.Licence!).ThenInclude(l => l.Licensee)
            .Where(e => exportIds.Contains(e.Id)).ToListAsync(ct).ConfigureAwait(false);
        var byId = exports.ToDictionary(e => e.Id);
        return [.. pairs.GroupBy(p => byId[p.ExportId].LicenceId).Select(g =>
        {
            var first = g.Select(p => byId[p.ExportId]).MinBy(e => e.CreatedAt)!;
            return new Recipient(first.Licence!, first.Licence!.Licensee!, first.CreatedAt, [.. g.Select(p => p.ContactId).Distinct()]);
        })];
    }
}

/// <summary>A licence that received some of a person's records: since when, and which.</summary>
public sealed record Recipient(Licence Licence, Licensee Licensee, DateTime FirstSentAt, IReadOnlyList<long> ContactIds);
