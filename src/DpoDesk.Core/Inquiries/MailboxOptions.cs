using System.ComponentModel.DataAnnotations;
using DpoDesk.Notifications;

namespace DpoDesk.Inquiries;

/// <summary>The <c>Imap:*</c> settings: the DPO's mailbox, read on a schedule. With no host, nothing is read.</summary>
public sealed class ImapOptions
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 993;

    /// <summary>None, Tls (implicit, port 993) or StartTls.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Tls;

    public string? UserName { get; set; }
    public string? Password { get; set; }

    [Required]
    public string Folder { get; set; } = "INBOX";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Larger attachments are not kept; the message says one was left out.</summary>
    [Range(1, 100 * 1024 * 1024)]
    public int MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
