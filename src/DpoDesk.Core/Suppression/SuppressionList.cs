using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using DpoDesk.Persistence;
using DpoDesk.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DpoDesk.Suppression;

/// <summary>The suppression list: adds keyed identifiers, loads them for the guard, and re-keys them.</summary>
public static class SuppressionList
{
    /// <summary>The office setting holding how many times the list has been re-keyed.</summary>
    public const string GenerationSetting = "suppression.key-generation";

    /// <summary>Adds keys of one kind; keys already on the list are left as they are.</summary>
    public static async Task AddAsync(DpoDeskDbContext db, SuppressionKeys keys, IEnumerable<(byte[] Key, SuppressedIdentifier Identifier)> entries, SuppressionKind kind, string? requestNumber, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await SyncAsync(db, keys, ct).ConfigureAwait(false);
        foreach (var (key, identifier) in entries.DistinctBy(e => Convert.ToHexString(e.Key)))
        {
            var exists = await db.SuppressionEntries.AnyAsync(e => e.Key == key && e.Kind == kind, ct).ConfigureAwait(false);
            if (!exists)
                db.SuppressionEntries.Add(new SuppressionEntry { Key = key, Kind = kind, Identifier = identifier, CreatedAt = now, RequestNumber = requestNumber });
        }
    }

    /// <summary>
    /// Makes <paramref name="keys"/> produce keys of the generation the stored list is at, in case
    /// the list was re-keyed since this process started. Call before comparing or storing keys.
    /// </summary>
    public static async Task SyncAsync(DpoDeskDbContext db, SuppressionKeys keys, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keys);
        keys.AdvanceTo(await GenerationAsync(db, ct).ConfigureAwait(false));
    }

    static async Task<int> GenerationAsync(DpoDeskDbContext db, CancellationToken ct)
    {
        var value = await db.OfficeSettings.AsNoTracking().Where(s => s.Key == GenerationSetting).Select(s => s.Value).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return value is null ? 0 : int.Parse(value, CultureInfo.InvariantCulture);
    }

    /// <summary>Loads the whole list into memory for a bulk pass (import, export, a filtered file).</summary>
    public static async Task<SuppressionSet> LoadAsync(DpoDeskDbContext db, SuppressionKeys keys, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await SyncAsync(db, keys, ct).ConfigureAwait(false);
        // How many entries of each kind of identifier, in one pass over the list.
        var counts = await db.SuppressionEntries.GroupBy(e => e.Identifier).Select(g => new { Identifier = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Identifier, g => g.Count, ct).ConfigureAwait(false);
        var set = new SuppressionSet(counts.Where(c => c.Key != SuppressedIdentifier.PhoneHint).Sum(c => c.Value));
        set.Identifiers = counts.Keys.ToHashSet();
        // Every erasure stores a phone-with-name key and its phone's hint together; with fewer hints
        // than such keys (an entry from elsewhere) the guard does not rely on them.
        set.PhoneHintsComplete = counts.GetValueOrDefault(SuppressedIdentifier.PhoneHint) >= counts.GetValueOrDefault(SuppressedIdentifier.PhoneAndName);

        // Plain ADO: millions of two-column rows do not need an object each.
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
            await connection.OpenAsync(ct).ConfigureAwait(false);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = """SELECT "Key", "Kind", "Identifier" FROM suppression_entries""";
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                // The value itself, not GetBytes: on SQLite that opens an incremental blob handle for every row (a million rows: two seconds).
                var key = reader.GetFieldValue<byte[]>(0);
                if (key.Length != SuppressionKeys.KeyLength)
                    continue;
                if ((SuppressedIdentifier)reader.GetInt32(2) == SuppressedIdentifier.PhoneHint)
                    set.AddPhoneHint(key);
                else
                    set.Add(key, (SuppressionKind)reader.GetInt32(1));
            }
        }
        finally
        {
            if (opened)
                await connection.CloseAsync().ConfigureAwait(false);
        }
        return set;
    }

    /// <summary>Adds many keys of an external list at once; keys already there are skipped. Returns how many were new.</summary>
    public static async Task<int> AddManyAsync(DpoDeskDbContext db, SuppressionKeys keys, IEnumerable<(byte[] Key, SuppressedIdentifier Identifier)> entries, SuppressionKind kind, string? listName, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await SyncAsync(db, keys, ct).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
            await connection.OpenAsync(ct).ConfigureAwait(false);
        try
        {
            if (connection is Npgsql.NpgsqlConnection postgres)
                return await AddManyByCopyAsync(postgres, entries, kind, listName, now, ct).ConfigureAwait(false);
            var added = 0;
            foreach (var batch in entries.Chunk(10_000))
            {
                await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO suppression_entries ("Key", "Kind", "CreatedAt", "ListName", "Identifier") VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT ("Key", "Kind") DO NOTHING
                    """;
                var parameters = Parameters(command, 5);
                parameters[1].Value = (int)kind;
                parameters[2].Value = now;
                parameters[3].Value = (object?)listName ?? DBNull.Value;
                await command.PrepareAsync(ct).ConfigureAwait(false);
                foreach (var (key, identifier) in batch)
                {
                    parameters[0].Value = key;
                    parameters[4].Value = (int)identifier;
                    added += await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
                await transaction.CommitAsync(ct).ConfigureAwait(false);
            }
            return added;
        }
        finally
        {
            if (opened)
                await connection.CloseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// PostgreSQL: each batch is copied into a temporary table and inserted from there in one statement,
    /// skipping keys already on the list; a prepared insert per key ran at about 11,000 keys a second.
    /// </summary>
    static async Task<int> AddManyByCopyAsync(Npgsql.NpgsqlConnection connection, IEnumerable<(byte[] Key, SuppressedIdentifier Identifier)> entries, SuppressionKind kind, string? listName, DateTime now, CancellationToken ct)
    {
        var added = 0;
        foreach (var batch in entries.Chunk(100_000))
        {
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (var create = new Npgsql.NpgsqlCommand("""CREATE TEMP TABLE IF NOT EXISTS suppression_incoming ("Key" bytea NOT NULL, "Identifier" integer NOT NULL) ON COMMIT DELETE ROWS""", connection, transaction))
                await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await using (var writer = await connection.BeginBinaryImportAsync("""COPY suppression_incoming ("Key", "Identifier") FROM STDIN (FORMAT BINARY)""", ct).ConfigureAwait(false))
            {
                foreach (var (key, identifier) in batch)
                {
                    writer.StartRow();
                    writer.Write(key, NpgsqlTypes.NpgsqlDbType.Bytea);
                    writer.Write((int)identifier, NpgsqlTypes.NpgsqlDbType.Integer);
                }
                await writer.CompleteAsync(ct).ConfigureAwait(false);
            }
            await using (var insert = new Npgsql.NpgsqlCommand("""
                INSERT INTO suppression_entries ("Key", "Kind", "CreatedAt", "ListName", "Identifier")
                SELECT DISTINCT ON ("Key") "Key", $1, $2, $3, "Identifier" FROM suppression_incoming
                ON CONFLICT ("Key", "Kind") DO NOTHING
                """, connection, transaction))
            {
                insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = (int)kind });
                insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = now });
                insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = (object?)listName ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar });
                added += await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }
        return added;
    }

    static DbParameter[] Parameters(DbCommand command, int count)
    {
        var parameters = new DbParameter[count];
        for (var i = 0; i < count; i++)
            parameters[i] = Sql.Parameter(command);
        return parameters;
    }

    /// <summary>
    /// Re-keys every stored key under a new rotation secret, from the stored keys alone, in one
    /// transaction. The new secret is appended to the rotations file first, so an interrupted rotation
    /// is finished by running it again with the same secret. Returns the new generation and the number of keys.
    /// </summary>
    public static async Task<(int Generation, int Rekeyed)> RotateAsync(DpoDeskDbContext db, string secretFile, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rotationsFile = SuppressionKeys.RotationsFileOf(secretFile);
        var rotations = SuppressionKeys.ReadRotations(rotationsFile);
        var generation = await GenerationAsync(db, ct).ConfigureAwait(false);
        if (rotations.Count < generation)
            throw new InvalidOperationException($"The list is at generation {generation} but {rotationsFile} holds {rotations.Count} secrets: restore it from the backup before rotating.");
        byte[] secret;
        if (rotations.Count > generation)
        {
            secret = rotations[generation];
        }
        else
        {
            secret = RandomNumberGenerator.GetBytes(32);
            AppendSecret(rotationsFile, secret);
        }

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            var dbTransaction = transaction.GetDbTransaction();
            if (db.Database.IsNpgsql())
                await db.Database.ExecuteSqlRawAsync("LOCK TABLE suppression_entries IN EXCLUSIVE MODE", ct).ConfigureAwait(false);

            await using var update = connection.CreateCommand();
            update.Transaction = dbTransaction;
            update.CommandText = """UPDATE suppression_entries SET "Key" = $1 WHERE "Id" = $2""";
            var parameters = Parameters(update, 2);
            await update.PrepareAsync(ct).ConfigureAwait(false);

            var rekeyed = 0;
            long last = 0;
            var page = new List<(long Id, byte[] Key)>(10_000);
            var fresh = new byte[SuppressionKeys.KeyLength];
            while (true)
            {
                page.Clear();
                await using (var select = connection.CreateCommand())
                {
                    select.Transaction = dbTransaction;
                    select.CommandText = """SELECT "Id", "Key" FROM suppression_entries WHERE "Id" > $1 ORDER BY "Id" LIMIT 10000""";
                    Sql.Parameter(select, last);
                    await using var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    while (await reader.ReadAsync(ct).ConfigureAwait(false))
                        page.Add((reader.GetInt64(0), (byte[])reader.GetValue(1)));
                }
                if (page.Count == 0)
                    break;
                foreach (var (id, key) in page)
                {
                    SuppressionKeys.Rekey(key, secret, fresh);
                    parameters[0].Value = fresh;
                    parameters[1].Value = id;
                    await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    rekeyed++;
                }
                last = page[^1].Id;
            }

            var setting = await db.OfficeSettings.FirstOrDefaultAsync(s => s.Key == GenerationSetting, ct).ConfigureAwait(false);
            var next = (generation + 1).ToString(CultureInfo.InvariantCulture);
            if (setting is null)
                db.OfficeSettings.Add(new OfficeSetting { Key = GenerationSetting, Value = next });
            else
                setting.Value = next;
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return (generation + 1, rekeyed);
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    static void AppendSecret(string rotationsFile, byte[] secret)
    {
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows() && !File.Exists(rotationsFile))
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(rotationsFile, options);
        using (var writer = new StreamWriter(stream, System.Text.Encoding.ASCII, leaveOpen: true))
            writer.WriteLine(Convert.ToBase64String(secret));
        stream.Flush(flushToDisk: true);
    }
}
