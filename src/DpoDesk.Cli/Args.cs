using DpoDesk;
using DpoDesk.Persistence;
using DpoDesk.Suppression;

/// <summary>A mistake on the command line: printed with the usage, exit code 2.</summary>
sealed class CliException(string message) : Exception(message);

static class Args
{
    public static string Value(string[] args, ref int i) =>
        i + 1 < args.Length ? args[++i] : throw new CliException($"{args[i]} needs a value.");

    public static DataDirectory Data(string? dataDirectory) =>
        new(dataDirectory ?? Environment.GetEnvironmentVariable("DataDirectory") ?? "data");

    /// <summary>The database of the web host: ConnectionStrings__DpoDesk, or the SQLite file in the data directory; migrated.</summary>
    public static async Task<DpoDeskDbContext> OpenDatabaseAsync(DataDirectory data)
    {
        var db = DatabaseProviders.Open(Environment.GetEnvironmentVariable("ConnectionStrings__DpoDesk"), data);
        await Database.MigrateAsync(db, CancellationToken.None);
        return db;
    }

    public static string SuppressionSecretFile(DataDirectory data) =>
        Environment.GetEnvironmentVariable("Suppression__SecretFile") is { Length: > 0 } file ? file : data.SecretFile;

    public static SuppressionKeys Keys(DataDirectory data) => SuppressionKeys.Load(SuppressionSecretFile(data));
}
