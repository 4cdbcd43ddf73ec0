using DpoDesk.Contacts;
using DpoDesk.Matching;
using DpoDesk.Notifications;
using DpoDesk.Persistence;
using DpoDesk.Suppression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DpoDesk.Requests;

/// <summary>
/// Acts on a confirmed request: matches the person in the contact base, erases, restricts or reports
/// the sources, puts their identifiers on the suppression list and queues the result. One transaction,
/// so a request that dies half-way is processed again from the start, and only once completed.
/// </summary>
public sealed class ProcessRequest(DpoDeskDbContext db, TimeProvider time, SuppressionKeys keys, IOptions<SmsOptions> sms, RequestMetrics metrics)
{
    /// <summary>The ids of confirmed requests waiting for processing, oldest first.</summary>
    public async Task<IReadOnlyList<long>> PendingAsync(int max, CancellationToken ct) =>
        await db.Requests.Where(r => r.State == RequestState.Confirmed)
            .OrderBy(r => r.ConfirmedAt).Select(r => r.Id).Take(max)
            .ToListAsync(ct).ConfigureAwait(false);

    /// <summary>Processes one request; returns false when it was no longer waiting.</summary>
    public async Task<bool> ExecuteAsync(long requestId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        // Claim the request so that another worker neither waits for it nor takes it: on PostgreSQL a row
        // lock that others skip; on SQLite the transaction already holds the only write lock.
        if (db.Database.IsNpgsql())
        {
            var claimed = await db.Database.SqlQuery<long>($"""
                SELECT "Id" AS "Value" FROM requests WHERE "Id" = {requestId} AND "State" = {(int)RequestState.Confirmed} FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct).ConfigureAwait(false);
            if (claimed.Count == 0)
                return false;
        }
        var request = await db.Requests.FirstOrDefaultAsync(r => r.Id == requestId && r.State == RequestState.Confirmed, ct).ConfigureAwait(false);
        if (request is null)
            return false;

        var now = time.GetUtcNow().UtcDateTime;
        var requester = new Requester(request.Email!, request.Phone, Identifiers.NameKey(request.FullName!));
        var candidates = await db.Contacts.Include(c => c.Source)
            .Where(c => c.EmailNormalized == requester.Email || (requester.Phone != null && c.PhoneNormalized == requester.Phone))
            .ToListAsync(ct).ConfigureAwait(false);
        var matches = ContactMatcher.Match(requester, candidates);
        var byEmail = matches.Count(m => m.MatchedBy == MatchedBy.Email);
        request.Record(now, RequestEventKind.Matched, $"{matches.Count} record(s): {byEmail} by e-mail, {matches.Count - byEmail} by phone and name");

        // Sources are described only for records tied to the confirmed e-mail; never on a phone and name alone.
        var described = request.Actions.HasFlag(RequestActions.SourceInquiry)
            ? matches.Where(m => m.MatchedBy == MatchedBy.Email).Select(m => Describe(m.Contact)).ToList()
            : [];
        if (request.Actions.HasFlag(RequestActions.SourceInquiry))
            request.Record(now, RequestEventKind.SourcesReported, $"{described.Count} record(s) described");

        var restricted = 0;
        if (request.Actions.HasFlag(RequestActions.SharingObjection))
        {
            foreach (var match in matches)
                match.Contact.SharingBarred = true;
            restricted = matches.Count;
            await SuppressionList.AddAsync(db, SuppressionKeysOf(requester), SuppressionKind.SharingObjection, request.Number, now, ct).ConfigureAwait(false);
            request.Record(now, RequestEventKind.SharingRestricted, $"{restricted} record(s) barred from sharing; identifiers suppressed");
        }

        var erased = 0;
        if (request.Actions.HasFlag(RequestActions.Erasure))
        {
            db.Contacts.RemoveRange(matches.Select(m => m.Contact));
            erased = matches.Count;
            await SuppressionList.AddAsync(db, SuppressionKeysOf(requester), SuppressionKind.Erased, request.Number, now, ct).ConfigureAwait(false);
            request.Record(now, RequestEventKind.Erased, $"{erased} record(s) deleted; identifiers suppressed");
        }

        var report = new ProcessingReport(described, byEmail, matches.Count - byEmail, erased, restricted);
        request.State = RequestState.Completed;
        request.CompletedAt = now;
        request.Outcome = report.AnythingFound ? RequestOutcome.DataFound : RequestOutcome.NoDataFound;
        request.RecordsFound = matches.Count;
        request.RecordsErased = erased;
        request.RecordsRestricted = restricted;
        request.Record(now, RequestEventKind.Completed, report.AnythingFound ? "data found" : "no data found");

        var result = RequestMessages.Result(request, report);
        Outbox.Enqueue(db, request, MessageChannel.Email, request.Email!, result.Subject, result.Body, "result", now);
        await EnqueueResultSmsAsync(request, report, now, ct).ConfigureAwait(false);

        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        if (request.ConfirmedAt is { } confirmedAt)
            metrics.RecordProcessing(now - confirmedAt);
        return true;
    }

    /// <summary>
    /// The SMS goes only to the number given in this confirmed request, only to a mobile range of an allowed country,
    /// and at most a few times a day per number: SMS pumping must not pay.
    /// </summary>
    async Task EnqueueResultSmsAsync(Request request, ProcessingReport report, DateTime now, CancellationToken ct)
    {
        if (request.Phone is not { } phone || !Identifiers.IsMobileIn(phone, sms.Value.AllowedRegions))
            return;
        var since = now.AddDays(-1);
        var sentToday = await db.OutboxMessages.CountAsync(m => m.Channel == MessageChannel.Sms && m.Recipient == phone && m.CreatedAt > since, ct).ConfigureAwait(false);
        if (sentToday >= sms.Value.MaxPerNumberPerDay)
        {
            request.Record(now, RequestEventKind.MessageFailed, $"SMS not sent: {sentToday} already sent to this number in 24 hours");
            return;
        }
        Outbox.Enqueue(db, request, MessageChannel.Sms, phone, null, RequestMessages.ResultSms(request, report), "result", now);
    }

    /// <summary>
    /// The e-mail, and the phone together with the name: a phone alone may be a company switchboard
    /// shared by colleagues, so it suppresses only the person whose name goes with it, the same rule as matching.
    /// </summary>
    IEnumerable<byte[]> SuppressionKeysOf(Requester requester)
    {
        yield return keys.ForEmail(requester.Email);
        if (requester.Phone is not null)
            yield return keys.ForPhoneAndName(requester.Phone, requester.NameKey);
    }

    static DescribedRecord Describe(Contact contact) => new(
        contact.FullName,
        contact.CompanyName,
        contact.Position,
        contact.Source!.Name,
        contact.AcquiredOn,
        contact.Source.IsPublic,
        contact.Source.LegalBasis);
}
