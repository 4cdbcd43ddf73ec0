namespace DpoDesk.Notifications;

public enum MessageChannel
{
    Email = 1,
    Sms = 2,
}

public enum OutboxState
{
    Pending = 1,
    Sent = 2,
    Failed = 3,
}

/// <summary>
/// A message accepted for sending. It is stored in the same transaction as the change that caused it,
/// and sent by the outbox worker, so it is never lost when the process dies or the server is down.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public long? RequestId { get; set; }
    public MessageChannel Channel { get; set; }
    public required string Recipient { get; set; }
    public string? Subject { get; set; }
    public required string Body { get; set; }
    public OutboxState State { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>Until when one worker holds the message; others leave it alone (several instances, one sending).</summary>
    public DateTime? LeasedUntil { get; set; }

    /// <summary>What the far side gave back: a pickup file, the gateway's message id.</summary>
    public string? DeliveryReference { get; set; }

    /// <summary>The RFC 5322 Message-ID, fixed when queued so that a resend is recognisably the same message.</summary>
    public required string MessageId { get; set; }

    /// <summary>A reply written by staff: the message it answers, so that the person's mail client threads it.</summary>
    public string? InReplyTo { get; set; }

    /// <summary>The Message-IDs of the conversation so far, oldest first, space-separated.</summary>
    public string? References { get; set; }
}
