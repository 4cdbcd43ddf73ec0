using System.Diagnostics;
using DpoDesk.Contacts;
using DpoDesk.Matching;
using DpoDesk.Persistence;
using DpoDesk.Suppression;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DpoDesk.Scale;

/// <summary>
/// The import of the whole file — parse, normalise, guard, merge, write, index — against the
/// engines' own loaders of the same file with the same two indexes; then look-ups in the loaded base.
/// </summary>
static class ImportScale
{
    public const string PostgresVariable = "DPODESK_BENCH_POSTGRES";

    static string SqliteFolder(string dir) => Path.Combine(dir, "sqlite");

    public static async Task SqliteAsync(string contacts, string suppressedEmails, string dir, long rows, byte[] secret, bool baselines, Results results)
    {
        Console.WriteLine("Import into SQLite");
        var folder = SqliteFolder(dir);
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        await using var db = DatabaseProviders.Open(null, new DataDirectory(folder));
        var ours = await ImportAsync(db, contacts, suppressedEmails, rows, secret);
        if (!baselines)
            return;

        var baselineFile = Path.Combine(dir, "sqlite3-baseline.db");
        File.Delete(baselineFile);
        Run.Settle(contacts);
        var cli = Run.Shell($"sqlite3 '{baselineFile}' '.mode csv' '.import {contacts} contacts' 'CREATE INDEX ix_email ON contacts(email);' 'CREATE INDEX ix_phone ON contacts(phone);'");
        results.Add($"import {rows / 1e6:F0}M rows into SQLite (normalise, guard, merge, write, index)", $"{Run.RowsPerSecond(rows, ours)}; {cli / ours:F2}× the CLI's speed",
            $"sqlite3 .import + two indexes: {Run.RowsPerSecond(rows, cli)}", "no slower than the SQLite CLI");
    }

    public static async Task PostgresAsync(string contacts, string suppressedEmails, string dir, long rows, byte[] secret, bool baselines, Results results)
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrEmpty(server))
        {
            Console.WriteLine($"Import into PostgreSQL: skipped, set {PostgresVariable}.");
            return;
        }
        Console.WriteLine("Import into PostgreSQL");
        var builder = new NpgsqlConnectionStringBuilder(server);
        await using (var admin = new NpgsqlConnection(builder.ConnectionString))
        {
            await admin.OpenAsync();
            foreach (var name in new[] { "dpodesk_scale", "dpodesk_scale_copy" })
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
                await create.ExecuteNonQueryAsync();
            }
        }
        builder.Database = "dpodesk_scale";
        TimeSpan ours;
        await using (var db = DatabaseProviders.Open(builder.ConnectionString, new DataDirectory(Path.Combine(dir, "postgres"))))
            ours = await ImportAsync(db, contacts, suppressedEmails, rows, secret);
        if (!baselines)
            return;

        var environment = new Dictionary<string, string> { ["PGPASSWORD"] = builder.Password ?? "" };
        var psql = $"psql -v ON_ERROR_STOP=1 -q -h '{builder.Host}' -p {builder.Port} -U '{builder.Username}' -d dpodesk_scale_copy";
        Run.Shell($"{psql} -c 'CREATE TABLE contacts (name text, email text, phone text, company text, nip text, position text)'", environment);
        Run.Settle(contacts);
        var copy = Run.Shell($"{psql} -c \"\\copy contacts FROM '{contacts}' CSV HEADER\" -c 'CREATE INDEX ix_email ON contacts(email)' -c 'CREATE INDEX ix_phone ON contacts(phone)'", environment);
        results.Add($"import {rows / 1e6:F0}M rows into PostgreSQL (normalise, guard, merge, write, index)", $"{Run.RowsPerSecond(rows, ours)}; {ours / copy:F2}× the time of COPY",
            $"COPY + two indexes: {Run.RowsPerSecond(rows, copy)}", "no slower than 1.5× COPY + index");
    }

    /// <summary>Migrates, puts the million e-mails on the list as erased, and times the import of the file.</summary>
    static async Task<TimeSpan> ImportAsync(DpoDeskDbContext db, string contacts, string suppressedEmails, long rows, byte[] secret)
    {
        await Database.MigrateAsync(db, CancellationToken.None);
        using var keys = new SuppressionKeys(secret);
        await SuppressionList.AddManyAsync(db, keys, File.ReadLines(suppressedEmails).Select(e => (keys.ForEmail(e), SuppressedIdentifier.Email)),
            SuppressionKind.Erased, null, DateTime.UtcNow, CancellationToken.None);

        Run.Settle(contacts);
        var clock = Stopwatch.StartNew();
        var (reader, _, _) = CsvInput.Open(contacts, CsvInput.Utf8);
        ImportSummary summary;
        using (reader)
        {
            summary = await new ImportContacts(db, keys).ExecuteAsync(reader,
                new ImportOptions(new ImportSource("Syntetyczny plik", new DateOnly(2026, 1, 1), false, "art. 6 ust. 1 lit. f RODO"))
                {
                    ExpectedRows = rows,
                    Progress = new Loaded(rows, clock),
                },
                CancellationToken.None);
        }
        clock.Stop();
        Console.WriteLine($"  read {summary.Read:N0}, imported {summary.Imported:N0}, merged {summary.Merged:N0}, suppressed {summary.Suppressed:N0}, rejected {summary.RejectedCount:N0} in {clock.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"  garbage collection paused the process {GC.GetTotalPauseDuration().TotalSeconds:F1} s in all ({GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} collections of generations 0/1/2)");
        if (summary.Suppressed != (rows + 9) / 10 || summary.Imported + summary.Merged + summary.Suppressed != rows)
            throw new InvalidOperationException("The import did not account for every row.");
        return clock.Elapsed;
    }

    /// <summary>Ten thousand look-ups by e-mail and ten thousand by phone in the base the SQLite import made.</summary>
    public static async Task LookupsAsync(string dir, long rows, Results results)
    {
        Console.WriteLine("Look-ups in the SQLite base");
        await using var db = DatabaseProviders.Open(null, new DataDirectory(SqliteFolder(dir)));
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var random = new Random(7);
        var timings = new Dictionary<string, List<double>> { ["e-mail"] = [], ["phone"] = [] };
        foreach (var (what, column) in new[] { ("e-mail", "EmailNormalized"), ("phone", "PhoneNormalized") })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT \"Id\", \"FullName\", \"CompanyName\" FROM contacts WHERE \"{column}\" = $1";
            var parameter = Sql.Parameter(command, "");
            await command.PrepareAsync();
            for (var i = 0; i < 11_000; i++)
            {
                var person = SyntheticData.At(random.NextInt64(rows));
                parameter.Value = what == "e-mail" ? Identifiers.NormalizeEmail(person.Email)! : Identifiers.NormalizePhone(person.Phone)!;
                var start = Stopwatch.GetTimestamp();
                var found = 0;
                await using (var reader = await command.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                        found++;
                }
                if (i >= 1000)
                    timings[what].Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                GC.KeepAlive(found);
            }
        }
        var (emailP50, emailP99) = Run.Percentiles(timings["e-mail"]);
        var (phoneP50, phoneP99) = Run.Percentiles(timings["phone"]);
        var count = await db.Contacts.LongCountAsync();
        results.Add($"find one person by e-mail or phone in the {count / 1e6:F0}M base (SQLite)",
            $"e-mail p50 {emailP50:F0} µs, p99 {emailP99:F0} µs; phone p50 {phoneP50:F0} µs, p99 {phoneP99:F0} µs", "—", "p99 < 1 ms");
    }

    /// <summary>Notes when the last row was read: the rest of the import is writing the last batch and building the indexes.</summary>
    sealed class Loaded(long rows, Stopwatch clock) : IProgress<ImportProgress>
    {
        bool _said;

        public void Report(ImportProgress value)
        {
            if (value.Rows < rows || _said)
                return;
            _said = true;
            Console.WriteLine($"  every row read after {clock.Elapsed.TotalSeconds:F1} s");
        }
    }
}
