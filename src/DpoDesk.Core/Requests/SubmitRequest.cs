using System.Buffers.Text;
using System.Security.Cryptography;
using DpoDesk.Matching;
using DpoDesk.Notifications;
using DpoDesk.Persistence;
using DpoDesk.Suppression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DpoDesk.Requests;

public sealed record SubmitResult(string? Number, IReadOnlyDictionary<string, FormError> Errors)
{
    public bool Accepted => Number is not null;
}

/// <summary>
/// Takes a request from the public form: stores it, gives it a number and a confirmation token, and
/// queues the confirmation e-mail, all in one transaction.
/// </summary>
public sealed class SubmitRequest(
    DpoDeskDbContext db,
    TimeProvider time,
    SuppressionKeys keys,
    IOptions<RequestOptions> requestOptions,
    IOptions<PortalOptions> portalOptions)
{
    public async Task<SubmitResult> ExecuteAsync(RequestForm form, CancellationToken ct)
    {
        var errors = form.Validate();
        if (errors.Count > 0)
            return new SubmitResult(null, errors);

        var email = Identifiers.NormalizeEmail(form.Email)!;
        var phone = string.IsNullOrWhiteSpace(form.Phone) ? null : Identifiers.NormalizePhone(form.Phone);
        var now = time.GetUtcNow().UtcDateTime;

        // One address or number filing request after request is a bot or a pest; the person is told.
        var lookupKey = keys.ForRequestLookup(email);
        var since = now.AddDays(-1);
        var limit = requestOptions.Value.MaxPerIdentifierPerDay;
        var recent = await db.Requests.CountAsync(r => r.ReceivedAt > since && r.SubmissionKey != form.SubmissionKey
            && (r.EmailLookupKey == lookupKey || (phone != null && r.Phone == phone)), ct).ConfigureAwait(false);
        if (recent >= limit)
            return new SubmitResult(null, new Dictionary<string, FormError> { [RequestForm.Fields.Email] = FormError.TooManyRequests });

        try
        {
            return await StoreAsync(form, email, phone, lookupKey, now, ct).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Two copies of one form arrived at once (a double click) and the other one won the unique
            // submission key: answer with its number.
            db.ChangeTracker.Clear();
            var winner = await db.Requests.AsNoTracking().Where(r => r.SubmissionKey == form.SubmissionKey)
                .Select(r => r.Number).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            if (winner is null)
                throw;
            return new SubmitResult(winner, errors);
        }
    }

    async Task<SubmitResult> StoreAsync(RequestForm form, string email, string? phone, byte[] lookupKey, DateTime now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);

        // The same filled-in form sent twice (a double click) is one request. A form sent again with
        // other data (the person went back and corrected a typo) is a new one.
        var submissionKey = form.SubmissionKey;
        var existing = await db.Requests.AsNoTracking().Where(r => r.SubmissionKey == submissionKey)
            .Select(r => new { r.Number, r.FullName, r.Email, r.Phone, r.Actions })
            .FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (existing is not null)
        {
            if (existing.FullName == form.FullName!.Trim() && existing.Email == email && existing.Phone == phone && existing.Actions == form.Actions)
                return new SubmitResult(existing.Number, new Dictionary<string, FormError>());
            submissionKey = Guid.NewGuid();
        }

        var token = RandomNumberGenerator.GetBytes(32);
        var request = new Request
        {
            Number = RequestNumber.Format(now.Year, await RequestNumbers.NextAsync(db, now.Year, ct).ConfigureAwait(false)),
            Actions = form.Actions,
            Channel = RequestChannel.Web,
            State = RequestState.AwaitingConfirmation,
            Language = form.Language == "en" ? "en" : "pl",
            FullName = form.FullName!.Trim(),
            Email = email,
            Phone = phone,
            EmailLookupKey = lookupKey,
            ConfirmationTokenHash = SHA256.HashData(token),
            SubmissionKey = submissionKey,
            ReceivedAt = now,
            ConfirmationExpiresAt = now + requestOptions.Value.ConfirmationValidity,
            DueOn = Deadlines.LegalDueOn(now),
            TargetAt = now + Deadlines.HouseTarget,
        };
        request.Record(now, RequestEventKind.Received, "web form");
        db.Requests.Add(request);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await Duplicates.LinkAsync(db, request, now, ct).ConfigureAwait(false);

        var link = portalOptions.Value.Link($"potwierdz/{Base64Url.EncodeToString(token)}");
        var template = await ReplyTemplates.GetAsync(db, ReplyTemplates.Confirmation, request.Language, ct).ConfigureAwait(false);
        var message = RequestMessages.Confirmation(request, link, template);
        Outbox.Enqueue(db, request, MessageChannel.Email, email, message.Subject, message.Body, "confirmation", now);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return new SubmitResult(request.Number, new Dictionary<string, FormError>());
    }
}
