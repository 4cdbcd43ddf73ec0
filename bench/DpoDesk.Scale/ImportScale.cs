namespace DpoDesk.Scale;

static class ImportScale
{
    public static Task SqliteAsync(string contacts, string suppressedEmails, string dir, long rows, byte[] secret, Results results) => Task.CompletedTask;
    public static Task PostgresAsync(string contacts, string suppressedEmails, string dir, long rows, byte[] secret, Results results) => Task.CompletedTask;
    public static Task LookupsAsync(string dir, long rows, Results results) => Task.CompletedTask;
}
