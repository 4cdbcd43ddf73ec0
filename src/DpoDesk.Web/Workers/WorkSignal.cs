namespace DpoDesk.Web.Workers;

/// <summary>Wakes a worker early: set by whoever just created work for it, so that work starts in milliseconds.</summary>
public sealed class WorkSignal : IDisposable
{
    readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Wake()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake or about to be.
        }
    }

    /// <summary>Waits until woken or until <paramref name="timeout"/> passes.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _semaphore.WaitAsync(timeout, ct);

    public void Dispose() => _semaphore.Dispose();
}

/// <summary>The two workers' signals.</summary>
public sealed class WorkSignals : IDisposable
{
    public WorkSignal Requests { get; } = new();
    public WorkSignal Outbox { get; } = new();
    public WorkSignal Mailbox { get; } = new();

    public void Dispose()
    {
        Requests.Dispose();
        Outbox.Dispose();
        Mailbox.Dispose();
    }
}
