using DpoDesk.Persistence;
using DpoDesk.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DpoDesk.Notifications;

/// <summary>
/// Sends what is due in the outbox. A failed attempt is retried with exponential back-off; after the
/// retry budget the message is marked failed and shown to staff, never dropped. Each attempt is on the
/// request's timeline.
/// </summary>
public sealed partial class OutboxDispatcher(
    DpoDeskDbContext db,
    TimeProvider time,
    IEmailSender email,
    ISmsSender sms,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> logger)
{
    /// <summary>Claims and sends one batch of due messages; returns how many were attempted.</summary>
    public async Task<int> DispatchDueAsync(int batchSize, CancellationToken ct)
    {
        var ids = await ClaimDueAsync(batchSize, ct).ConfigureAwait(false);
        if (ids.Count == 0)
            return 0;
        var due = await db.OutboxMessages.Where(m => ids.Contains(m.Id)).OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).ToListAsync(ct).ConfigureAwait(false);
        foreach (var message in due)
            await AttemptAsync(message, ct).ConfigureAwait(false);
        return due.Count;
    }

    /// <summary>
    /// Leases due messages to this worker in one statement, so that several instances never send the same
    /// message twice: PostgreSQL skips rows another worker is claiming; SQLite has a single writer anyway.
    /// </summary>
    async Task<IReadOnlyList<long>> ClaimDueAsync(int batchSize, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + options.Value.Lease;
        var skipLocked = db.Database.IsNpgsql() ? "FOR UPDATE SKIP LOCKED" : string.Empty;
#pragma warning disable EF1002 // The only text put into the SQL is one of the two constants above; the values are parameters.
        return await db.Database.SqlQueryRaw<long>($$"""
            UPDATE outbox_messages SET "LeasedUntil" = {0}
            WHERE "Id" IN (
                SELECT "Id" FROM outbox_messages
                WHERE "State" = {1} AND "NextAttemptAt" <= {2} AND ("LeasedUntil" IS NULL OR "LeasedUntil" <= {2})
                ORDER BY "NextAttemptAt", "Id" LIMIT {3}
                {{skipLocked}})
            RETURNING "Id" AS "Value"
            """, until, (int)OutboxState.Pending, now, batchSize).ToListAsync(ct).ConfigureAwait(false);
#pragma warning restore EF1002
    }

    /// <summary>When the next pending message is due for this worker, if any: a message another worker holds is due when its lease ends.</summary>
    public async Task<DateTime?> NextDueAsync(CancellationToken ct) =>
        await db.OutboxMessages.Where(m => m.State == OutboxState.Pending)
            .Select(m => (DateTime?)(m.LeasedUntil != null && m.LeasedUntil > m.NextAttemptAt ? m.LeasedUntil.Value : m.NextAttemptAt))
            .OrderBy(due => due)
            .FirstOrDefaultAsync(ct).ConfigureAwait(false);

    async Task AttemptAsync(OutboxMessage message, CancellationToken ct)
    {
        var channel = Outbox.Describe(message.Channel);
        message.Attempts++;
        string? failure = null;
        try
        {
            message.DeliveryReference = message.Channel == MessageChannel.Email
                ? await email.SendAsync(message, ct).ConfigureAwait(false)
                : await sms.SendAsync(message, ct).ConfigureAwait(false);
        }
        catch (DeliveryFailedException e)
        {
            failure = e.Message;
        }

        var now = time.GetUtcNow().UtcDateTime;
        message.LeasedUntil = null;
        var request = message.RequestId is null ? null : await db.Requests.FirstOrDefaultAsync(r => r.Id == message.RequestId, ct).ConfigureAwait(false);
        if (failure is null)
        {
            message.State = OutboxState.Sent;
            message.SentAt = now;
            message.LastError = null;
            request?.Record(now, RequestEventKind.MessageDelivered, $"{channel} delivered on attempt {message.Attempts}");
            LogDelivered(logger, message.Id, channel, request?.Number);
        }
        else
        {
            message.LastError = failure.Length > 1000 ? failure[..1000] : failure;
            if (message.Attempts >= options.Value.MaxAttempts)
            {
                message.State = OutboxState.Failed;
                request?.Record(now, RequestEventKind.MessageFailed, $"{channel} failed after {message.Attempts} attempts: {message.LastError}");
                LogGaveUp(logger, message.Id, channel, request?.Number, message.Attempts);
            }
            else
            {
                message.NextAttemptAt = now + RetryDelay(message.Attempts);
                request?.Record(now, RequestEventKind.DeliveryAttemptFailed, $"{channel} attempt {message.Attempts} failed: {message.LastError}");
                LogRetrying(logger, message.Id, channel, request?.Number, message.Attempts);
            }
        }
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    TimeSpan RetryDelay(int attempts)
    {
        var settings = options.Value;
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.FirstRetryDelay.Ticks * factor, settings.MaxRetryDelay.Ticks));
        return delay;
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Message {MessageId} ({Channel}) of request {RequestNumber} delivered")]
    static partial void LogDelivered(ILogger logger, long messageId, string channel, string? requestNumber);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Message {MessageId} ({Channel}) of request {RequestNumber} not delivered on attempt {Attempts}; will retry")]
    static partial void LogRetrying(ILogger logger, long messageId, string channel, string? requestNumber, int attempts);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Message {MessageId} ({Channel}) of request {RequestNumber} failed after {Attempts} attempts; shown to staff in the outbox")]
    static partial void LogGaveUp(ILogger logger, long messageId, string channel, string? requestNumber, int attempts);
}
