using System.Net;
using DpoDesk.Tests;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DpoDesk.Web.Tests;

/// <summary>
/// The database server refusing connections for a while: the portal answers 503 with a clear "try
/// again", readiness goes red, nothing is half-written, and all is well once the server is back.
/// PostgreSQL only: it is the engine that lives on another server.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    readonly DpoDeskApp _app = new() { Database = TestDatabase.Postgres };

    public async ValueTask InitializeAsync()
    {
        TestDatabase.Postgres.SkipUnlessAvailable();
        await _app.InitializeAsync();
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task While_the_database_is_away_the_portal_says_try_again_and_stores_nothing()
    {
        var browser = _app.Browser();
        var email = DpoDeskApp.UniqueEmail("przerwa");
        var form = await browser.GetStringAsync("/");

        await SetConnectionsAllowedAsync(false);
        try
        {
            using var response = await browser.PostAsync("/", new FormUrlEncodedContent([
                new("__RequestVerificationToken", DpoDeskApp.AntiforgeryToken(form)),
                new("SubmissionKey", DpoDeskApp.HiddenValue(form, "SubmissionKey")),
                new("Started", DpoDeskApp.HiddenValue(form, "Started")),
                new("FullName", "Cierpliwa Osoba"), new("Email", email), new("Erase", "true")]));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("wyślij formularz ponownie za chwilę", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.NotNull(response.Headers.RetryAfter);

            using var ready = await browser.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }
        finally
        {
            await SetConnectionsAllowedAsync(true);
        }

        Assert.Equal(0, await _app.QueryAsync(db => db.Requests.CountAsync(r => r.Email == email)));
        var number = await _app.SubmitAcceptedAsync(browser, new DpoDeskApp.RequestInput("Cierpliwa Osoba", email));
        await _app.Smtp.WaitForAsync(email, number);
    }

    async Task SetConnectionsAllowedAsync(bool allowed)
    {
        var name = new NpgsqlConnectionStringBuilder(_app.ConnectionString).Database;
        await using (var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)))
        {
            await admin.OpenAsync();
            await using var alter = new NpgsqlCommand($"ALTER DATABASE {name} ALLOW_CONNECTIONS {(allowed ? "true" : "false")}", admin);
            await alter.ExecuteNonQueryAsync();
            if (!allowed)
            {
                await using var kick = new NpgsqlCommand($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'", admin);
                await kick.ExecuteNonQueryAsync();
            }
        }
        NpgsqlConnection.ClearAllPools();
    }
}
