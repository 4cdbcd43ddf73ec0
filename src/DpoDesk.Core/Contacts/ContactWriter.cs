using System.Buffers.Binary;
using System.Data.Common;
using DpoDesk.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SQLitePCL;

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
        "FullName", "Email", "EmailNormalized", "Phone", "PhoneNormalized", "CompanyName", "CompanyNip", "Position", "SourceId", "AcquiredOn", "SharingBarred", "Restricted", "Fields"
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
            var rows = new ContactRows(RowsPerTransaction);
            foreach (var batch in contacts.Chunk(RowsPerTransaction))
            {
                rows.Clear();
                foreach (var contact in batch)
                    rows.Add(contact);
                await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
                written += await WriteBatchAsync(connection, transaction, rows, ct).ConfigureAwait(false);
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
    public static Task<int> WriteBatchAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Contact> contacts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        var rows = new ContactRows(contacts.Count);
        foreach (var contact in contacts)
            rows.Add(contact);
        return WriteBatchAsync(connection, transaction, rows, ct);
    }

    /// <summary>Writes one batch of rows in the caller's transaction; rows with ids keep them, as above.</summary>
    internal static Task<int> WriteBatchAsync(DbConnection connection, DbTransaction transaction, ContactRows rows, CancellationToken ct)
    {
        if (rows.Count == 0)
            return Task.FromResult(0);
        var withIds = rows.Id(0) != 0;
        return connection switch
        {
            NpgsqlConnection postgres => CopyBatchAsync(postgres, rows, withIds, ct),
            Microsoft.Data.Sqlite.SqliteConnection sqlite => Task.FromResult(InsertBatch(sqlite, rows, withIds)),
            _ => throw new NotSupportedException($"No bulk writer for {connection.GetType().Name}."),
        };
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

    /// <summary>
    /// PostgreSQL's binary COPY, encoded here: a row is thirteen small values, and Npgsql's importer
    /// binds each through a parameter object, which cost the writer more than PostgreSQL spent storing
    /// the row. The format is PostgreSQL's own ("Binary Format" in the COPY documentation): a header,
    /// then per row the number of fields and each field as its length and bytes in network order.
    /// </summary>
    static async Task<int> CopyBatchAsync(NpgsqlConnection connection, ContactRows rows, bool withIds, CancellationToken ct)
    {
        var copy = await connection.BeginRawBinaryCopyAsync($"""
            COPY contacts ({(withIds ? "\"Id\", " : "")}{Columns}) FROM STDIN (FORMAT BINARY)
            """, ct).ConfigureAwait(false);
        var completed = false;
        try
        {
            var buffer = new CopyBuffer(1 << 20);
            buffer.Bytes(CopySignature);
            buffer.Int32(0);
            buffer.Int32(0);
            for (var row = 0; row < rows.Count; row++)
            {
                buffer.Int16((short)(withIds ? 14 : 13));
                if (withIds)
                    buffer.Field(rows.Id(row));
                for (var text = 0; text < ContactRows.StoredTextCount; text++)
                    buffer.Field(rows, row, (ContactText)text);
                buffer.Field(rows.SourceId(row));
                // A date is the number of days since 2000-01-01.
                buffer.Field(rows.AcquiredOn(row).DayNumber - PostgresEpoch);
                buffer.Field(rows.SharingBarred(row));
                buffer.Field(rows.Restricted(row));
                buffer.Field((int)rows.Fields(row));
                if (buffer.Full)
                    await buffer.SendAsync(copy, ct).ConfigureAwait(false);
            }
            buffer.Int16(-1);
            await buffer.SendAsync(copy, ct).ConfigureAwait(false);
            completed = true;
        }
        finally
        {
            if (!completed)
                await copy.CancelAsync().ConfigureAwait(false);
            await copy.DisposeAsync().ConfigureAwait(false);
        }
        return rows.Count;
    }

    static readonly int PostgresEpoch = new DateOnly(2000, 1, 1).DayNumber;

    /// <summary>"PGCOPY", newline, 0xFF, carriage return, newline, NUL: what a binary COPY starts with.</summary>
    static ReadOnlySpan<byte> CopySignature => [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00];

    /// <summary>The bytes of a binary COPY, gathered and sent a megabyte at a time.</summary>
    sealed class CopyBuffer(int size)
    {
        byte[] _bytes = new byte[size + 4096];
        int _length;

        public bool Full => _length >= size;

        public void Bytes(ReadOnlySpan<byte> bytes)
        {
            Room(bytes.Length);
            bytes.CopyTo(_bytes.AsSpan(_length));
            _length += bytes.Length;
        }

        public void Int16(short value)
        {
            Room(2);
            BinaryPrimitives.WriteInt16BigEndian(_bytes.AsSpan(_length), value);
            _length += 2;
        }

        public void Int32(int value)
        {
            Room(4);
            BinaryPrimitives.WriteInt32BigEndian(_bytes.AsSpan(_length), value);
            _length += 4;
        }

        /// <summary>A text value, already UTF-8, or NULL.</summary>
        public void Field(ContactRows rows, int row, ContactText text)
        {
            if (!rows.Has(row, text))
            {
                Int32(-1);
                return;
            }
            var value = rows.Get(row, text);
            Int32(value.Length);
            Bytes(value);
        }

        public void Field(long value)
        {
            Int32(8);
            Room(8);
            BinaryPrimitives.WriteInt64BigEndian(_bytes.AsSpan(_length), value);
            _length += 8;
        }

        public void Field(int value)
        {
            Int32(4);
            Int32(value);
        }

        public void Field(bool value)
        {
            Int32(1);
            Room(1);
            _bytes[_length++] = value ? (byte)1 : (byte)0;
        }

        public async Task SendAsync(Stream copy, CancellationToken ct)
        {
            await copy.WriteAsync(_bytes.AsMemory(0, _length), ct).ConfigureAwait(false);
            _length = 0;
        }

        void Room(int bytes)
        {
            if (_length + bytes > _bytes.Length)
                Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + bytes));
        }
    }

    /// <summary>
    /// SQLite through its C interface: one prepared statement, each value bound by its address in the
    /// rows' pinned buffer, which SQLite reads in place (SQLITE_STATIC) instead of copying it into
    /// memory of its own. The binds go to the library directly rather than through SQLitePCL's
    /// handles, whose reference counting on every call cost more than the binds themselves.
    /// The caller's transaction is open on the connection, so the rows are part of it.
    /// </summary>
    static int InsertBatch(Microsoft.Data.Sqlite.SqliteConnection connection, ContactRows rows, bool withIds)
    {
        var sql = withIds
            ? $"""INSERT INTO contacts ("Id", {Columns}) VALUES (?14, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"""
            : $"""INSERT INTO contacts ({Columns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)""";
        var db = connection.Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        // As Microsoft.Data.Sqlite stores a DateOnly: ISO text, made once for each date the rows have.
        var dates = new Dictionary<DateOnly, byte[]>();
        using (statement)
        using (SqliteNative.Hold(db.DangerousGetHandle()))
        {
            var handle = statement.DangerousGetHandle();
            for (var row = 0; row < rows.Count; row++)
            {
                for (var text = 0; text < ContactRows.StoredTextCount; text++)
                {
                    if (rows.TryLocate(row, (ContactText)text, out var address, out var length))
                        SqliteNative.BindText(handle, text + 1, address, length);
                    else
                        SqliteNative.BindNull(handle, text + 1);
                }
                SqliteNative.BindInt(handle, 9, rows.SourceId(row));
                var acquired = rows.AcquiredOn(row);
                if (!dates.TryGetValue(acquired, out var date))
                {
                    date = GC.AllocateArray<byte>(10, pinned: true);
                    acquired.TryFormat(date, out _, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                    dates[acquired] = date;
                }
                SqliteNative.BindText(handle, 10, System.Runtime.InteropServices.Marshal.UnsafeAddrOfPinnedArrayElement(date, 0), date.Length);
                SqliteNative.BindInt(handle, 11, rows.SharingBarred(row) ? 1 : 0);
                SqliteNative.BindInt(handle, 12, rows.Restricted(row) ? 1 : 0);
                SqliteNative.BindInt(handle, 13, (int)rows.Fields(row));
                if (withIds)
                    SqliteNative.BindInt64(handle, 14, rows.Id(row));
                var step = SqliteNative.Step(handle);
                if (step != raw.SQLITE_DONE)
                    Check(db, step);
                SqliteNative.Reset(handle);
            }
        }
        GC.KeepAlive(rows);
        return rows.Count;
    }

    static void Check(sqlite3 db, int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE))
            throw new Microsoft.Data.Sqlite.SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), result, raw.sqlite3_extended_errcode(db));
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
