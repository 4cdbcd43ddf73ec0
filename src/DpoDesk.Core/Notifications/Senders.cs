namespace DpoDesk.Notifications;

/// <summary>Delivers one rendered e-mail. Returns a reference to what was delivered (a file, an id).</summary>
public interface IEmailSender
{
    Task<string?> SendAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>Delivers one SMS. Returns the gateway's message id, or the pickup file.</summary>
public interface ISmsSender
{
    Task<string?> SendAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>Thrown when a delivery failed in a way worth retrying later.</summary>
public sealed class DeliveryFailedException(string message, Exception? inner = null) : Exception(message, inner);
