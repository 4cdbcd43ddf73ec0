using Microsoft.EntityFrameworkCore;
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
public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : DpoDeskDbContext(options);

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

    /// <summary>Registers <see cref="DpoDeskDbContext"/> for the engine the connection string names, decided when first used.</summary>
    public static IServiceCollection AddDpoDeskDatabase(this IServiceCollection services, Func<IServiceProvider, string?> connectionString)
    {
        services.AddDbContext<SqliteDbContext>((sp, options) =>
            options.UseSqlite(SqliteConnectionString(connectionString(sp), sp.GetRequiredService<DataDirectory>())));
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
            : new SqliteDbContext(new DbContextOptionsBuilder<SqliteDbContext>().UseSqlite(SqliteConnectionString(connectionString, data)).Options);
}
