using System.Net;
using DpoDesk.Notifications;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Tests;

/// <summary>Floods, bots and SMS pumping meet a clear answer, and nothing of theirs is stored or sent.</summary>
public sealed class AbuseTests : IAsyncLifetime
{
    readonly DpoDeskApp _app = new()
    {
        Settings =
        {
            ["RateLimits:FormPerHour"] = "5",
            ["RateLimits:StatusPerHour"] = "2",
            ["RateLimits:SignInPerHour"] = "2",
            ["RateLimits:MinimumFillTime"] = "00:00:02",
            ["Requests:MaxPerIdentifierPerDay"] = "2",
            ["Sms:MaxPerNumberPerDay"] = "1",
        },
    };

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Flood_bot_and_pumping_defences()
    {
        var browser = _app.Browser();

        // A form sent faster than a person can fill it is sent back with a message.
        using (var tooFast = await _app.SubmitAsync(browser, new DpoDeskApp.RequestInput("Szybki Bot", DpoDeskApp.UniqueEmail("fast"))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooFast.StatusCode);
            Assert.Contains("szybciej, niż da się go wypełnić", await tooFast.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The honeypot: a person never fills it, a bot does, and is refused.
        var form = await browser.GetStringAsync("/");
        await Task.Delay(2100, TestContext.Current.CancellationToken);
        using (var bot = await browser.PostAsync("/", new FormUrlEncodedContent([
            new("__RequestVerificationToken", DpoDeskApp.AntiforgeryToken(form)),
            new("Started", DpoDeskApp.HiddenValue(form, "Started")),
            new("FullName", "Bot Botowski"), new("Email", "bot@firma.example"), new("Erase", "true"),
            new("Website", "http://spam.example")])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bot.StatusCode);
        }
        Assert.Equal(0, await _app.QueryAsync(db => db.Requests.CountAsync()));

        // Two requests a day per address, then a message on the e-mail field; a person, slowly.
        var email = DpoDeskApp.UniqueEmail("uparty");
        for (var i = 0; i < 2; i++)
            await SubmitSlowlyAsync(browser, email, "601 700 800", HttpStatusCode.Redirect);
        var third = await SubmitSlowlyAsync(browser, email, null, HttpStatusCode.BadRequest);
        Assert.Contains("id=\"Email-error\">Z tego adresu e-mail lub numeru telefonu wysłano w ostatniej dobie kilka zgłoszeń", third, StringComparison.Ordinal);

        // The sixth form post from one address in an hour is over the limit: a page saying so.
        using var limited = await _app.SubmitAsync(browser, new DpoDeskApp.RequestInput("Ktoś Inny", DpoDeskApp.UniqueEmail("inny")));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("zbyt wiele formularzy", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await _app.QueryAsync(db => db.Requests.CountAsync()));

        // Both accepted requests name the same mobile number: one SMS a day reaches it, the other is recorded as not sent.
        foreach (var message in _app.Smtp.Messages.Where(m => m.Subject?.Contains("Potwierdź", StringComparison.Ordinal) == true).ToList())
            await DpoDeskApp.ConfirmAsync(browser, DpoDeskApp.ConfirmationPath(message));
        await DpoDeskApp.EventuallyAsync(() => _app.QueryAsync(db => db.Requests.AllAsync(r => r.State == Requests.RequestState.Completed)), "both requests completed");
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Single(_app.Sms.Received);
        Assert.Equal(1, await _app.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.Channel == MessageChannel.Sms)));
        Assert.Equal(1, await _app.QueryAsync(db => db.RequestEvents.CountAsync(e => e.Detail != null && e.Detail.StartsWith("SMS not sent"))));

        // The status page has its own limit.
        for (var i = 0; i < 2; i++)
            await _app.StatusPageAsync(browser, "IOD/2026/000001", email);
        Assert.Contains("zbyt wiele formularzy", await _app.StatusPageAsync(browser, "IOD/2026/000001", email), StringComparison.Ordinal);

        // So has signing in to the office: guessing passwords from one address stops quickly.
        for (var i = 0; i < 2; i++)
            (await _app.SignInAsync(browser, DpoDeskApp.AdminEmail, "zgadywane")).Dispose();
        using var guessing = await _app.SignInAsync(browser, DpoDeskApp.AdminEmail, DpoDeskApp.AdminPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, guessing.StatusCode);
    }

    async Task<string> SubmitSlowlyAsync(HttpClient browser, string email, string? phone, HttpStatusCode expected)
    {
        var form = await browser.GetStringAsync("/");
        await Task.Delay(2100, TestContext.Current.CancellationToken);
        using var response = await browser.PostAsync("/", new FormUrlEncodedContent([
            new("__RequestVerificationToken", DpoDeskApp.AntiforgeryToken(form)),
            new("SubmissionKey", DpoDeskApp.HiddenValue(form, "SubmissionKey")),
            new("Started", DpoDeskApp.HiddenValue(form, "Started")),
            new("FullName", "Uparty Użytkownik"), new("Email", email), new("Phone", phone ?? ""), new("Erase", "true")]));
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
