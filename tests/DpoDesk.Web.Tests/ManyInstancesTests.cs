using DpoDesk.Notifications;
using DpoDesk.Requests;
using DpoDesk.Tests;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DpoDesk.Web.Tests;

/// <summary>
/// Two worker processes on one database: every request is processed exactly once and every message
/// delivered exactly once, with none skipped.
/// </summary>
public abstract class ManyInstancesTests(TestDatabase database) : IAsyncLifetime
{
    const int Requests = 2000;

    // This in-process instance only takes requests; the two worker processes do the rest.
    readonly DpoDeskApp _web = new() { Database = database, Settings = { ["role"] = "web" } };

    public async ValueTask InitializeAsync()
    {
        database.SkipUnlessAvailable();
        await _web.InitializeAsync();
    }

    public ValueTask DisposeAsync() => _web.DisposeAsync();

    [Fact]
    public async Task Two_workers_process_each_request_once_and_deliver_each_message_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < Requests; i++)
        {
            // One unit of work per request, as each web request has.
            using var scope = _web.Services.CreateScope();
            var result = await scope.ServiceProvider.GetRequiredService<SubmitRequest>()
                .ExecuteAsync(new RequestForm($"Osoba {i}", $"osoba{i}@firma.example", null, RequestActions.Erasure, "pl", Guid.NewGuid()), ct);
            Assert.True(result.Accepted);
        }
        // Confirmed all at once, as if every person clicked their link.
        await _web.QueryAsync(db => db.Requests.ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RequestState.Confirmed).SetProperty(r => r.ConfirmedAt, DateTime.UtcNow), ct));

        TestContext.Current.TestOutputHelper?.WriteLine($"{Requests} requests submitted and confirmed in {clock.Elapsed}");
        clock.Restart();
        await using var first = DpoDeskProcess.Start([.. _web.ProcessArguments(), "--role=worker"]);
        await using var second = DpoDeskProcess.Start([.. _web.ProcessArguments(), "--role=worker"]);

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
        while (await _web.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.State != OutboxState.Sent)) > 0
            || await _web.QueryAsync(db => db.Requests.CountAsync(r => r.State != RequestState.Completed)) > 0)
        {
            Assert.False(first.HasExited, first.Output);
            Assert.False(second.HasExited, second.Output);
            Assert.True(DateTime.UtcNow < deadline, "The workers did not finish in time");
            await Task.Delay(250, ct);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"Processed and delivered by two workers in {clock.Elapsed}");

        // One confirmation and one result per request, each arrived once.
        var arrived = _web.Smtp.Messages.ToList();
        Assert.Equal(2 * Requests, arrived.Count);
        Assert.Equal(2 * Requests, arrived.Select(m => m.MessageId).Distinct().Count());
        var completions = await _web.QueryAsync(db => db.RequestEvents.Where(e => e.Kind == RequestEventKind.Completed)
            .GroupBy(e => e.RequestId).Select(g => g.Count()).ToListAsync());
        Assert.Equal(Requests, completions.Count);
        Assert.All(completions, count => Assert.Equal(1, count));
    }
}

public sealed class ManyInstancesOnSqliteTests() : ManyInstancesTests(TestDatabase.Sqlite);

public sealed class ManyInstancesOnPostgresTests() : ManyInstancesTests(TestDatabase.Postgres);
