using Microsoft.Data.Sqlite;
using Npgsql;

namespace DpoDesk.Tests;

/// <summary>
/// The engines the database tests run on: SQLite always, PostgreSQL whenever
/// <c>DPODESK_TEST_POSTGRES</c> holds a connection string to a server where the tests may create
/// and drop databases. CI sets it; on a developer's machine without it the PostgreSQL runs are skipped,
/// saying how to enable them.
/// </summary>
public abstract class TestDatabase
{
    public const string PostgresVariable = "DPODESK_TEST_POSTGRES";

    public static TestDatabase Sqlite { get; } = new SqliteDatabase();
    public static TestDatabase Postgres { get; } = new PostgresDatabase();

    public abstract string Name { get; }
    public abstract bool Available { get; }

    /// <summary>Makes a fresh, empty database; returns its connection string (null: the SQLite file of the data directory).</summary>
    public abstract Task<string?> CreateAsync();

    public abstract Task DropAsync(string? connectionString);

    public void SkipUnlessAvailable()
    {
        if (Available)
            return;
        if (Environment.GetEnvironmentVariable("CI") is not null)
            Assert.Fail($"{PostgresVariable} is not set: CI must run the database tests on PostgreSQL too.");
        Assert.Skip($"No PostgreSQL: set {PostgresVariable}=\"Host=127.0.0.1;Username=postgres;Password=…\" to run these tests on it too.");
    }

    public override string ToString() => Name;

    sealed class SqliteDatabase : TestDatabase
    {
        public override string Name => "SQLite";
        public override bool Available => true;
        public override Task<string?> CreateAsync() => Task.FromResult<string?>(null);

        public override Task DropAsync(string? connectionString)
        {
            // The file goes with the test's data directory; release pooled handles on it.
            SqliteConnection.ClearAllPools();
            return Task.CompletedTask;
        }
    }

    sealed class PostgresDatabase : TestDatabase
    {
        static readonly string? Server = Environment.GetEnvironmentVariable(PostgresVariable);

        public override string Name => "PostgreSQL";
        public override bool Available => !string.IsNullOrWhiteSpace(Server);

        public override async Task<string?> CreateAsync()
        {
            var name = $"dpodesk_test_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(Server))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }
            return new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
        }

        public override async Task DropAsync(string? connectionString)
        {
            var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
