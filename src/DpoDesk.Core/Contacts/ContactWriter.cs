using System.Data.Common;
using DpoDesk.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace DpoDesk.Contacts;

/// <summary>
/// Writes contacts in bulk, each engine its fastest way: PostgreSQL's binary COPY, SQLite's prepared
/// statement with many rows per transaction. EF change tracking would spend most of its time on
/// bookkeeping for rows nobody reads back.
/// </summary>
public static class ContactWriter
{
    public const int RowsPerTransaction = 10_000;

    const string Columns = """
        "FullName", "NameKey", "Email", "EmailNormalized", "Phone", "PhoneNormalized", "CompanyName", "CompanyNip", "Position", "SourceId", "AcquiredOn", "SharingBarred", "Fields"
        """;

    /// <summary>Inserts new records (ids assigned by the database), a transaction per ten thousand.</summary>
    public static async Task<int> InsertAsync(DpoDeskDbContext db, IEnumerable<Contact> contacts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
            await connection.OpenAsync(ct).ConfigureAwait(false);
        try
        {
            var written = 0;
            foreach (var batch in contacts.Chunk(RowsPerTransaction))
            {
                await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
                written += await WriteBatchAsync(connection, transaction, batch, ct).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
            }
            return written;
        }
        finally
        {
            if (opened)
                await connection.CloseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes one batch in the caller's transaction. Records that carry an id keep it (an import
    /// assigns ids itself, to merge rows of the same person within the file before they are written).
    /// </summary>
    public static Task<int> WriteBatchAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Contact> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
            return Task.FromResult(0);
        var withIds = rows[0].Id != 0;
        return connection is NpgsqlConnection postgres
            ? CopyBatchAsync(postgres, rows, withIds, ct)
            : InsertBatchAsync(connection, transaction, rows, withIds, ct);
    }

    /// <summary>After writing explicit ids: moves PostgreSQL's identity past them.</summary>
    public static async Task AfterExplicitIdsAsync(DpoDeskDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("""
                SELECT setval(pg_get_serial_sequence('contacts', 'Id'), GREATEST((SELECT COALESCE(MAX("Id"), 0) FROM contacts), 1))
                """, ct).ConfigureAwait(false);
        }
    }

    static async Task<int> CopyBatchAsync(NpgsqlConnection connection, IReadOnlyList<Contact> rows, bool withIds, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync($"""
            COPY contacts ({(withIds ? "\"Id\", " : "")}{Columns}) FROM STDIN (FORMAT BINARY)
            """, ct).ConfigureAwait(false);
        foreach (var c in rows)
        {
            await writer.StartRowAsync(ct).ConfigureAwait(false);
            if (withIds)
                await writer.WriteAsync(c.Id, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            await writer.WriteAsync(c.FullName, NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
            await writer.WriteAsync(c.NameKey, NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
            await WriteNullableAsync(writer, c.Email, ct).ConfigureAwait(false);
            await WriteNullableAsync(writer, c.EmailNormalized, ct).ConfigureAwait(false);
            await WriteNullableAsync(writer, c.Phone, ct).ConfigureAwait(false);
            await WriteNullableAsync(writer, c.PhoneNormalized, ct).ConfigureAwait(false);
            await WriteNullableAsync(writer, c.CompanyName, ct).ConfigureAwait(false);
            await WriteNullableAsync(writer, c.CompanyNip, ct).ConfigureAwait(false);
            await WriteNullableAsync(writer, c.Position, ct).ConfigureAwait(false);
            await writer.WriteAsync(c.SourceId, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
            await writer.WriteAsync(c.AcquiredOn, NpgsqlDbType.Date, ct).ConfigureAwait(false);
            await writer.WriteAsync(c.SharingBarred, NpgsqlDbType.Boolean, ct).ConfigureAwait(false);
            await writer.WriteAsync((int)c.Fields, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
        }
        await writer.CompleteAsync(ct).ConfigureAwait(false);
        return rows.Count;
    }

    static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken ct) =>
        value is null ? writer.WriteNullAsync(ct) : writer.WriteAsync(value, NpgsqlDbType.Varchar, ct);

    static async Task<int> InsertBatchAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Contact> rows, bool withIds, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = withIds
            ? $"""INSERT INTO contacts ("Id", {Columns}) VALUES ($14, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"""
            : $"""INSERT INTO contacts ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)""";
        var parameters = new DbParameter[withIds ? 14 : 13];
        for (var i = 0; i < parameters.Length; i++)
            parameters[i] = Sql.Parameter(command);
        await command.PrepareAsync(ct).ConfigureAwait(false);

        foreach (var c in rows)
        {
            parameters[0].Value = c.FullName;
            parameters[1].Value = c.NameKey;
            parameters[2].Value = (object?)c.Email ?? DBNull.Value;
            parameters[3].Value = (object?)c.EmailNormalized ?? DBNull.Value;
            parameters[4].Value = (object?)c.Phone ?? DBNull.Value;
            parameters[5].Value = (object?)c.PhoneNormalized ?? DBNull.Value;
            parameters[6].Value = (object?)c.CompanyName ?? DBNull.Value;
            parameters[7].Value = (object?)c.CompanyNip ?? DBNull.Value;
            parameters[8].Value = (object?)c.Position ?? DBNull.Value;
            parameters[9].Value = c.SourceId;
            parameters[10].Value = c.AcquiredOn;
            parameters[11].Value = c.SharingBarred;
            parameters[12].Value = (int)c.Fields;
            if (withIds)
                parameters[13].Value = c.Id;
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        return rows.Count;
    }

    /// <summary>Finds a source by name, or adds it.</summary>
    public static async Task<Source> EnsureSourceAsync(DpoDeskDbContext db, string name, bool isPublic, string legalBasis, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var source = await db.Sources.FirstOrDefaultAsync(s => s.Name == name, ct).ConfigureAwait(false);
        if (source is not null)
            return source;
        source = new Source { Name = name, IsPublic = isPublic, LegalBasis = legalBasis };
        db.Sources.Add(source);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return source;
    }
}

/// <summary>One import at a time: two would hand out the same ids. PostgreSQL holds an advisory lock for the import's duration; SQLite has a single writer already, and an import's ids are checked by the primary key.</summary>
sealed class ImportLock : IAsyncDisposable
{
    const long Key = 0x6470_6F64_6573_6B01;
    readonly DpoDeskDbContext? _db;

    ImportLock(DpoDeskDbContext? db) => _db = db;

    public static async Task<ImportLock> TakeAsync(DpoDeskDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
            return new ImportLock(null);
        var taken = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({Key}) AS \"Value\"").SingleAsync(ct).ConfigureAwait(false);
        if (!taken)
            throw new InvalidOperationException("Another import or export is running on this database; run this one when it has finished.");
        return new ImportLock(db);
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
            await _db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({Key})").ConfigureAwait(false);
    }
}
