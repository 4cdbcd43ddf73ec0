using System.Net;
using DpoDesk.Requests;
using DpoDesk.Tests;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DpoDesk.Web.Tests;

/// <summary>An unconfirmed request expires with its link; its personal data go, its number, dates and outcome stay.</summary>
public abstract class ExpiryTests(TestDatabase database) : IAsyncLifetime
{
    readonly DpoDeskApp _app = new() { Database = database, Clock = new FakeTimeProvider(DateTimeOffset.UtcNow) };

    public ValueTask InitializeAsync()
    {
        database.SkipUnlessAvailable();
        return _app.InitializeAsync();
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task An_unconfirmed_request_expires_after_seven_days_and_its_personal_data_are_purged()
    {
        var email = DpoDeskApp.UniqueEmail("expiring");
        var browser = _app.Browser();
        var number = await _app.SubmitAcceptedAsync(browser, new DpoDeskApp.RequestInput("Ewa Zapominalska", email, "601 222 333"));
        var path = DpoDeskApp.ConfirmationPath(await _app.Smtp.WaitForAsync(email, number));

        _app.Clock!.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        Request request;
        while ((request = await _app.QueryAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.Number == number))).State != RequestState.Expired)
        {
            Assert.True(DateTime.UtcNow < deadline, "The request did not expire");
            await Task.Delay(100);
        }

        Assert.Null(request.FullName);
        Assert.Null(request.Email);
        Assert.Null(request.Phone);
        Assert.Equal(RequestOutcome.NotConfirmed, request.Outcome);
        Assert.NotNull(request.CompletedAt);
        Assert.Equal(0, await _app.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.RequestId == request.Id)));

        using var late = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Contains("Ten link wygasł", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The person can still see that it expired: the status page works from a keyed hash, not the address.
        var status = await _app.StatusPageAsync(browser, number, email);
        Assert.Contains("Wygasło (niepotwierdzone)", status, StringComparison.Ordinal);
    }
}

public sealed class ExpiryTestsOnSqlite() : ExpiryTests(TestDatabase.Sqlite);

public sealed class ExpiryTestsOnPostgres() : ExpiryTests(TestDatabase.Postgres);
