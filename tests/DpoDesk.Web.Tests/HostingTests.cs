using System.Net;
using DpoDesk.Requests;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task Health_endpoints_say_live_and_ready()
    {
        await using var app = new DpoDeskApp();
        await app.InitializeAsync();
        using var live = await app.Browser().GetAsync("/health/live");
        using var ready = await app.Browser().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_for_prometheus_show_requests_by_state_outbox_depth_and_processing_time()
    {
        await using var app = new DpoDeskApp();
        await app.InitializeAsync();
        var email = DpoDeskApp.UniqueEmail("metryki");
        var browser = app.Browser();
        var number = await app.SubmitAcceptedAsync(browser, new DpoDeskApp.RequestInput("Marta Metryka", email));
        await DpoDeskApp.ConfirmAsync(browser, DpoDeskApp.ConfirmationPath(await app.Smtp.WaitForAsync(email, number)));
        await app.Smtp.WaitForAsync(email, "zrealizowane");
        await app.AllDeliveredAsync(number);

        var metrics = await browser.GetStringAsync("/metrics");
        Assert.Matches("""dpodesk_requests\{[^}]*state="Completed"[^}]*\} 1""", metrics);
        Assert.Matches("""dpodesk_outbox_messages\{[^}]*state="Sent"[^}]*\} 2""", metrics);
        Assert.Contains("dpodesk_request_processing_seconds_count", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_web_only_instance_takes_requests_and_leaves_processing_to_the_workers()
    {
        await using var app = new DpoDeskApp { Settings = { ["role"] = "web" } };
        await app.InitializeAsync();
        var email = DpoDeskApp.UniqueEmail("web.only");
        var browser = app.Browser();
        var number = await app.SubmitAcceptedAsync(browser, new DpoDeskApp.RequestInput("Wera Webowa", email));

        // No outbox worker here: the confirmation waits in the outbox for a worker instance.
        await Task.Delay(1000, TestContext.Current.CancellationToken);
        Assert.Empty(app.Smtp.Messages);
        Assert.Equal(1, await app.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.Recipient == email && m.State == Notifications.OutboxState.Pending)));
        Assert.Equal(RequestState.AwaitingConfirmation, await app.QueryAsync(db => db.Requests.Where(r => r.Number == number).Select(r => r.State).SingleAsync()));
    }

    [Fact]
    public void An_unknown_role_is_refused_with_a_message() =>
        Assert.Contains("use web, worker or both", Assert.Throws<InvalidOperationException>(() => Hosting.HostRole.From("admin")).Message, StringComparison.Ordinal);
}
