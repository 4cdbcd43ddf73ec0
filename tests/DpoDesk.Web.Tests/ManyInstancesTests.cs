using DpoDesk.Tests;
using DpoDesk.Web.Tests.Infrastructure;

namespace DpoDesk.Web.Tests;

/// <summary>
/// Two worker processes on one database: every request is processed exactly once and every message
/// delivered exactly once, with none skipped.
/// </summary>
public abstract class ManyInstancesTests(TestDatabase database) : WorkerProcessTests(database)
{
    const int Requests = 2000;

    [Fact]
    public async Task Two_workers_process_each_request_once_and_deliver_each_message_once()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Web.SeedConfirmedRequestsAsync(Requests, "osoba");
        TestContext.Current.TestOutputHelper?.WriteLine($"{Requests} requests submitted and confirmed in {clock.Elapsed}");
        clock.Restart();
        await using var first = DpoDeskProcess.Start([.. Web.ProcessArguments(), "--role=worker"]);
        await using var second = DpoDeskProcess.Start([.. Web.ProcessArguments(), "--role=worker"]);

        await Web.WaitUntilAllDoneAsync(TimeSpan.FromMinutes(4), first, second);
        TestContext.Current.TestOutputHelper?.WriteLine($"Processed and delivered by two workers in {clock.Elapsed}");

        // One confirmation and one result per request, each arrived once.
        var arrived = Web.Smtp.Messages.ToList();
        Assert.Equal(2 * Requests, arrived.Count);
        Assert.Equal(2 * Requests, arrived.Select(m => m.MessageId).Distinct().Count());
        var completions = await Web.CompletionsPerRequestAsync();
        Assert.Equal(Requests, completions.Count);
        Assert.All(completions, count => Assert.Equal(1, count));
    }
}

public sealed class ManyInstancesOnSqliteTests() : ManyInstancesTests(TestDatabase.Sqlite);

public sealed class ManyInstancesOnPostgresTests() : ManyInstancesTests(TestDatabase.Postgres);
