namespace DpoDesk.Scale;

static class LedgerScale
{
    public static Task RunAsync(string dir, Results results) => Task.CompletedTask;
}
