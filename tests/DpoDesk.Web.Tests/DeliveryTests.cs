using DpoDesk.Notifications;
using DpoDesk.Requests;
using DpoDesk.Tests;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Tests;

/// <summary>A message accepted for sending is delivered once the server is back, and every attempt is on the timeline.</summary>
public abstract class DeliveryTests(TestDatabase database) : IAsyncLifetime
{
    readonly DpoDeskApp _app = new() { Database = database, StartSmtp = false, Settings = { ["Sms:TimeoutSeconds"] = "1" } };

    public ValueTask InitializeAsync()
    {
        database.SkipUnlessAvailable();
        return _app.InitializeAsync();
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task With_the_smtp_server_down_the_confirmation_waits_and_is_delivered_when_it_is_back()
    {
        var email = DpoDeskApp.UniqueEmail("smtp.down");
        var number = await _app.SubmitAcceptedAsync(_app.Browser(), new DpoDeskApp.RequestInput("Tomasz Czekający", email));

        // Attempts fail while nothing listens on the SMTP port.
        await DpoDeskApp.EventuallyAsync(() => _app.QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.Recipient == email && m.Attempts >= 2 && m.State == OutboxState.Pending)), "two failed attempts");
        Assert.Empty(_app.Smtp.Messages);

        _app.Smtp.Start();
        var confirmation = await _app.Smtp.WaitForAsync(email, number);
        Assert.Contains("/potwierdz/", confirmation.TextBody, StringComparison.Ordinal);
        await _app.AllDeliveredAsync(number);

        var events = await _app.QueryAsync(db => db.RequestEvents.Where(e => db.Requests.Any(r => r.Number == number && r.Id == e.RequestId)).ToListAsync());
        Assert.Contains(events, e => e.Kind == RequestEventKind.DeliveryAttemptFailed);
        Assert.Single(events, e => e.Kind == RequestEventKind.MessageDelivered);
        await Task.Delay(600);
        Assert.Single(_app.Smtp.To(email));
    }

    [Fact]
    public async Task An_sms_gateway_that_hangs_is_given_up_on_and_tried_again()
    {
        _app.Smtp.Start();
        _app.Sms.DelayNext(1, TimeSpan.FromSeconds(3));
        var email = DpoDeskApp.UniqueEmail("sms.timeout");
        var browser = _app.Browser();
        var number = await _app.SubmitAcceptedAsync(browser, new DpoDeskApp.RequestInput("Cierpliwy Czekający", email, "+48 690 000 002"));
        await DpoDeskApp.ConfirmAsync(browser, DpoDeskApp.ConfirmationPath(await _app.Smtp.WaitForAsync(email, number)));

        await _app.Sms.WaitForAsync("48690000002");
        await _app.AllDeliveredAsync(number);
        var message = await _app.QueryAsync(db => db.OutboxMessages.SingleAsync(m => m.Channel == MessageChannel.Sms && m.Recipient == "+48690000002"));
        Assert.Equal(2, message.Attempts);
        Assert.Single(_app.Sms.Received, s => s.To == "48690000002");
    }

    [Fact]
    public async Task An_sms_gateway_answering_500_is_retried_until_it_accepts()
    {
        _app.Smtp.Start();
        _app.Sms.FailNext(2);
        var email = DpoDeskApp.UniqueEmail("sms.retry");
        var browser = _app.Browser();
        var number = await _app.SubmitAcceptedAsync(browser, new DpoDeskApp.RequestInput("Iwona Wytrwała", email, "+48 690 000 001"));
        await DpoDeskApp.ConfirmAsync(browser, DpoDeskApp.ConfirmationPath(await _app.Smtp.WaitForAsync(email, number)));

        var sms = await _app.Sms.WaitForAsync("48690000001");
        Assert.Contains(number, sms.Message, StringComparison.Ordinal);
        await _app.AllDeliveredAsync(number);
        var message = await _app.QueryAsync(db => db.OutboxMessages.SingleAsync(m => m.Channel == MessageChannel.Sms && m.Recipient == "+48690000001"));
        Assert.Equal(OutboxState.Sent, message.State);
        Assert.Equal(3, message.Attempts);
    }
}

/// <summary>A message that never gets through is marked failed after its retries and shown to staff, never dropped.</summary>
public abstract class DeliveryFailureTests(TestDatabase database) : IAsyncLifetime
{
    readonly DpoDeskApp _app = new() { Database = database, StartSmtp = false, Settings = { ["Outbox:MaxAttempts"] = "2" } };

    public ValueTask InitializeAsync()
    {
        database.SkipUnlessAvailable();
        return _app.InitializeAsync();
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task After_the_retry_budget_the_message_is_failed_and_listed_first_in_the_outbox()
    {
        var email = DpoDeskApp.UniqueEmail("never");
        var number = await _app.SubmitAcceptedAsync(_app.Browser(), new DpoDeskApp.RequestInput("Nikt Nigdzie", email));
        await DpoDeskApp.EventuallyAsync(() => _app.QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.Recipient == email && m.State == OutboxState.Failed)), "the message marked failed");

        var staff = await _app.SignedInStaffAsync();
        var outbox = await staff.GetStringAsync("/office/outbox");
        Assert.Contains("Nieudane: <strong class=\"danger\">1</strong>", outbox, StringComparison.Ordinal);
        Assert.Contains("Nieudana (próby: 2)", outbox, StringComparison.Ordinal);
        Assert.Contains(number, outbox, StringComparison.Ordinal);
    }
}

public sealed class DeliveryTestsOnSqlite() : DeliveryTests(TestDatabase.Sqlite);

public sealed class DeliveryTestsOnPostgres() : DeliveryTests(TestDatabase.Postgres);

public sealed class DeliveryFailureTestsOnSqlite() : DeliveryFailureTests(TestDatabase.Sqlite);

public sealed class DeliveryFailureTestsOnPostgres() : DeliveryFailureTests(TestDatabase.Postgres);
