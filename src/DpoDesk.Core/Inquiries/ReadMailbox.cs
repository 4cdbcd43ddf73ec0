using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DpoDesk.Notifications;
using DpoDesk.Persistence;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DpoDesk.Inquiries;

/// <summary>
/// Reads the DPO's mailbox over IMAP: every unread message becomes an inquiry, or joins the conversation
/// it answers (by In-Reply-To / References). A message is stored first and marked read after, and stored
/// once by its Message-ID, so a crash in between reads it again without a duplicate.
/// </summary>
public sealed partial class ReadMailbox(DpoDeskDbContext db, TimeProvider time, IOptions<ImapOptions> options)
{
    /// <summary>Reads what is new; returns how many messages were stored.</summary>
    public async Task<int> ExecuteAsync(CancellationToken ct)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
            return 0;
        using var client = new ImapClient { Timeout = settings.TimeoutSeconds * 1000 };
        var security = settings.Security switch
        {
            SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.None,
        };
        await client.ConnectAsync(settings.Host!, settings.Port, security, ct).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(settings.UserName))
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct).ConfigureAwait(false);
        var folder = string.Equals(settings.Folder, "INBOX", StringComparison.OrdinalIgnoreCase)
            ? client.Inbox
            : await client.GetFolderAsync(settings.Folder, ct).ConfigureAwait(false);
        await folder.OpenAsync(FolderAccess.ReadWrite, ct).ConfigureAwait(false);

        var stored = 0;
        foreach (var uid in await folder.SearchAsync(SearchQuery.NotSeen, ct).ConfigureAwait(false))
        {
            using var message = await folder.GetMessageAsync(uid, ct).ConfigureAwait(false);
            try
            {
                if (await StoreAsync(message, ct).ConfigureAwait(false))
                    stored++;
            }
            catch (DbUpdateException)
            {
                // Another instance stored the same message a moment earlier (unique Message-ID): nothing lost.
                db.ChangeTracker.Clear();
            }
            await folder.AddFlagsAsync(uid, MessageFlags.Seen, silent: true, ct).ConfigureAwait(false);
        }
        await client.DisconnectAsync(quit: true, ct).ConfigureAwait(false);
        return stored;
    }

    /// <summary>Stores one incoming message in its conversation; false when it was stored before.</summary>
    public async Task<bool> StoreAsync(MimeMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var messageId = message.MessageId is { Length: > 0 and <= 900 } id ? id : SyntheticId(message);
        if (await db.InquiryMessages.AnyAsync(m => m.MessageId == messageId, ct).ConfigureAwait(false))
            return false;

        var now = time.GetUtcNow().UtcDateTime;
        var sender = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        var fromAddress = Clip(sender?.Address ?? "unknown", 254);
        var subject = Clip(string.IsNullOrWhiteSpace(message.Subject) ? "(bez tematu)" : message.Subject.Trim(), 300);

        var earlier = message.References.Prepend(message.InReplyTo).Where(r => !string.IsNullOrEmpty(r)).Distinct().Take(50).ToList();
        var inquiryId = earlier.Count == 0 ? null : await db.InquiryMessages.Where(m => earlier.Contains(m.MessageId))
            .OrderByDescending(m => m.Id).Select(m => (long?)m.InquiryId).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        Inquiry inquiry;
        if (inquiryId is { } existing)
        {
            inquiry = await db.Inquiries.SingleAsync(i => i.Id == existing, ct).ConfigureAwait(false);
        }
        else
        {
            inquiry = new Inquiry { Subject = subject, FromAddress = fromAddress, FromName = Clip(sender?.Name, 200), CreatedAt = now };
            db.Inquiries.Add(inquiry);
        }
        if (inquiry.State != InquiryState.ConvertedToRequest)
            inquiry.State = InquiryState.Open;
        inquiry.LastMessageAt = now;

        var stored = new InquiryMessage
        {
            Direction = MessageDirection.Incoming,
            MessageId = messageId,
            InReplyTo = Clip(message.InReplyTo, 1000),
            From = Clip(sender?.ToString() ?? fromAddress, 300),
            Subject = subject,
            Body = Clip(BodyText(message), 200_000),
            At = message.Date == default ? now : message.Date.UtcDateTime,
        };
        foreach (var part in message.Attachments.OfType<MimePart>().Where(p => p.Content is not null))
        {
            using var content = new MemoryStream();
            await part.Content!.DecodeToAsync(content, ct).ConfigureAwait(false);
            var fileName = FileNames.Safe(part.FileName, "attachment.bin", allowSpaces: true);
            if (content.Length > options.Value.MaxAttachmentBytes)
            {
                stored.Body += $"\n\n[{fileName}: {content.Length / 1024} kB — za duży, nie zachowano]";
                continue;
            }
            stored.Attachments.Add(new InquiryAttachment
            {
                FileName = fileName,
                ContentType = Clip(part.ContentType.MimeType, 100),
                Content = content.ToArray(),
                Size = content.Length,
            });
        }
        inquiry.Messages.Add(stored);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return true;
    }

    static string BodyText(MimeMessage message)
    {
        if (message.TextBody is { } text)
            return text.Trim();
        if (message.HtmlBody is { } html)
            return System.Net.WebUtility.HtmlDecode(Tags().Replace(Breaks().Replace(html, "\n"), "")).Trim();
        return "";
    }

    /// <summary>A message without a Message-ID still gets a stable one, so that reading it twice stores it once.</summary>
    static string SyntheticId(MimeMessage message)
    {
        var identity = $"{message.From}|{message.Date:O}|{message.Subject}|{message.TextBody?.Length}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity))) + "@dpodesk.generated";
    }

    static string Clip(string? value, int length) =>
        value is null ? "" : value.Length <= length ? value : value[..length];

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"<\s*(br|/p|/div)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Breaks();
}
