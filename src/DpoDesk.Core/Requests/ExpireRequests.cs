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
        var expired = await db.Requests
            .Where(r => r.State == RequestState.AwaitingConfirmation && r.ConfirmationExpiresAt <= now)
            .OrderBy(r => r.Id).Take(500)
            .ToListAsync(ct).ConfigureAwait(false);
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

        foreach (var file in messages.Select(m => m.DeliveryReference).Where(File.Exists))
            File.Delete(file!);
        return expired.Count;
    }
}
