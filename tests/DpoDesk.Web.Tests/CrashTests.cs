using DpoDesk.Requests;
using DpoDesk.Tests;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Tests;

/// <summary>
/// A worker killed in the middle of its work (as <c>kill -9</c> or a power cut would): after a restart
/// every request is completed exactly once and every message delivered.
/// </summary>
public abstract class CrashTests(TestDatabase database) : WorkerProcessTests(database)
{
    const int Requests = 300;

    [Fact]
    public async Task A_worker_killed_mid_work_leaves_nothing_half_done_and_its_successor_finishes_once()
    {
        await Web.SeedConfirmedRequestsAsync(Requests, "crash");
        string[] arguments = [.. Web.ProcessArguments(), "--role=worker", "--Outbox:Lease=00:00:03"];

        await using (var doomed = DpoDeskProcess.Start(arguments))
        {
            await DpoDeskApp.EventuallyAsync(
                async () => await Web.QueryAsync(db => db.Requests.CountAsync(r => r.State == RequestState.Completed)) >= Requests / 10,
                "some work done before the kill");
            doomed.Kill();
        }
        var completedAtKill = await Web.QueryAsync(db => db.Requests.CountAsync(r => r.State == RequestState.Completed));
        Assert.True(completedAtKill < Requests, "The worker was killed with work left");

        await using var successor = DpoDeskProcess.Start(arguments);
        await Web.WaitUntilAllDoneAsync(TimeSpan.FromMinutes(3), successor);

        var completions = await Web.CompletionsPerRequestAsync();
        Assert.Equal(Requests, completions.Count);
        Assert.All(completions, count => Assert.Equal(1, count));

        // Every message arrived. SMTP cannot be exactly-once across a crash: a process that dies between
        // the server's "250 OK" and its own commit sends that one message again, with the same
        // Message-ID so that mail programs show it once. One worker sends one message at a time.
        var arrived = Web.Smtp.Messages.Select(m => m.MessageId).ToList();
        Assert.Equal(2 * Requests, arrived.Distinct().Count());
        Assert.InRange(arrived.Count - arrived.Distinct().Count(), 0, 1);
    }
}

public sealed class CrashOnSqliteTests() : CrashTests(TestDatabase.Sqlite);

public sealed class CrashOnPostgresTests() : CrashTests(TestDatabase.Postgres);
