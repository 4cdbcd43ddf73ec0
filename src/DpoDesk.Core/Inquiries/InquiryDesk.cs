using DpoDesk.Audit;
using DpoDesk.Notifications;
using DpoDesk.Persistence;
using DpoDesk.Requests;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Inquiries;

/// <summary>What staff do with inquiries: answer in the same thread, close, or make a request of one.</summary>
public sealed class InquiryDesk(DpoDeskDbContext db, TimeProvider time, AuditTrail audit, SubmitRequest submit)
{
    public const int MaxReplyLength = 50_000;

    /// <summary>
    /// Sends the reply by SMTP as an answer to the person's last message (In-Reply-To, References), so
    /// their mail client keeps the conversation together, and their next answer finds this inquiry.
    /// </summary>
    public async Task<bool> ReplyAsync(long inquiryId, string? text, StaffActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxReplyLength)
            return false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var inquiry = await db.Inquiries.Include(i => i.Messages.OrderBy(m => m.Id)).FirstOrDefaultAsync(i => i.Id == inquiryId, ct).ConfigureAwait(false);
        if (inquiry is null || inquiry.Messages.Count == 0)
            return false;
        var now = time.GetUtcNow().UtcDateTime;
        var last = inquiry.Messages.LastOrDefault(m => m.Direction == MessageDirection.Incoming) ?? inquiry.Messages[^1];
        var references = string.Join(" ", inquiry.Messages.Select(m => m.MessageId).TakeLast(20));
        var subject = inquiry.Subject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? inquiry.Subject : "Re: " + inquiry.Subject;
        var body = text.ReplaceLineEndings("\n").Trim();
        var outgoing = Outbox.EnqueueEmail(db, inquiry.FromAddress, subject.Length > 300 ? subject[..300] : subject, body, now);
        outgoing.InReplyTo = last.MessageId;
        outgoing.References = references;
        inquiry.Messages.Add(new InquiryMessage
        {
            Direction = MessageDirection.Outgoing,
            MessageId = outgoing.MessageId,
            InReplyTo = last.MessageId,
            From = actor.Name,
            Subject = outgoing.Subject!,
            Body = body,
            At = now,
            Author = actor.Name,
        });
        if (inquiry.State == InquiryState.Open)
            inquiry.State = InquiryState.Answered;
        inquiry.LastMessageAt = now;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await audit.AppendAsync(db, new AuditEntry(actor.Name, AuditActions.InquiryAnswered, Subject(inquiry.Id), null, actor.Address), now, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> CloseAsync(long inquiryId, StaffActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var inquiry = await db.Inquiries.FirstOrDefaultAsync(i => i.Id == inquiryId, ct).ConfigureAwait(false);
        if (inquiry is null || inquiry.State == InquiryState.ConvertedToRequest)
            return false;
        inquiry.State = InquiryState.Closed;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await audit.AppendAsync(db, new AuditEntry(actor.Name, AuditActions.InquiryClosed, Subject(inquiry.Id), null, actor.Address), time.GetUtcNow().UtcDateTime, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Makes a request of an inquiry. The e-mail's sender is not proof of identity (a From line is easy to
    /// forge), so the request starts like a web one: the confirmation link goes to that address first.
    /// </summary>
    public async Task<SubmitResult?> ConvertAsync(long inquiryId, string? fullName, RequestActions actions, string language, StaffActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var inquiry = await db.Inquiries.FirstOrDefaultAsync(i => i.Id == inquiryId, ct).ConfigureAwait(false);
        if (inquiry is null || inquiry.State == InquiryState.ConvertedToRequest)
            return null;
        var result = await submit.ExecuteAsync(new RequestForm(fullName, inquiry.FromAddress, null, actions, language, Guid.NewGuid()), ct).ConfigureAwait(false);
        if (!result.Accepted)
            return result;
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        var request = await db.Requests.SingleAsync(r => r.Number == result.Number, ct).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        request.Record(now, RequestEventKind.Received, $"made of inquiry {inquiry.Id} by {actor.Name}");
        inquiry.RequestId = request.Id;
        inquiry.State = InquiryState.ConvertedToRequest;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await audit.AppendAsync(db, new AuditEntry(actor.Name, AuditActions.InquiryConvertedToRequest, Subject(inquiry.Id), result.Number, actor.Address), now, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return result;
    }

    public static string Subject(long inquiryId) => $"inquiry:{inquiryId}";
}
