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

    public static async Task<int> InsertAsync(DpoDeskDbContext db, IEnumerable<Contact> contacts, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
            await connection.OpenAsync(ct).ConfigureAwait(false);
        try
        {
            var written = 0;
            using var batch = contacts.Chunk(RowsPerTransaction).GetEnumerator();
            while (batch.MoveNext())
            {
                written += connection is NpgsqlConnection postgres
                    ? await CopyBatchAsync(postgres, batch.Current, ct).ConfigureAwait(false)
                    : await InsertBatchAsync(connection, batch.Current, ct).ConfigureAwait(false);
            }
            return written;
        }
        finally
        {
            if (opened)
                await connection.CloseAsync().ConfigureAwait(false);
        }
    }

    static async Task<int> CopyBatchAsync(NpgsqlConnection connection, Contact[] rows, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY contacts ("FullName", "NameKey", "Email", "EmailNormalized", "Phone", "PhoneNormalized", "CompanyName", "CompanyNip", "Position", "SourceId", "AcquiredOn", "SharingBarred")
            FROM STDIN (FORMAT BINARY)
            """, ct).ConfigureAwait(false);
        foreach (var c in rows)
        {
            await writer.StartRowAsync(ct).ConfigureAwait(false);
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
        }
        await writer.CompleteAsync(ct).ConfigureAwait(false);
        return rows.Length;
    }

    static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken ct) =>
        value is null ? writer.WriteNullAsync(ct) : writer.WriteAsync(value, NpgsqlDbType.Varchar, ct);

    static async Task<int> InsertBatchAsync(DbConnection connection, Contact[] rows, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO contacts ("FullName", "NameKey", "Email", "EmailNormalized", "Phone", "PhoneNormalized", "CompanyName", "CompanyNip", "Position", "SourceId", "AcquiredOn", "SharingBarred")
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            """;
        var parameters = new DbParameter[12];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = $"${i + 1}";
            command.Parameters.Add(parameters[i]);
        }
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
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return rows.Length;
    }

    /// <summary>Finds a source by name, or adds it.</summary>
    public static async Task<Source> EnsureSourceAsync(DpoDeskDbContext db, string name, bool isPublic, string legalBasis, CancellationToken ct)
    {
        var source = await db.Sources.FirstOrDefaultAsync(s => s.Name == name, ct).ConfigureAwait(false);
        if (source is not null)
            return source;
        source = new Source { Name = name, IsPublic = isPublic, LegalBasis = legalBasis };
        db.Sources.Add(source);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return source;
    }
}
