using System.Security.Cryptography;
using DpoDesk.Audit;
using DpoDesk.Matching;
using DpoDesk.Notifications;
using DpoDesk.Persistence;
using DpoDesk.Suppression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DpoDesk.Requests;

/// <summary>Who did it and from where: every desk action is on the audit trail.</summary>
public sealed record StaffActor(string Name, string? Address);

public enum DeskOutcome
{
    Done = 1,
    NotFound,

    /// <summary>The request is not in a state that allows this action.</summary>
    WrongState,

    /// <summary>The first month has ended: an extension can no longer be notified in time.</summary>
    TooLate,

    AlreadyExtended,

    /// <summary>A reason is required and was not given (or is too long).</summary>
    ReasonRequired,
}

public sealed record RegisterResult(string? Number, long? Id, IReadOnlyDictionary<string, PostalError> Errors);

/// <summary>
/// What staff do to requests: register post, verify it, settle reviews, pause for an identity check,
/// extend, refuse, answer a phone caller. Each action, its timeline event, its message and its audit
/// event are stored in one transaction.
/// </summary>
public sealed class RequestDesk(DpoDeskDbContext db, TimeProvider time, SuppressionKeys keys, AuditTrail audit, IOptions<PortalOptions> portal)
{
    public const int MaxReasonLength = 2000;

    public async Task<RegisterResult> RegisterPostalAsync(PostalForm form, StaffActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow().UtcDateTime;
        var errors = form.Validate(Deadlines.PolishDate(now));
        if (errors.Count > 0)
            return new RegisterResult(null, null, errors);

        var email = string.IsNullOrWhiteSpace(form.Email) ? null : Identifiers.NormalizeEmail(form.Email.Trim());
        var phone = string.IsNullOrWhiteSpace(form.Phone) ? null : Identifiers.NormalizePhone(form.Phone.Trim());
        var receivedAt = Deadlines.PolishNoon(form.ReceivedOn!.Value);

        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var request = new Request
        {
            Number = RequestNumber.Format(now.Year, await RequestNumbers.NextAsync(db, now.Year, ct).ConfigureAwait(false)),
            Actions = form.Actions,
            Channel = RequestChannel.Post,
            State = RequestState.AwaitingVerification,
            Language = form.Language == "en" ? "en" : "pl",
            FullName = form.FullName!.Trim(),
            PostalAddress = form.PostalAddress!.Trim().ReplaceLineEndings("\n"),
            Email = email,
            Phone = phone,
            EmailLookupKey = email is null ? null : keys.ForRequestLookup(email),
            SubmissionKey = Guid.NewGuid(),
            ReceivedAt = receivedAt,
            ConfirmationExpiresAt = receivedAt,
            DueOn = Deadlines.AddMonths(form.ReceivedOn.Value, 1),
            TargetAt = receivedAt + Deadlines.HouseTarget,
        };
        request.Record(now, RequestEventKind.PostalRegistered, $"letter received {form.ReceivedOn:yyyy-MM-dd}, registered by {actor.Name}");
        db.Requests.Add(request);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);

        var scan = form.Scan!;
        var contentType = ScanType.Sniff(scan.Content)!;
        db.RequestDocuments.Add(new RequestDocument
        {
            RequestId = request.Id,
            FileName = FileNames.Safe(scan.FileName, request.Number.Replace('/', '-'), ScanType.Extension(contentType)),
            ContentType = contentType,
            Content = scan.Content,
            Size = scan.Content.Length,
            Sha256 = SHA256.HashData(scan.Content),
            UploadedAt = now,
            UploadedBy = actor.Name,
        });
        await Duplicates.LinkAsync(db, request, now, ct).ConfigureAwait(false);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await AuditAsync(actor, AuditActions.PostalRequestRegistered, request, $"scan {contentType}, {scan.Content.Length} bytes", now, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return new RegisterResult(request.Number, request.Id, errors);
    }

    /// <summary>The operator has checked a paper request (signature, address, content) and lets it be carried out.</summary>
    public Task<DeskOutcome> VerifyAsync(long id, string? note, StaffActor actor, CancellationToken ct) =>
        ActAsync(id, actor, AuditActions.RequestVerified, note, optionalReason: true, (request, now) =>
        {
            if (request.State != RequestState.AwaitingVerification)
                return Task.FromResult(DeskOutcome.WrongState);
            request.State = RequestState.Confirmed;
            request.ConfirmedAt = now;
            request.Record(now, RequestEventKind.Verified, $"verified by {actor.Name}" + (note is null ? "" : $": {note}"));
            return Task.FromResult(DeskOutcome.Done);
        }, ct);

    /// <summary>An operator settles what the matching rules could not: the uncertain records in <paramref name="includedContactIds"/> are the person's, the others not.</summary>
    public Task<DeskOutcome> DecideReviewAsync(long id, IReadOnlyCollection<long> includedContactIds, string? reason, StaffActor actor, CancellationToken ct) =>
        ActAsync(id, actor, AuditActions.ReviewDecided, reason, optionalReason: false, (request, now) =>
        {
            ArgumentNullException.ThrowIfNull(includedContactIds);
            if (request.State != RequestState.NeedsReview || includedContactIds.Count > 500)
                return Task.FromResult(DeskOutcome.WrongState);
            request.ReviewDecision = ReviewDecision.Decided;
            request.ReviewIncludedContactIds = string.Join(",", includedContactIds.Distinct().Order());
            request.ProcessingFailures = 0;
            request.State = RequestState.Confirmed;
            request.ConfirmedAt ??= now;
            request.Record(now, RequestEventKind.ReviewDecided, $"{includedContactIds.Count} uncertain record(s) found to be the person's — {actor.Name}: {reason}");
            return Task.FromResult(DeskOutcome.Done);
        }, ct);

    /// <summary>Stops the clock while the person's identity is checked, and asks them (e-mail, or a letter to print).</summary>
    public Task<DeskOutcome> PauseAsync(long id, string? reason, StaffActor actor, CancellationToken ct) =>
        ActAsync(id, actor, AuditActions.IdentityCheckStarted, reason, optionalReason: false, async (request, now) =>
        {
            if (request.State is not (RequestState.AwaitingVerification or RequestState.Confirmed or RequestState.NeedsReview))
                return DeskOutcome.WrongState;
            request.State = RequestState.Paused;
            request.PausedAt = now;
            request.PauseReason = reason;
            request.Record(now, RequestEventKind.Paused, $"identity check by {actor.Name}: {reason}");
            var template = await ReplyTemplates.GetAsync(db, ReplyTemplates.IdentityCheck, request.Language, ct).ConfigureAwait(false);
            Deliver(request, RequestMessages.IdentityCheck(request, template, reason!), "identity check", now);
            return DeskOutcome.Done;
        }, ct);

    /// <summary>Identity confirmed: the clock runs again, the deadlines moved by the days it stood still.</summary>
    public Task<DeskOutcome> ResumeAsync(long id, string? note, StaffActor actor, CancellationToken ct) =>
        ActAsync(id, actor, AuditActions.IdentityCheckEnded, note, optionalReason: true, (request, now) =>
        {
            if (request.State != RequestState.Paused || request.PausedAt is not { } pausedAt)
                return Task.FromResult(DeskOutcome.WrongState);
            var days = Deadlines.PolishDate(now).DayNumber - Deadlines.PolishDate(pausedAt).DayNumber;
            request.DueOn = request.DueOn.AddDays(days);
            if (request.ExtendedDueOn is { } extended)
                request.ExtendedDueOn = extended.AddDays(days);
            request.TargetAt += now - pausedAt;
            request.PausedAt = null;
            request.State = RequestState.Confirmed;
            request.ConfirmedAt ??= now;
            request.Record(now, RequestEventKind.Resumed, $"identity confirmed by {actor.Name}; deadlines moved by {days} day(s)" + (note is null ? "" : $": {note}"));
            return Task.FromResult(DeskOutcome.Done);
        }, ct);

    /// <summary>
    /// Extends the deadline by one or two further months (Art. 12(3)), only while the first month runs,
    /// and tells the person why at once.
    /// </summary>
    public Task<DeskOutcome> ExtendAsync(long id, int months, string? reason, StaffActor actor, CancellationToken ct) =>
        ActAsync(id, actor, AuditActions.DeadlineExtended, reason, optionalReason: false, async (request, now) =>
        {
            if (months is < 1 or > 2 || !request.IsOpen || request.State == RequestState.AwaitingConfirmation)
                return DeskOutcome.WrongState;
            if (request.ExtendedDueOn is not null)
                return DeskOutcome.AlreadyExtended;
            if (Deadlines.PolishDate(now) > request.DueOn)
                return DeskOutcome.TooLate;
            request.ExtendedDueOn = Deadlines.AddMonths(request.DueOn, months);
            request.ExtensionReason = reason;
            request.Record(now, RequestEventKind.Extended, $"deadline {request.DueOn:yyyy-MM-dd} -> {request.ExtendedDueOn:yyyy-MM-dd} by {actor.Name}: {reason}");
            var template = await ReplyTemplates.GetAsync(db, ReplyTemplates.Extension, request.Language, ct).ConfigureAwait(false);
            Deliver(request, RequestMessages.Extension(request, template, reason!), "extension notice", now);
            return DeskOutcome.Done;
        }, ct);

    /// <summary>Refuses a manifestly unfounded or excessive request, with the reasons and the person's rights.</summary>
    public Task<DeskOutcome> RefuseAsync(long id, RefusalGround ground, string? reason, StaffActor actor, CancellationToken ct) =>
        ActAsync(id, actor, AuditActions.RequestRefused, reason, optionalReason: false, async (request, now) =>
        {
            if (!request.IsOpen || request.State == RequestState.AwaitingConfirmation || !Enum.IsDefined(ground))
                return DeskOutcome.WrongState;
            // Records restricted while the request waited for review are free again: nothing was decided about them.
            if (request.State == RequestState.NeedsReview)
            {
                await db.Contacts.Where(c => (request.Email != null && c.EmailNormalized == request.Email) || (request.Phone != null && c.PhoneNormalized == request.Phone))
                    .ExecuteUpdateAsync(u => u.SetProperty(c => c.Restricted, false), ct).ConfigureAwait(false);
            }
            request.State = RequestState.Refused;
            request.RefusalGround = ground;
            request.CompletedAt = now;
            request.PausedAt = null;
            var template = await ReplyTemplates.GetAsync(db, ReplyTemplates.Refusal, request.Language, ct).ConfigureAwait(false);
            var reply = RequestMessages.Refusal(request, template, ground, reason!);
            request.ReplySubject = reply.Subject;
            request.ReplyBody = reply.Body;
            request.Record(now, RequestEventKind.Refused, $"{ground} — {actor.Name}: {reason}");
            Deliver(request, reply, "refusal", now);
            return DeskOutcome.Done;
        }, ct);

    /// <summary>
    /// Someone phoned with a request: it is not taken, but if they want it in writing they get the form's
    /// address and the postal address by e-mail. Nothing is kept but the audit event.
    /// </summary>
    public async Task<bool> ReplyToPhoneCallAsync(string? email, string language, StaffActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var address = string.IsNullOrWhiteSpace(email) ? null : Identifiers.NormalizeEmail(email.Trim());
        if (address is null)
            return false;
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var template = await ReplyTemplates.GetAsync(db, ReplyTemplates.PhoneCall, language, ct).ConfigureAwait(false);
        var message = RequestMessages.PhoneCall(template, portal.Value.Link("/"), portal.Value.PostalAddress);
        Outbox.EnqueueEmail(db, address, message.Subject, message.Body, now);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        // The caller's address is theirs, not ours to log: the audit says only that a reply went out.
        await audit.AppendAsync(db, new AuditEntry(actor.Name, AuditActions.PhoneReplySent, null, language, actor.Address), now, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    async Task<DeskOutcome> ActAsync(long id, StaffActor actor, string auditAction, string? reason, bool optionalReason, Func<Request, DateTime, Task<DeskOutcome>> act, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if ((reason is null && !optionalReason) || reason?.Length > MaxReasonLength)
            return DeskOutcome.ReasonRequired;
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var request = await db.Requests.FirstOrDefaultAsync(r => r.Id == id, ct).ConfigureAwait(false);
        if (request is null)
            return DeskOutcome.NotFound;
        var now = time.GetUtcNow().UtcDateTime;
        var outcome = await act(request, now).ConfigureAwait(false);
        if (outcome != DeskOutcome.Done)
            return outcome;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await AuditAsync(actor, auditAction, request, reason, now, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return DeskOutcome.Done;
    }

    /// <summary>A reply goes by e-mail when there is an address; a postal request's reply is also a letter, printed from the office.</summary>
    void Deliver(Request request, RenderedMessage message, string purpose, DateTime now)
    {
        if (request.Email is not null)
            Outbox.Enqueue(db, request, MessageChannel.Email, request.Email, message.Subject, message.Body, purpose, now);
    }

    Task<AuditEvent> AuditAsync(StaffActor actor, string action, Request request, string? detail, DateTime now, CancellationToken ct) =>
        audit.AppendAsync(db, new AuditEntry(actor.Name, action, "request:" + request.Number, detail, actor.Address), now, ct);
}

/// <summary>Repeated requests of one person: detected and linked, never silently dropped.</summary>
public static class Duplicates
{
    /// <summary>How far back an open request of the same person makes a new one its duplicate.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(90);

    /// <summary>Links a new request to an earlier open one of the same person (Art. 12(5): never silently dropped).</summary>
    public static async Task LinkAsync(DpoDeskDbContext db, Request request, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        if (request.EmailLookupKey is null && request.Phone is null)
            return;
        var since = now - Window;
        var lookupKey = request.EmailLookupKey;
        var phone = request.Phone;
        var earlier = await db.Requests.AsNoTracking()
            .Where(r => r.Id != request.Id && r.ReceivedAt >= since
                && Request.OpenStates.Contains(r.State)
                && ((lookupKey != null && r.EmailLookupKey == lookupKey) || (phone != null && r.Phone == phone)))
            .OrderBy(r => r.Id).Select(r => new { r.Id, r.Number }).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (earlier is null)
            return;
        request.DuplicateOfId = earlier.Id;
        request.Record(now, RequestEventKind.DuplicateLinked, $"repeats {earlier.Number}, still open");
    }
}
