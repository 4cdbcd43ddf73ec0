using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace DpoDesk.Persistence;

public enum DatabaseEngine
{
    Sqlite,
    Postgres,
}

/// <summary>DpoDesk on SQLite: the embedded default, one file in the data directory.</summary>
public sealed class SqliteDbContext(DbContextOptions<SqliteDbContext> options) : DpoDeskDbContext(options);

/// <summary>DpoDesk on PostgreSQL: many instances against one server.</summary>
public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : DpoDeskDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Normalised identifiers are only ever compared whole, byte for byte: in the "C" collation their
        // indexes sort by bytes, which built ten million e-mails' index in 9.7 s against 13.8 s in the
        // server's default (C.UTF-8 here; a language's collation costs more still).
        builder.Entity<Contacts.Contact>().Property(c => c.EmailNormalized).UseCollation("C");
        builder.Entity<Contacts.Contact>().Property(c => c.PhoneNormalized).UseCollation("C");
    }
}

public static class DatabaseProviders
{
    /// <summary>
    /// Which engine a connection string is for: PostgreSQL's name their server (<c>Host=</c>), SQLite's
    /// name a file (<c>Data Source=</c>). No connection string means the SQLite file in the data directory.
    /// </summary>
    public static DatabaseEngine EngineOf(string? connectionString) =>
        connectionString is not null
        && (connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase) || connectionString.Contains("Server=", StringComparison.OrdinalIgnoreCase))
            ? DatabaseEngine.Postgres
            : DatabaseEngine.Sqlite;

    static string SqliteConnectionString(string? connectionString, DataDirectory data) =>
        string.IsNullOrWhiteSpace(connectionString) ? $"Data Source={data.DefaultDatabase}" : connectionString;

    static DbContextOptionsBuilder UseDpoDeskSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).AddInterceptors(SqliteBusyTimeout.Instance);

    /// <summary>Registers <see cref="DpoDeskDbContext"/> for the engine the connection string names, decided when first used.</summary>
    public static IServiceCollection AddDpoDeskDatabase(this IServiceCollection services, Func<IServiceProvider, string?> connectionString)
    {
        services.AddDbContext<SqliteDbContext>((sp, options) =>
            options.UseDpoDeskSqlite(SqliteConnectionString(connectionString(sp), sp.GetRequiredService<DataDirectory>())));
        services.AddDbContext<PostgresDbContext>((sp, options) => options.UseNpgsql(connectionString(sp)));
        services.AddScoped<DpoDeskDbContext>(sp => EngineOf(connectionString(sp)) == DatabaseEngine.Postgres
            ? sp.GetRequiredService<PostgresDbContext>()
            : sp.GetRequiredService<SqliteDbContext>());
        return services;
    }

    /// <summary>Opens a context outside dependency injection: the CLI and tests.</summary>
    public static DpoDeskDbContext Open(string? connectionString, DataDirectory data) =>
        EngineOf(connectionString) == DatabaseEngine.Postgres
            ? new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql(connectionString).Options)
            : new SqliteDbContext((DbContextOptions<SqliteDbContext>)new DbContextOptionsBuilder<SqliteDbContext>().UseDpoDeskSqlite(SqliteConnectionString(connectionString, data)).Options);
}

/// <summary>
/// Lets SQLite itself wait for the write lock (with its own short back-off) instead of failing at once
/// and leaving the retry to the ADO.NET provider, whose retries sleep far longer: under concurrent
/// writers that is the difference between microseconds and a fraction of a second.
/// </summary>
sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 30000;";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 30000;";
        command.ExecuteNonQuery();
    }
}
