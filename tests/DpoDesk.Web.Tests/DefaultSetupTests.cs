using DpoDesk.Contacts;
using DpoDesk.Tests;
using DpoDesk.Web.Tests.Infrastructure;
using MimeKit;

namespace DpoDesk.Web.Tests;

/// <summary>
/// The embedded defaults a newcomer gets: no mail server, no SMS gateway, demo data. Messages land in
/// pickup folders and on the office's outbox page; the README's demo person goes through the whole flow.
/// </summary>
public abstract class DefaultSetupTests(TestDatabase database) : IAsyncLifetime
{
    readonly DpoDeskApp _app = new()
    {
        Database = database,
        StartSmtp = false,
        Settings =
        {
            ["Smtp:Host"] = "",
            ["Sms:BaseUrl"] = "",
            ["DemoData:Enabled"] = "true",
            ["DemoData:Contacts"] = "2000",
        },
    };

    public ValueTask InitializeAsync()
    {
        database.SkipUnlessAvailable();
        return _app.InitializeAsync();
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task The_demo_person_goes_through_the_flow_with_messages_in_the_pickup_folders()
    {
        Assert.Equal(2000, await _app.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Contacts)));

        var browser = _app.Browser();
        var number = await _app.SubmitAcceptedAsync(browser, new DpoDeskApp.RequestInput(DemoContacts.DemoName, DemoContacts.DemoEmail, "601 234 567", Erase: true, Source: true));

        var confirmation = await PickedUpAsync(number, "Potwierdź");
        var staff = await _app.SignedInStaffAsync();
        var outbox = await staff.GetStringAsync("/office/outbox");
        Assert.Contains(DpoDeskApp.ConfirmationPath(confirmation), outbox, StringComparison.Ordinal);

        await DpoDeskApp.ConfirmAsync(browser, DpoDeskApp.ConfirmationPath(confirmation));
        var result = await PickedUpAsync(number, "zrealizowane");
        Assert.Contains("CEIDG", result.TextBody, StringComparison.Ordinal);
        Assert.Contains("Lista partnera: Targi Budownictwa Poznań 2025", result.TextBody, StringComparison.Ordinal);
        Assert.Contains("źródło niepubliczne", result.TextBody, StringComparison.Ordinal);
        Assert.Contains("(liczba: 3)", result.TextBody, StringComparison.Ordinal);

        await DpoDeskApp.EventuallyAsync(() => Task.FromResult(Directory.Exists(SmsFolder) && Directory.EnumerateFiles(SmsFolder).Any()), "the SMS in its pickup folder");
        var sms = await File.ReadAllTextAsync(Directory.EnumerateFiles(SmsFolder).Single());
        Assert.Contains("To: +48601234567", sms, StringComparison.Ordinal);
        Assert.Contains(number, sms, StringComparison.Ordinal);
    }

    string MailFolder => Path.Combine(_app.DataPath, "outbox", "mail");
    string SmsFolder => Path.Combine(_app.DataPath, "outbox", "sms");

    async Task<MimeMessage> PickedUpAsync(string number, string subjectPart)
    {
        MimeMessage? found = null;
        await DpoDeskApp.EventuallyAsync(async () =>
        {
            if (!Directory.Exists(MailFolder))
                return false;
            foreach (var file in Directory.EnumerateFiles(MailFolder, "*.eml"))
            {
                var message = await MimeMessage.LoadAsync(file);
                if (message.Subject is { } subject && subject.Contains(number, StringComparison.Ordinal) && subject.Contains(subjectPart, StringComparison.Ordinal))
                    found = message;
            }
            return found is not null;
        }, $"an e-mail '{subjectPart}' for {number} in the pickup folder");
        Assert.Equal(DemoContacts.DemoEmail, found!.To.Mailboxes.Single().Address);
        return found;
    }
}

public sealed class DefaultSetupTestsOnSqlite() : DefaultSetupTests(TestDatabase.Sqlite);

public sealed class DefaultSetupTestsOnPostgres() : DefaultSetupTests(TestDatabase.Postgres);
