using DpoDesk.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Requests;

/// <summary>
/// Unconfirmed requests expire when their link does, and their personal data are purged: the request
/// keeps only its number, dates and outcome. The messages queued for it go too, with their pickup files.
/// </summary>
public sealed class ExpireRequests(DpoDeskDbContext db, TimeProvider time)
{
    public async Task<int> ExecuteAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var query = db.Requests.Where(r => r.State == RequestState.AwaitingConfirmation && r.ConfirmationExpiresAt <= now);
        // Most polls find nothing: ask before taking a write transaction (SQLite's one write lock).
        if (!await query.AnyAsync(ct).ConfigureAwait(false))
            return 0;

        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        if (db.Database.IsNpgsql())
        {
            // Several workers: each expires the rows it could lock, none twice. (SQLite's one writer needs no lock.)
            var awaiting = (int)RequestState.AwaitingConfirmation;
            var locked = await db.Database.SqlQuery<long>($"""
                SELECT "Id" AS "Value" FROM requests
                WHERE "State" = {awaiting} AND "ConfirmationExpiresAt" <= {now}
                ORDER BY "Id" LIMIT 500 FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct).ConfigureAwait(false);
            query = query.Where(r => locked.Contains(r.Id));
        }
        var expired = await query.OrderBy(r => r.Id).Take(500).ToListAsync(ct).ConfigureAwait(false);
        if (expired.Count == 0)
            return 0;

        var ids = expired.Select(r => r.Id).ToList();
        var messages = await db.OutboxMessages.Where(m => m.RequestId != null && ids.Contains(m.RequestId.Value)).ToListAsync(ct).ConfigureAwait(false);
        foreach (var request in expired)
        {
            request.State = RequestState.Expired;
            request.Outcome = RequestOutcome.NotConfirmed;
            request.CompletedAt = now;
            request.FullName = null;
            request.Email = null;
            request.Phone = null;
            request.PurgedAt = now;
            request.Record(now, RequestEventKind.Expired, "not confirmed in time");
            request.Record(now, RequestEventKind.PersonalDataPurged, $"name, e-mail, phone and {messages.Count(m => m.RequestId == request.Id)} message(s)");
        }
        db.OutboxMessages.RemoveRange(messages);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);

        foreach (var file in messages.Select(m => m.DeliveryReference).Where(File.Exists))
            File.Delete(file!);
        return expired.Count;
    }
}
