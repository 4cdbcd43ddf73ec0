using DpoDesk.Persistence;
using DpoDesk.Requests;

namespace DpoDesk.Notifications;

/// <summary>Puts messages into the outbox, inside the caller's unit of work.</summary>
public static class Outbox
{
    public static OutboxMessage Enqueue(DpoDeskDbContext db, Request request, MessageChannel channel, string recipient, string? subject, string body, string purpose, DateTime now)
    {
        var message = new OutboxMessage
        {
            RequestId = request.Id,
            Channel = channel,
            Recipient = recipient,
            Subject = subject,
            Body = body,
            State = OutboxState.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
            MessageId = NewMessageId(),
        };
        db.OutboxMessages.Add(message);
        request.Record(now, RequestEventKind.MessageQueued, $"{Describe(channel)}: {purpose}");
        return message;
    }

    /// <summary>An e-mail that belongs to no request: a staff invitation, an inquiry reply.</summary>
    public static OutboxMessage EnqueueEmail(DpoDeskDbContext db, string recipient, string subject, string body, DateTime now, string? messageId = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var message = new OutboxMessage
        {
            Channel = MessageChannel.Email,
            Recipient = recipient,
            Subject = subject,
            Body = body,
            State = OutboxState.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
            MessageId = messageId ?? NewMessageId(),
        };
        db.OutboxMessages.Add(message);
        return message;
    }

    public static string NewMessageId() => $"{Guid.NewGuid():N}@dpodesk";

    public static string Describe(MessageChannel channel) => channel == MessageChannel.Email ? "e-mail" : "SMS";
}
