using System.Net;
using System.Text.RegularExpressions;
using DpoDesk.Inquiries;
using DpoDesk.Web.Office;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace DpoDesk.Web.Tests;

/// <summary>DpoDesk reading the DPO mailbox on a real Dovecot IMAP server on loopback.</summary>
public abstract class MailboxApp : DpoDeskApp
{
    public DovecotServer Imap { get; } = new();

    public override async ValueTask InitializeAsync()
    {
        if (!DovecotServer.Installed || !Database.Available)
            return;
        await Imap.StartAsync();
        Settings["Imap:Host"] = "127.0.0.1";
        Settings["Imap:Port"] = Imap.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["Imap:Security"] = "None";
        Settings["Imap:UserName"] = DovecotServer.User;
        Settings["Imap:Password"] = DovecotServer.Password;
        Settings["Imap:PollInterval"] = "00:00:00.200";
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Imap.DisposeAsync();
    }
}

public sealed class SqliteMailboxApp : MailboxApp
{
    public SqliteMailboxApp() => Database = DpoDesk.Tests.TestDatabase.Sqlite;
}

public sealed class PostgresMailboxApp : MailboxApp
{
    public PostgresMailboxApp() => Database = DpoDesk.Tests.TestDatabase.Postgres;
}

public abstract class InquiryTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : MailboxApp
{
    static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    public override ValueTask InitializeAsync()
    {
        DovecotServer.SkipUnlessInstalled();
        return base.InitializeAsync();
    }

    static MimeMessage Letter(string from, string subject, string text, string? inReplyTo = null)
    {
        var message = new MimeMessage { Subject = subject, MessageId = $"{Guid.NewGuid():N}@poczta.example", Date = DateTimeOffset.UtcNow };
        message.From.Add(new MailboxAddress("Celina Pytająca", from));
        message.To.Add(new MailboxAddress("IOD", "iod@dpodesk.test"));
        if (inReplyTo is not null)
        {
            message.InReplyTo = inReplyTo;
            message.References.Add(inReplyTo);
        }
        var body = new BodyBuilder { TextBody = text };
        body.Attachments.Add("umowa.pdf", "%PDF-1.4 umowa"u8.ToArray(), new ContentType("application", "pdf"));
        message.Body = body.ToMessageBody();
        return message;
    }

    async Task<Inquiry> InquiryAsync(string from) =>
        await App.QueryAsync(db => db.Inquiries.Include(i => i.Messages.OrderBy(m => m.Id)).ThenInclude(m => m.Attachments).SingleAsync(i => i.FromAddress == from));

    Task WaitForMessagesAsync(string from, int count) => DpoDeskApp.EventuallyAsync(
        () => App.QueryAsync(db => db.InquiryMessages.CountAsync(m => db.Inquiries.Any(i => i.Id == m.InquiryId && i.FromAddress == from)).ContinueWith(t => t.Result >= count, TaskScheduler.Default)),
        $"{count} message(s) from {from}");

    [Fact]
    public async Task A_question_e_mailed_to_the_dpo_becomes_an_inquiry_is_answered_in_its_thread_and_the_answer_to_that_joins_it()
    {
        var person = DpoDeskApp.UniqueEmail("celina");
        var question = Letter(person, "Skąd macie mój numer?", "Dzień dobry, dzwonił do mnie Wasz klient. Skąd macie mój numer?");
        await App.Imap.DeliverAsync(question);
        await WaitForMessagesAsync(person, 1);
        Assert.Equal(0, await App.Imap.UnreadAsync());

        var staff = await App.StaffAsync(StaffRoles.Operator);
        Assert.Contains("Skąd macie mój numer?", await staff.GetStringAsync("/office/inquiries"), StringComparison.Ordinal);
        var inquiry = await InquiryAsync(person);
        var page = await staff.GetStringAsync($"/office/inquiries/{inquiry.Id}");
        Assert.Contains("dzwonił do mnie Wasz klient", page, StringComparison.Ordinal);
        var attachmentLink = Regex.Match(page, "href=\"(/office/inquiries/\\d+/attachments/\\d+)\">umowa.pdf<").Groups[1].Value;
        using (var attachment = await staff.GetAsync(attachmentLink))
        {
            Assert.Equal("application/octet-stream", attachment.Content.Headers.ContentType!.MediaType);
            Assert.Equal("%PDF-1.4 umowa"u8.ToArray(), await attachment.Content.ReadAsByteArrayAsync());
        }

        using (var replied = await DpoDeskApp.PostFormAsync(staff, $"/office/inquiries/{inquiry.Id}", [F("Reply", "Dzień dobry,\nTwój numer pochodzi z CEIDG. Pozdrawiamy")], $"/office/inquiries/{inquiry.Id}?handler=Reply"))
            Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        var reply = await App.Smtp.WaitForAsync(person, "Re: Skąd macie mój numer?");
        Assert.Equal(question.MessageId, reply.InReplyTo);
        Assert.Contains(question.MessageId, reply.References);
        Assert.Contains("pochodzi z CEIDG", reply.TextBody, StringComparison.Ordinal);
        Assert.Null(reply.Headers[HeaderId.AutoSubmitted]);

        // The person answers from their mail client: the answer finds the conversation.
        await App.Imap.DeliverAsync(Letter(person, "Re: Re: Skąd macie mój numer?", "Dziękuję. Proszę w takim razie usunąć moje dane.", inReplyTo: reply.MessageId));
        await WaitForMessagesAsync(person, 3);
        inquiry = await InquiryAsync(person);
        Assert.Equal(3, inquiry.Messages.Count);
        Assert.Equal([MessageDirection.Incoming, MessageDirection.Outgoing, MessageDirection.Incoming], inquiry.Messages.Select(m => m.Direction));
        Assert.Equal(InquiryState.Open, inquiry.State);
        Assert.Equal(1, await App.QueryAsync(db => db.Inquiries.CountAsync(i => i.FromAddress == person)));

        // It is a request after all: made of the inquiry, confirmed by the link sent to that address.
        using (var converted = await DpoDeskApp.PostFormAsync(staff, $"/office/inquiries/{inquiry.Id}", [F("FullName", "Celina Pytająca"), F("Erase", "true")], $"/office/inquiries/{inquiry.Id}?handler=Convert"))
            Assert.Equal(HttpStatusCode.Redirect, converted.StatusCode);
        var confirmation = await App.Smtp.WaitForAsync(person, "Potwierdź zgłoszenie");
        inquiry = await InquiryAsync(person);
        Assert.Equal(InquiryState.ConvertedToRequest, inquiry.State);
        Assert.NotNull(inquiry.RequestId);
        Assert.Contains(DpoDeskApp.NumberPattern().Match(confirmation.Subject!).Value, await staff.GetStringAsync($"/office/inquiries/{inquiry.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_read_twice_is_stored_once()
    {
        var person = DpoDeskApp.UniqueEmail("dwukrotna");
        var message = Letter(person, "Pytanie", "Czy przetwarzacie moje dane?");
        await App.Imap.DeliverAsync(message);
        await WaitForMessagesAsync(person, 1);
        // The same message again (a forwarded copy, a second delivery): same Message-ID.
        await App.Imap.DeliverAsync(message);
        await DpoDeskApp.EventuallyAsync(async () => await App.Imap.UnreadAsync() == 0, "the copy read");
        Assert.Equal(1, await App.QueryAsync(db => db.InquiryMessages.CountAsync(m => m.MessageId == message.MessageId)));
    }

    [Fact]
    public async Task An_auditor_reads_inquiries_but_cannot_answer_them()
    {
        var person = DpoDeskApp.UniqueEmail("audytowana");
        await App.Imap.DeliverAsync(Letter(person, "Pytanie do audytu", "Treść"));
        await WaitForMessagesAsync(person, 1);
        var inquiry = await InquiryAsync(person);
        var auditor = await App.StaffAsync(StaffRoles.Auditor);
        var page = await auditor.GetStringAsync($"/office/inquiries/{inquiry.Id}");
        Assert.DoesNotContain("Wyślij odpowiedź", page, StringComparison.Ordinal);
        using var refused = await DpoDeskApp.PostFormAsync(auditor, $"/office/inquiries/{inquiry.Id}", [F("Reply", "Nie powinno wyjść")], $"/office/inquiries/{inquiry.Id}?handler=Reply");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}

public sealed class InquiryTestsOnSqlite(SqliteMailboxApp app) : InquiryTests<SqliteMailboxApp>(app);

public sealed class InquiryTestsOnPostgres(PostgresMailboxApp app) : InquiryTests<PostgresMailboxApp>(app);
