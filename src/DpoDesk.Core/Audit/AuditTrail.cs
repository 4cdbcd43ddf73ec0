using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using DpoDesk.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Audit;

/// <summary>
/// Appends audit events to a hash chain and checks the chain. Each event's hash is an HMAC-SHA-256,
/// under a secret kept outside the database, of its fields and the previous event's hash: whoever can
/// write to the database but not read the secret cannot rewrite history and recompute the chain.
/// </summary>
public sealed class AuditTrail(byte[] secret)
{
    readonly byte[] _key = HMACSHA256.HashData(secret, "dpodesk/audit-chain/v1"u8);

    /// <summary>
    /// Appends one event in the caller's transaction (or its own when there is none), so that an action
    /// and its record are stored together or not at all. Appends are serialised by the chain head row:
    /// the first statement takes its write lock on both engines.
    /// </summary>
    public async Task<AuditEvent> AppendAsync(DpoDeskDbContext db, AuditEntry entry, DateTime at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entry);
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false) : null;
        try
        {
            var head = (await db.Database.SqlQuery<HeadRow>($"""
                UPDATE audit_chain_head SET "LastSequence" = "LastSequence" + 1 WHERE "Id" = 1
                RETURNING "LastSequence", "LastHash"
                """).ToListAsync(ct).ConfigureAwait(false)).Single();

            var audit = new AuditEvent
            {
                Sequence = head.LastSequence,
                At = TruncateToMicroseconds(at),
                Actor = Clip(entry.Actor, 256)!,
                Action = Clip(entry.Action, 64)!,
                Subject = Clip(entry.Subject, 128),
                Detail = Clip(entry.Detail, 2000),
                Address = Clip(entry.Address, 64),
                PreviousHash = head.LastHash,
                Hash = [],
            };
            audit.Hash = HashOf(audit);

            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO audit_events ("Sequence", "At", "Actor", "Action", "Subject", "Detail", "Address", "PreviousHash", "Hash")
                VALUES ({audit.Sequence}, {audit.At}, {audit.Actor}, {audit.Action}, {audit.Subject}, {audit.Detail}, {audit.Address}, {audit.PreviousHash}, {audit.Hash})
                """, ct).ConfigureAwait(false);
            await db.Database.ExecuteSqlAsync($"""UPDATE audit_chain_head SET "LastHash" = {audit.Hash} WHERE "Id" = 1""", ct).ConfigureAwait(false);

            if (own is not null)
                await own.CommitAsync(ct).ConfigureAwait(false);
            return audit;
        }
        finally
        {
            if (own is not null)
                await own.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Walks the whole chain in order and says whether it is intact, and if not, where it first breaks.</summary>
    public async Task<AuditVerification> VerifyAsync(DpoDeskDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        long expected = 1;
        var previous = new byte[32];
        await foreach (var audit in db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct).ConfigureAwait(false))
        {
            if (audit.Sequence != expected)
                return AuditVerification.Broken(expected - 1, expected, AuditBreak.Missing);
            if (!CryptographicOperations.FixedTimeEquals(audit.PreviousHash, previous))
                return AuditVerification.Broken(expected - 1, audit.Sequence, AuditBreak.Relinked);
            if (!CryptographicOperations.FixedTimeEquals(audit.Hash, HashOf(audit)))
                return AuditVerification.Broken(expected - 1, audit.Sequence, AuditBreak.Altered);
            previous = audit.Hash;
            expected++;
        }

        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == 1, ct).ConfigureAwait(false);
        if (head.LastSequence != expected - 1 || !CryptographicOperations.FixedTimeEquals(head.LastHash, previous))
            return AuditVerification.Broken(expected - 1, expected, AuditBreak.Truncated);
        return AuditVerification.Intact(expected - 1, previous);
    }

    byte[] HashOf(AuditEvent audit)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, audit.Sequence);
        buffer.Write((ReadOnlySpan<byte>)number);
        BinaryPrimitives.WriteInt64BigEndian(number, TruncateToMicroseconds(audit.At).Ticks);
        buffer.Write((ReadOnlySpan<byte>)number);
        foreach (var field in (ReadOnlySpan<string?>)[audit.Actor, audit.Action, audit.Subject, audit.Detail, audit.Address])
        {
            // Length-prefixed, with null apart from empty, so no two different events encode the same.
            var bytes = field is null ? null : Encoding.UTF8.GetBytes(field);
            BinaryPrimitives.WriteInt64BigEndian(number, bytes?.Length ?? -1);
            buffer.Write((ReadOnlySpan<byte>)number);
            if (bytes is not null)
                buffer.Write(bytes);
        }
        buffer.Write(audit.PreviousHash);
        return HMACSHA256.HashData(_key, buffer.WrittenSpan);
    }

    static DateTime TruncateToMicroseconds(DateTime at) =>
        new(at.Ticks - at.Ticks % 10, DateTimeKind.Utc);

    static string? Clip(string? value, int length) =>
        value is null || value.Length <= length ? value : value[..length];

    sealed class HeadRow
    {
        public long LastSequence { get; set; }
        public byte[] LastHash { get; set; } = [];
    }
}

public enum AuditBreak
{
    None,

    /// <summary>An event's fields no longer match its hash: it was changed.</summary>
    Altered,

    /// <summary>An event does not point to the one before it: something was inserted or replaced.</summary>
    Relinked,

    /// <summary>A number is missing: an event was removed.</summary>
    Missing,

    /// <summary>The chain ends before its recorded head: events were removed from its end.</summary>
    Truncated,
}

/// <summary>The result of walking the chain.</summary>
public sealed record AuditVerification(bool IsIntact, long VerifiedEvents, long? BrokenAt, AuditBreak Break, byte[]? HeadHash)
{
    public static AuditVerification Intact(long events, byte[] head) => new(true, events, null, AuditBreak.None, head);

    public static AuditVerification Broken(long verified, long at, AuditBreak kind) => new(false, verified, at, kind, null);
}
