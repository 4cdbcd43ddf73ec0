using DpoDesk.Tests;

namespace DpoDesk.Web.Tests.Infrastructure;

/// <summary>
/// Tests where an in-process instance only takes requests and worker processes, started by the test,
/// do the rest against the same database.
/// </summary>
public abstract class WorkerProcessTests(TestDatabase database) : IAsyncLifetime
{
    protected DpoDeskApp Web { get; } = new() { Database = database, Settings = { ["role"] = "web" } };

    public async ValueTask InitializeAsync()
    {
        database.SkipUnlessAvailable();
        await Web.InitializeAsync();
    }

    public ValueTask DisposeAsync() => Web.DisposeAsync();
}
