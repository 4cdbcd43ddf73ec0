using DpoDesk.Contacts;
using DpoDesk.Licensing;
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
        var requester = new Requester(request.Email, request.Phone, Identifiers.NameKey(request.FullName ?? ""));
        var candidates = await db.Contacts.Include(c => c.Source).Include(c => c.OtherSources).ThenInclude(o => o.Source)
            .Where(c => (requester.Email != null && c.EmailNormalized == requester.Email) || (requester.Phone != null && c.PhoneNormalized == requester.Phone))
            .ToListAsync(ct).ConfigureAwait(false);
        var result = ContactMatcher.Match(requester, candidates);

        // What the rules cannot settle waits for an operator instead of being acted on.
        if (request.ReviewDecision == ReviewDecision.None && NeedsReview(requester, result) is { } reason)
        {
            request.State = RequestState.NeedsReview;
            request.ReviewReason = reason;
            // Art. 18(1): while the question is open, none of these records leaves in an export.
            foreach (var candidate in candidates)
                candidate.Restricted = true;
            request.Record(now, RequestEventKind.ReviewRequired, reason);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return true;
        }
        var included = request.ReviewIncluded();
        IReadOnlyList<ContactMatch> matches = [.. result.Sure, .. result.Uncertain.Where(u => included.Contains(u.Contact.Id)).Select(u => new ContactMatch(u.Contact, MatchedBy.Review))];
        var byEmail = matches.Count(m => m.MatchedBy == MatchedBy.Email);
        request.Record(now, RequestEventKind.Matched, $"{matches.Count} record(s): {byEmail} by e-mail, {matches.Count - byEmail} by phone and name"
            + (result.Uncertain.Count > 0 ? $"; of {result.Uncertain.Count} uncertain record(s) {matches.Count(m => m.MatchedBy == MatchedBy.Review)} included on review" : ""));

        foreach (var candidate in candidates)
            candidate.Restricted = false;
        var recipients = request.Actions.HasFlag(RequestActions.SourceInquiry)
            ? await DisclosureLedger.RecipientsAsync(db, [.. matches.Select(m => m.Contact.Id)], ct).ConfigureAwait(false)
            : [];
        var described = request.Actions.HasFlag(RequestActions.SourceInquiry)
            ? matches.Where(m => m.MatchedBy == MatchedBy.Email).Select(m => Describe(m.Contact, recipients)).ToList()
            : [];
        if (request.Actions.HasFlag(RequestActions.SourceInquiry))
            request.Record(now, RequestEventKind.SourcesReported, $"{described.Count} record(s) described");

        var restricted = 0;
        if (request.Actions.HasFlag(RequestActions.SharingObjection))
        {
            foreach (var match in matches)
                match.Contact.SharingBarred = true;
            restricted = matches.Count;
            await SuppressionList.AddAsync(db, keys, SuppressionKeysOf(requester), SuppressionKind.SharingObjection, request.Number, now, ct).ConfigureAwait(false);
            request.Record(now, RequestEventKind.SharingRestricted, $"{restricted} record(s) barred from sharing; identifiers suppressed");
            if (!request.Actions.HasFlag(RequestActions.Erasure))
                await Art19Notices.NotifyAsync(db, request, [.. matches.Select(m => m.Contact)], NoticeKind.Objection, now, ct).ConfigureAwait(false);
        }

        var erased = 0;
        if (request.Actions.HasFlag(RequestActions.Erasure))
        {
            // The licensees are told before the records go: the ledger names records by id.
            await Art19Notices.NotifyAsync(db, request, [.. matches.Select(m => m.Contact)], NoticeKind.Erasure, now, ct).ConfigureAwait(false);
            db.Contacts.RemoveRange(matches.Select(m => m.Contact));
            erased = matches.Count;
            await SuppressionList.AddAsync(db, keys, SuppressionKeysOf(requester), SuppressionKind.Erased, request.Number, now, ct).ConfigureAwait(false);
            request.Record(now, RequestEventKind.Erased, $"{erased} record(s) deleted; identifiers suppressed");
        }

        var processing = request.Actions.HasFlag(RequestActions.SourceInquiry)
            ? await db.ProcessingActivities.AsNoTracking().FirstOrDefaultAsync(a => a.Key == Records.RecordOfProcessing.ContactBase, ct).ConfigureAwait(false)
            : null;
        var report = new ProcessingReport(described, byEmail, matches.Count - byEmail, erased, restricted, processing);
        request.State = RequestState.Completed;
        request.CompletedAt = now;
        request.Outcome = report.AnythingFound ? RequestOutcome.DataFound : RequestOutcome.NoDataFound;
        request.RecordsFound = matches.Count;
        request.RecordsErased = erased;
        request.RecordsRestricted = restricted;
        request.Record(now, RequestEventKind.Completed, report.AnythingFound ? "data found" : "no data found");

        var template = await ReplyTemplates.GetAsync(db, ReplyTemplates.Result, request.Language, ct).ConfigureAwait(false);
        var reply = RequestMessages.Result(request, report, template);
        request.ReplySubject = reply.Subject;
        request.ReplyBody = reply.Body;
        // A web request is answered by e-mail; a postal one by letter (printed from the office) and by e-mail when it gave one.
        if (request.Email is not null)
            Outbox.Enqueue(db, request, MessageChannel.Email, request.Email, reply.Subject, reply.Body, "result", now);
        await EnqueueResultSmsAsync(request, report, now, ct).ConfigureAwait(false);

        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        if (request.ConfirmedAt is { } confirmedAt)
            metrics.RecordProcessing(now - confirmedAt);
        return true;
    }

    /// <summary>Why the rules cannot settle this request alone, or null when they can.</summary>
    static string? NeedsReview(Requester requester, MatchResult result)
    {
        if (requester.Email is null && requester.Phone is null)
            return "no e-mail and no phone: a name alone never matches";
        if (result.Uncertain.Count == 0)
            return null;
        var otherEmail = result.Uncertain.Count(u => u.Why == Uncertainty.OtherEmail);
        var otherName = result.Uncertain.Count(u => u.Why == Uncertainty.OtherNameOnPhone);
        var reasons = new List<string>(2);
        if (otherEmail > 0)
            reasons.Add($"{otherEmail} record(s) with this phone and name but another e-mail");
        if (otherName > 0)
            reasons.Add($"{otherName} record(s) with this phone under another name");
        return string.Join("; ", reasons);
    }

    /// <summary>
    /// A request whose processing keeps failing is taken out of the queue after a few attempts and handed
    /// to an operator, so that it does not hold up the requests behind it.
    /// </summary>
    public async Task RecordFailureAsync(long requestId, string what, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var request = await db.Requests.FirstOrDefaultAsync(r => r.Id == requestId && r.State == RequestState.Confirmed, ct).ConfigureAwait(false);
        if (request is null)
            return;
        var now = time.GetUtcNow().UtcDateTime;
        request.ProcessingFailures++;
        request.Record(now, RequestEventKind.ProcessingFailed, what);
        if (request.ProcessingFailures >= MaxAttempts)
        {
            request.State = RequestState.NeedsReview;
            request.ReviewReason = $"processing failed {request.ProcessingFailures} times ({what})";
            request.Record(now, RequestEventKind.ReviewRequired, request.ReviewReason);
        }
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    public const int MaxAttempts = 3;

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
    IEnumerable<(byte[], SuppressedIdentifier)> SuppressionKeysOf(Requester requester)
    {
        if (requester.Email is not null)
            yield return (keys.ForEmail(requester.Email), SuppressedIdentifier.Email);
        if (requester.Phone is not null)
        {
            yield return (keys.ForPhoneAndName(requester.Phone, requester.NameKey), SuppressedIdentifier.PhoneAndName);
            yield return (keys.ForPhoneHint(requester.Phone), SuppressedIdentifier.PhoneHint);
        }
    }

    static DescribedRecord Describe(Contact contact, IReadOnlyList<Recipient> recipients) => new(
        contact.FullName,
        contact.CompanyName,
        contact.Position,
        contact.Source!.Name,
        contact.AcquiredOn,
        contact.Source.IsPublic,
        contact.Source.LegalBasis,
        [.. contact.OtherSources.Select(o => (o.Source!.Name, o.AcquiredOn))],
        [.. recipients.Where(r => r.ContactIds.Contains(contact.Id))
            .Select(r => (r.Licensee.Company, r.Licensee.Nip, DateOnly.FromDateTime(Deadlines.ToPolishLocal(r.FirstSentAt))))
            .DistinctBy(r => r.Company)]);
}
