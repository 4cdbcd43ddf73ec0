using System.ComponentModel.DataAnnotations;

namespace DpoDesk.Notifications;

public enum SmtpSecurity
{
    None,
    StartTls,
    Tls,
}

/// <summary>The <c>Smtp:*</c> settings. With no host, e-mail goes to the pickup folder.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    public string? UserName { get; set; }
    public string? Password { get; set; }
    public SmtpSecurity Security { get; set; } = SmtpSecurity.None;

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>The <c>Mail:*</c> settings: who the e-mails are from.</summary>
public sealed class MailOptions
{
    [Required, EmailAddress]
    public string FromAddress { get; set; } = "iod@dpodesk.local";

    [Required, MaxLength(100)]
    public string FromName { get; set; } = "Dział Inspektora Ochrony Danych";
}

/// <summary>The <c>Sms:*</c> settings of an SMSAPI.pl-compatible gateway. With no base URL, SMS go to the pickup folder.</summary>
public sealed class SmsOptions
{
    public string? BaseUrl { get; set; }

    public string? Token { get; set; }

    [MaxLength(11)]
    public string From { get; set; } = "DpoDesk";

    /// <summary>Countries (ISO 3166 codes) whose mobile numbers may get an SMS; the rest never do, against SMS pumping.</summary>
    [MinLength(1)]
    public string[] AllowedRegions { get; set; } = ["PL"];

    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 15;

    /// <summary>At most this many SMS to one number in 24 hours, against SMS pumping.</summary>
    [Range(1, 100)]
    public int MaxPerNumberPerDay { get; set; } = 3;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl);
}

/// <summary>The <c>Outbox:*</c> settings: how often and how long a message is retried.</summary>
public sealed class OutboxOptions
{
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The first retry waits this long; each next one twice as long, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a worker holds the messages it claimed. Longer than any one delivery attempt may take;
    /// a worker that dies frees its messages when the lease runs out.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
}
