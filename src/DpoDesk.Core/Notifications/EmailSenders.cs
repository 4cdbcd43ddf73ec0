using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DpoDesk.Notifications;

/// <summary>Turns an outbox message into a MIME message from the DPO's office.</summary>
static class MimeMessages
{
    public static MimeMessage Create(OutboxMessage message, MailOptions mail)
    {
        var mime = new MimeMessage
        {
            MessageId = message.MessageId,
            Subject = message.Subject ?? string.Empty,
            Date = new DateTimeOffset(message.CreatedAt, TimeSpan.Zero),
            Body = new TextPart("plain") { Text = message.Body },
        };
        mime.From.Add(new MailboxAddress(mail.FromName, mail.FromAddress));
        mime.To.Add(MailboxAddress.Parse(message.Recipient));
        if (message.InReplyTo is not null)
        {
            // A person's answer to a person: threaded in their mail client, and not marked automatic.
            mime.InReplyTo = message.InReplyTo;
            foreach (var reference in (message.References ?? message.InReplyTo).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                mime.References.Add(reference);
        }
        else
        {
            // A service message, never marketing: tell auto-responders and filters so.
            mime.Headers.Add("Auto-Submitted", "auto-generated");
        }
        return mime;
    }
}

/// <summary>Sends e-mail over SMTP with MailKit.</summary>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> smtp, IOptions<MailOptions> mail) : IEmailSender
{
    public async Task<string?> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var options = smtp.Value;
        using var mime = MimeMessages.Create(message, mail.Value);
        using var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
        var security = options.Security switch
        {
            SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.None,
        };
        try
        {
            await client.ConnectAsync(options.Host!, options.Port, security, ct).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(options.UserName))
                await client.AuthenticateAsync(options.UserName, options.Password ?? string.Empty, ct).ConfigureAwait(false);
            var response = await client.SendAsync(mime, ct).ConfigureAwait(false);
            await client.DisconnectAsync(true, ct).ConfigureAwait(false);
            return response;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or SmtpCommandException or SmtpProtocolException or AuthenticationException or TimeoutException)
        {
            throw new DeliveryFailedException($"SMTP {options.Host}:{options.Port}: {e.Message}", e);
        }
    }
}

/// <summary>With no SMTP server configured: writes each e-mail as an .eml file into the pickup folder.</summary>
public sealed class PickupFolderEmailSender(DataDirectory data, IOptions<MailOptions> mail) : IEmailSender
{
    public async Task<string?> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(data.MailPickup);
        var path = Path.Combine(data.MailPickup, $"{message.Id:D8}.eml");
        using var mime = MimeMessages.Create(message, mail.Value);
        var temporary = path + ".tmp";
        await mime.WriteToAsync(temporary, ct).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
