using System.Data.Common;
using DpoDesk.Matching;
using DpoDesk.Persistence;
using DpoDesk.Suppression;
using Microsoft.EntityFrameworkCore;
using nietras.SeparatedValues;
using Npgsql;

namespace DpoDesk.Contacts;

public sealed record ImportSummary(long Read, long Imported, long Merged, long Suppressed, long RejectedCount, IReadOnlyList<ImportRejection> Rejected);

public sealed record ImportRejection(int Line, string Reason);

public sealed record ImportSource(string Name, DateOnly AcquiredOn, bool IsPublic, string LegalBasis, bool AllowsSharing = true);

/// <summary>How far an import has got: rows read so far.</summary>
public readonly record struct ImportProgress(long Rows);

public sealed record ImportOptions(ImportSource Source)
{
    /// <summary>Header names for fields the file names its own way.</summary>
    public IReadOnlyDictionary<ContactField, string>? Map { get; init; }

    /// <summary>Where rejected rows go, as CSV: line, reason, the row as it was.</summary>
    public TextWriter? Rejects { get; init; }

    public IProgress<ImportProgress>? Progress { get; init; }

    /// <summary>
    /// About how many rows the file holds. When it is more than the base already has, the base's
    /// look-up indexes are dropped for the load and built again after it: building an index once from
    /// sorted data is many times faster than keeping it up to date row by row.
    /// </summary>
    public long ExpectedRows { get; init; }

    /// <summary>Rows gathered before a batch is handed to the writer; smaller only in tests.</summary>
    internal int BatchRows { get; init; } = 50_000;
}

/// <summary>
/// Loads a CSV of contacts from one source into the contact base. Every row is normalised, passes the
/// guard (an erased person never comes back), and is merged with the record of the same person when
/// there is one — same normalised e-mail, or same phone and name — keeping which source gave which
/// value. Bad rows are set aside with their line and reason and never stop the import. Running the
/// same file again, after an interruption or not, adds nothing twice: every row finds its record.
/// </summary>
public sealed class ImportContacts(DpoDeskDbContext db, SuppressionKeys keys)
{
    const int MaxText = 200;
    const int RejectionsKept = 1000;

    public Task<ImportSummary> ExecuteAsync(TextReader csv, ImportSource source, CancellationToken ct) =>
        ExecuteAsync(csv, new ImportOptions(source), ct);

    public async Task<ImportSummary> ExecuteAsync(TextReader csv, ImportOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var source = options.Source;
        var dbSource = await ContactWriter.EnsureSourceAsync(db, source.Name, source.IsPublic, source.LegalBasis, ct).ConfigureAwait(false);
        if (dbSource.AllowsSharing != source.AllowsSharing)
        {
            dbSource.AllowsSharing = source.AllowsSharing;
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        var guard = new IdentifierGuard(keys, await SuppressionList.LoadAsync(db, keys, ct).ConfigureAwait(false));

        using var reader = ContactColumns.ReaderOptions.From(csv);
        var columns = ContactColumns.Find(reader.Header, options.Map);

        await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        var loading = false;
        var folded = false;
        try
        {
            await using var importLock = await ImportLock.TakeAsync(db, ct).ConfigureAwait(false);
            // An import that died in bulk mode left the indexes dropped: this puts them back first.
            await LookupIndexes.CreateAsync(db, ct).ConfigureAwait(false);
            loading = true;
            await LookupIndexes.TuneForLoadAsync(db, ct).ConfigureAwait(false);
            var (index, nextId) = await LoadIndexAsync(options.ExpectedRows, ct).ConfigureAwait(false);
            var bulk = options.ExpectedRows > nextId - 1;
            if (bulk)
                await LookupIndexes.DropAsync(db, ct).ConfigureAwait(false);
            var run = new Run(db, index, nextId, dbSource.Id, source.AcquiredOn, options.Rejects, options.BatchRows);
            if (options.Rejects is not null)
                await options.Rejects.WriteLineAsync("line;reason;row").ConfigureAwait(false);

            await using (var checkpoints = bulk ? BackgroundCheckpoints.Start(db) : null)
            {
                try
                {
                    foreach (var row in reader)
                    {
                        Handle(row, 0, columns, guard, run);
                        if (run.Pending >= options.BatchRows)
                        {
                            await run.FlushAsync(ct).ConfigureAwait(false);
                            options.Progress?.Report(new ImportProgress(run.Read));
                        }
                    }
                    await run.CompleteAsync(ct).ConfigureAwait(false);
                }
                catch
                {
                    await run.AbandonAsync().ConfigureAwait(false);
                    throw;
                }
                await ContactWriter.AfterExplicitIdsAsync(db, ct).ConfigureAwait(false);
                await LookupIndexes.EndLoadAsync(db, ct).ConfigureAwait(false);
                loading = false;
                // The log of one index is folded in while the next is built.
                if (bulk)
                    await LookupIndexes.CreateAsync(db, ct).ConfigureAwait(false);
            }
            await LookupIndexes.FoldAsync(db, ct).ConfigureAwait(false);
            folded = true;
            options.Progress?.Report(new ImportProgress(run.Read));
            if (options.Rejects is not null)
                await options.Rejects.FlushAsync(ct).ConfigureAwait(false);
            return new ImportSummary(run.Read, run.Imported, run.Merged, run.Suppressed, run.RejectedCount, run.Rejected);
        }
        finally
        {
            // An import that failed leaves no load settings behind either: the connection returns to a pool.
            try
            {
                if (loading)
                    await LookupIndexes.EndLoadAsync(db, CancellationToken.None).ConfigureAwait(false);
                if (!folded)
                    await LookupIndexes.FoldAsync(db, CancellationToken.None).ConfigureAwait(false);
            }
            catch (DbException)
            {
                // Best effort: the import's own failure is what to report.
            }
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    static void Handle(SepReader.Row row, int lineOffset, ContactColumns columns, IdentifierGuard guard, Run run)
    {
        run.Read++;
        var line = row.LineNumberFrom + lineOffset;
        var rejection = Parse(row, columns, guard, run);
        if (rejection == BrokenQuoting)
        {
            // An unclosed quote swallows the lines after it: reject its own line, read the rest again.
            var text = row.Span;
            var firstLine = text.IndexOf('\n');
            run.Reject(line, $"broken quoting: a quote opened on this line is never closed", firstLine < 0 ? text.ToString() : text[..firstLine].TrimEnd('\r').ToString());
            if (firstLine >= 0)
                Salvage(text[(firstLine + 1)..].ToString(), line, columns, guard, run);
        }
        else if (rejection is not null)
        {
            run.Reject(line, rejection, row.Span.ToString());
        }
    }

    static void Salvage(string lines, int lineBefore, ContactColumns columns, IdentifierGuard guard, Run run)
    {
        using var reader = (ContactColumns.ReaderOptions with { HasHeader = false }).FromText(lines);
        foreach (var row in reader)
            Handle(row, lineBefore, columns, guard, run);
    }

    const string BrokenQuoting = "broken quoting";

    /// <summary>Reads every record's identifiers into memory, and the next free id.</summary>
    async Task<(ContactIndex Index, long NextId)> LoadIndexAsync(long expectedRows, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await using var count = connection.CreateCommand();
        count.CommandText = """SELECT COUNT(*), COALESCE(MAX("Id"), 0) FROM contacts""";
        long total, max;
        await using (var r = await count.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            await r.ReadAsync(ct).ConfigureAwait(false);
            total = r.GetInt64(0);
            max = r.GetInt64(1);
        }
        // An e-mail and a phone a record: sized for the base and the file, so that it never grows mid-import.
        var index = new ContactIndex(Math.Max((total + Math.Max(expectedRows, 0)) * 2, 1024));
        await using var select = connection.CreateCommand();
        select.CommandText = """SELECT "Id", "EmailNormalized", "PhoneNormalized", "FullName" FROM contacts""";
        await using var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var nameKey = new char[MaxText];
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var id = reader.GetInt64(0);
            if (!reader.IsDBNull(1))
                index.AddEmail(reader.GetString(1), id);
            if (!reader.IsDBNull(2))
            {
                // A phone is matched with the name; the key is made from the name (it is not stored).
                var name = reader.GetString(3);
                if (name.Length > nameKey.Length)
                    nameKey = new char[name.Length];
                index.AddPhone(reader.GetString(2), nameKey.AsSpan(0, Identifiers.NameKey(name, nameKey)), id);
            }
        }
        return (index, max + 1);
    }

    /// <summary>
    /// Reads, checks and normalises a row, and hands it to the run unless the guard stops it; returns
    /// why the row is rejected, or null. Nothing is allocated for a good row: its values go from the
    /// reader's spans through buffers on the stack into the batch's bytes.
    /// </summary>
    static string? Parse(SepReader.Row row, ContactColumns columns, IdentifierGuard guard, Run run)
    {
        if (row.ColCount != columns.Count || (row.LineNumberToExcl - row.LineNumberFrom > 1 && row.Span.Contains('\n')))
        {
            return row.LineNumberToExcl - row.LineNumberFrom > 1
                ? BrokenQuoting
                : $"expected {columns.Count} columns, found {row.ColCount}";
        }
        // U+FFFD is what a decoder makes of bytes it cannot read; C1 controls are what Windows-1250 makes of the five bytes it does not define.
        if (row.Span.Contains('\uFFFD') || row.Span.ContainsAnyInRange('\u0080', '\u009F'))
            return "bytes that are not text in the file's encoding";

        var name = row[columns.Name].Span;
        var rawEmail = Optional(row, columns.Email);
        var rawPhone = Optional(row, columns.Phone);
        var company = Optional(row, columns.Company);
        var nip = Optional(row, columns.Nip);
        var position = Optional(row, columns.Position);
        Span<char> emailBuffer = stackalloc char[Identifiers.MaxEmailLength];
        Span<char> phoneBuffer = stackalloc char[Identifiers.MaxPhoneLength];
        Span<char> nameKeyBuffer = name.Length <= MaxText ? stackalloc char[MaxText] : new char[name.Length];
        var emailLength = 0;
        var phoneLength = 0;
        var emailValid = !rawEmail.IsEmpty && Identifiers.TryNormalizeEmail(rawEmail, emailBuffer, out emailLength);
        var phoneValid = !rawPhone.IsEmpty && Identifiers.TryNormalizePhone(rawPhone, phoneBuffer, out phoneLength);
        var nameKey = nameKeyBuffer[..Identifiers.NameKey(name, nameKeyBuffer)];
        var email = emailValid ? emailBuffer[..emailLength] : default;
        var phone = phoneValid ? phoneBuffer[..phoneLength] : default;

        var rejection = true switch
        {
            _ when nameKey.IsEmpty => "no name",
            _ when !rawEmail.IsEmpty && !emailValid => "invalid e-mail",
            _ when !rawPhone.IsEmpty && !phoneValid => "invalid phone",
            _ when rawEmail.IsEmpty && rawPhone.IsEmpty => "neither e-mail nor phone",
            _ when name.Length > MaxText || company.Length > MaxText || position.Length > MaxText || rawPhone.Length > 32 => "a field is too long",
            _ when !nip.IsEmpty && (nip.Length != 10 || nip.ContainsAnyExceptInRange('0', '9')) => "invalid NIP",
            _ => null,
        };
        if (rejection is not null)
            return rejection;

        var rows = run.Rows;
        var at = rows.Begin();
        rows.Set(at, ContactText.FullName, name);
        rows.Set(at, ContactText.NameKey, nameKey);
        if (emailValid)
        {
            // The e-mail as written only where it differs from the normalised one (see Contact.Email).
            if (!rawEmail.SequenceEqual(email))
                rows.Set(at, ContactText.Email, rawEmail);
            rows.Set(at, ContactText.EmailNormalized, email);
        }
        if (phoneValid)
        {
            rows.Set(at, ContactText.Phone, rawPhone);
            rows.Set(at, ContactText.PhoneNormalized, phone);
        }
        if (!company.IsEmpty)
            rows.Set(at, ContactText.CompanyName, company);
        if (!nip.IsEmpty)
            rows.Set(at, ContactText.CompanyNip, nip);
        if (!position.IsEmpty)
            rows.Set(at, ContactText.Position, position);

        // The row's slots in the index are on their way into the cache while the guard checks it.
        var fingerprints = run.Fingerprints(at);
        if (guard.Check(email, phone, nameKey) == GuardVerdict.Erased)
        {
            run.Suppressed++;
            rows.Discard();
        }
        else
        {
            run.Add(at, fingerprints);
        }
        return null;
    }

    static ReadOnlySpan<char> Optional(SepReader.Row row, int index) => index < 0 ? default : row[index].Span;

    /// <summary>One import's state: the batch being gathered and the counts.</summary>
    /// <remarks>
    /// A batch is written while the next is read: the reading thread hands its rows over and goes on
    /// with the rows of the batch before, which it waits for only when the next is full. The rows are
    /// reused, never let go: at fifty thousand rows they live in the large object heap, and making
    /// new ones for every batch set off a full garbage collection every few batches. The index belongs
    /// to the reader (the writer's findings wait for it, <see cref="Learn"/>); the next id is taken atomically.
    /// </remarks>
    sealed class Run(DpoDeskDbContext db, ContactIndex index, long nextId, int sourceId, DateOnly acquiredOn, TextWriter? rejects, int batchRows)
    {
        ContactRows _rows = new(batchRows);
        List<(long Id, Contact Row)> _merges = [];
        ContactRows _written = new(batchRows);
        List<(long Id, Contact Row)> _writtenMerges = [];
        readonly Dictionary<long, int> _rowById = new(batchRows);
        readonly List<long> _found = [];
        readonly List<(ulong Fingerprint, long Id)> _learned = [];
        readonly List<ImportRejection> _rejected = [];
        Task? _writing;
        long _lastId = nextId - 1;
        long _mergedWhileReading;
        long _mergedWhileWriting;

        public long Read;
        public long Imported;
        public long Suppressed;
        public long RejectedCount;

        public long Merged => _mergedWhileReading + _mergedWhileWriting;

        long NextId() => Interlocked.Increment(ref _lastId);

        public IReadOnlyList<ImportRejection> Rejected => _rejected;

        /// <summary>The batch being gathered: the reader writes each row into it.</summary>
        public ContactRows Rows => _rows;

        public int Pending => _rows.Count + _merges.Count;

        public void Reject(int line, string reason, string raw)
        {
            RejectedCount++;
            if (_rejected.Count < RejectionsKept)
                _rejected.Add(new ImportRejection(line, reason));
            rejects?.WriteLine($"{line};{Quote(reason)};{Quote(raw)}");
        }

        static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

        /// <summary>The row's fingerprints in the index (0 for an identifier it lacks), with their slots asked for.</summary>
        public (ulong Email, ulong Phone) Fingerprints(int row)
        {
            var email = _rows.Has(row, ContactText.EmailNormalized) ? index.OfEmail(_rows.Get(row, ContactText.EmailNormalized)) : 0;
            var phone = _rows.Has(row, ContactText.PhoneNormalized) ? index.OfPhone(_rows.Get(row, ContactText.PhoneNormalized), _rows.Get(row, ContactText.NameKey)) : 0;
            if (email != 0)
                index.Prefetch(email);
            if (phone != 0)
                index.Prefetch(phone);
            return (email, phone);
        }

        /// <summary>The row begun last in <see cref="Rows"/>: merged into a record of the same person, or kept as a new one.</summary>
        public void Add(int row, (ulong Email, ulong Phone) fingerprints)
        {
            // The candidates the fingerprints name; the merge confirms the identifier itself.
            _found.Clear();
            if (fingerprints.Email != 0)
                index.Find(fingerprints.Email, _found);
            if (_found.Count == 0 && fingerprints.Phone != 0)
                index.Find(fingerprints.Phone, _found);
            foreach (var id in _found)
            {
                if (_rowById.TryGetValue(id, out var pending))
                {
                    if (SamePerson(_rows, pending, row))
                    {
                        // The row lends the record its values, so its bytes stay; the row itself is not kept.
                        MergeInto(pending, row, fingerprints.Email);
                        _mergedWhileReading++;
                        return;
                    }
                }
                else
                {
                    // Confirmed against the stored record when the batch is written.
                    _merges.Add((id, _rows.ToContact(row)));
                    _rows.Discard();
                    return;
                }
            }

            var newId = NextId();
            _rows.Id(row) = newId;
            _rows.SourceId(row) = sourceId;
            _rows.AcquiredOn(row) = acquiredOn;
            _rows.Fields(row) = _rows.Present(row);
            _rows.Keep();
            _rowById[newId] = row;
            if (fingerprints.Email != 0)
                index.Add(fingerprints.Email, newId);
            if (fingerprints.Phone != 0)
                index.Add(fingerprints.Phone, newId);
        }

        /// <summary>
        /// The same e-mail; or the same phone and name where the e-mails do not disagree. Two addresses
        /// under one phone and name stay two records: one record holds one address, and merging would lose the other.
        /// </summary>
        static bool SamePerson(Contact record, Contact row) =>
            (row.EmailNormalized is not null && record.EmailNormalized == row.EmailNormalized)
            || (row.PhoneNormalized is not null && record.PhoneNormalized == row.PhoneNormalized && record.NameKey == row.NameKey
                && (record.EmailNormalized is null || row.EmailNormalized is null));

        /// <summary><see cref="SamePerson(Contact, Contact)"/> for two rows of a batch.</summary>
        static bool SamePerson(ContactRows rows, int record, int row) =>
            (rows.Has(row, ContactText.EmailNormalized) && rows.Has(record, ContactText.EmailNormalized)
                && rows.Get(record, ContactText.EmailNormalized).SequenceEqual(rows.Get(row, ContactText.EmailNormalized)))
            || (rows.Has(row, ContactText.PhoneNormalized) && rows.Has(record, ContactText.PhoneNormalized)
                && rows.Get(record, ContactText.PhoneNormalized).SequenceEqual(rows.Get(row, ContactText.PhoneNormalized))
                && rows.Get(record, ContactText.NameKey).SequenceEqual(rows.Get(row, ContactText.NameKey))
                && (!rows.Has(record, ContactText.EmailNormalized) || !rows.Has(row, ContactText.EmailNormalized)));

        /// <summary>
        /// <see cref="MergeInto(Contact, Contact, int)"/> for a record of this import's batch: it came from
        /// the same source as the row, so the row's values count as that source's.
        /// </summary>
        void MergeInto(int record, int row, ulong emailFingerprint)
        {
            var given = ContactFields.Name;
            if (_rows.Has(row, ContactText.EmailNormalized))
            {
                if (!_rows.Has(record, ContactText.EmailNormalized))
                {
                    _rows.Lend(row, record, ContactText.Email);
                    _rows.Lend(row, record, ContactText.EmailNormalized);
                    index.Add(emailFingerprint, _rows.Id(record));
                }
                if (_rows.Get(record, ContactText.EmailNormalized).SequenceEqual(_rows.Get(row, ContactText.EmailNormalized)))
                    given |= ContactFields.Email;
            }
            if (_rows.Has(row, ContactText.PhoneNormalized))
            {
                if (!_rows.Has(record, ContactText.PhoneNormalized))
                {
                    _rows.Lend(row, record, ContactText.Phone);
                    _rows.Lend(row, record, ContactText.PhoneNormalized);
                    index.Add(index.OfPhone(_rows.Get(record, ContactText.PhoneNormalized), _rows.Get(record, ContactText.NameKey)), _rows.Id(record));
                }
                if (_rows.Get(record, ContactText.PhoneNormalized).SequenceEqual(_rows.Get(row, ContactText.PhoneNormalized)))
                    given |= ContactFields.Phone;
            }
            given |= Fill(record, row, ContactText.CompanyName, ContactFields.Company);
            given |= Fill(record, row, ContactText.CompanyNip, ContactFields.Nip);
            given |= Fill(record, row, ContactText.Position, ContactFields.Position);
            _rows.Fields(record) |= given;
        }

        ContactFields Fill(int record, int row, ContactText text, ContactFields field)
        {
            if (!_rows.Has(row, text))
                return ContactFields.None;
            if (!_rows.Has(record, text))
            {
                _rows.Lend(row, record, text);
                return field;
            }
            return SameIgnoringCase(_rows.Get(record, text), _rows.Get(row, text)) ? field : ContactFields.None;
        }

        static bool SameIgnoringCase(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
        {
            if (a.SequenceEqual(b))
                return true;
            // A value is at most a few hundred bytes (checked on reading), and UTF-8 makes at most a char of a byte.
            Span<char> x = stackalloc char[a.Length];
            Span<char> y = stackalloc char[b.Length];
            return x[..System.Text.Encoding.UTF8.GetChars(a, x)].Equals(y[..System.Text.Encoding.UTF8.GetChars(b, y)], StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>
        /// What the writer found for the index — a stored record that gained an identifier, a row that
        /// turned out to be a person of its own —, kept for the reader to add once the write is over:
        /// the index has one thread and no lock, which cost the reader more than any of its look-ups.
        /// </summary>
        void Learn(ulong fingerprint, long id) => _learned.Add((fingerprint, id));

        /// <summary>Fills the record's empty values from the row and notes which values the row's source gave.</summary>
        ContactFields MergeInto(Contact record, Contact row, int rowSource)
        {
            var given = ContactFields.Name;
            if (row.Email is not null)
            {
                if (record.EmailNormalized is null)
                {
                    (record.Email, record.EmailNormalized) = (row.Email, row.EmailNormalized);
                    Learn(index.OfEmail(record.EmailNormalized!), record.Id);
                }
                if (record.EmailNormalized == row.EmailNormalized)
                    given |= ContactFields.Email;
            }
            if (row.Phone is not null)
            {
                if (record.PhoneNormalized is null)
                {
                    (record.Phone, record.PhoneNormalized) = (row.Phone, row.PhoneNormalized);
                    Learn(index.OfPhone(record.PhoneNormalized!, record.NameKey), record.Id);
                }
                if (record.PhoneNormalized == row.PhoneNormalized)
                    given |= ContactFields.Phone;
            }
            given |= Fill(record.CompanyName, row.CompanyName, v => record.CompanyName = v, ContactFields.Company);
            given |= Fill(record.CompanyNip, row.CompanyNip, v => record.CompanyNip = v, ContactFields.Nip);
            given |= Fill(record.Position, row.Position, v => record.Position = v, ContactFields.Position);
            if (rowSource == record.SourceId)
            {
                record.Fields |= given;
            }
            else if (record.OtherSources.Find(s => s.SourceId == rowSource) is { } other)
            {
                other.Fields |= given;
            }
            else
            {
                record.OtherSources.Add(new ContactSource { ContactId = record.Id, SourceId = rowSource, AcquiredOn = acquiredOn, Fields = given });
            }
            return given;
        }

        static ContactFields Fill(string? current, string? offered, Action<string> set, ContactFields field)
        {
            if (offered is null)
                return ContactFields.None;
            if (current is null)
            {
                set(offered);
                return field;
            }
            return string.Equals(current, offered, StringComparison.OrdinalIgnoreCase) ? field : ContactFields.None;
        }

        /// <summary>Hands the gathered batch to the writer, once the batch before it is written.</summary>
        public async Task FlushAsync(CancellationToken ct)
        {
            if (_writing is not null)
                await _writing.ConfigureAwait(false);
            _writing = null;
            foreach (var (fingerprint, id) in _learned)
                index.Add(fingerprint, id);
            _learned.Clear();
            if (Pending == 0)
                return;
            var (batch, merges) = (_rows, _merges);
            _written.Clear();
            _writtenMerges.Clear();
            _rowById.Clear();
            (_rows, _merges, _written, _writtenMerges) = (_written, _writtenMerges, batch, merges);
            _writing = Task.Run(() => WriteAsync(batch, merges, ct), ct);
        }

        /// <summary>Writes what is left and waits for it.</summary>
        public async Task CompleteAsync(CancellationToken ct)
        {
            await FlushAsync(ct).ConfigureAwait(false);
            if (_writing is not null)
                await _writing.ConfigureAwait(false);
            _writing = null;
        }

        /// <summary>After a failure: lets a write in flight end before the connection closes under it.</summary>
        public async Task AbandonAsync()
        {
            if (_writing is null)
                return;
            try
            {
                await _writing.ConfigureAwait(false);
            }
            catch (Exception e) when (e is DbException or OperationCanceledException or InvalidOperationException)
            {
                // The import is failing already; its own exception is the one to report.
            }
        }

        async Task WriteAsync(ContactRows batch, List<(long Id, Contact Row)> merges, CancellationToken ct)
        {
            var connection = db.Database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            Imported += await ContactWriter.WriteBatchAsync(connection, transaction, batch, ct).ConfigureAwait(false);
            // A new record has no other source: the rows merged into it came from this import's.
            var otherSources = new List<ContactSource>();
            foreach (var (id, row) in merges)
            {
                var record = await LoadAsync(connection, transaction, id, ct).ConfigureAwait(false);
                if (record is null || !SamePerson(record, row))
                {
                    // A fingerprint collision, or the record was erased meanwhile: the row is a person of its own.
                    row.Id = NextId();
                    row.SourceId = sourceId;
                    row.AcquiredOn = acquiredOn;
                    row.Fields = row.Present;
                    Imported += await ContactWriter.WriteBatchAsync(connection, transaction, [row], ct).ConfigureAwait(false);
                    if (row.EmailNormalized is not null)
                        Learn(index.OfEmail(row.EmailNormalized), row.Id);
                    if (row.PhoneNormalized is not null)
                        Learn(index.OfPhone(row.PhoneNormalized, row.NameKey), row.Id);
                    continue;
                }
                var before = (record.Email, record.Phone, record.CompanyName, record.CompanyNip, record.Position, record.Fields);
                MergeInto(record, row, sourceId);
                if (before != (record.Email, record.Phone, record.CompanyName, record.CompanyNip, record.Position, record.Fields))
                    await UpdateAsync(connection, transaction, record, ct).ConfigureAwait(false);
                otherSources.AddRange(record.OtherSources);
                _mergedWhileWriting++;
            }
            await UpsertSourcesAsync(connection, transaction, otherSources, ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }

        static async Task<Contact?> LoadAsync(DbConnection connection, DbTransaction transaction, long id, CancellationToken ct)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                SELECT "FullName", "Email", "EmailNormalized", "Phone", "PhoneNormalized", "CompanyName", "CompanyNip", "Position", "SourceId", "Fields"
                FROM contacts WHERE "Id" = $1
                """;
            AddParameter(command, id);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (!await reader.ReadAsync(ct).ConfigureAwait(false))
                return null;
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            var contact = new Contact
            {
                Id = id,
                FullName = reader.GetString(0),
                Email = Text(1),
                EmailNormalized = Text(2),
                Phone = Text(3),
                PhoneNormalized = Text(4),
                CompanyName = Text(5),
                CompanyNip = Text(6),
                Position = Text(7),
                SourceId = reader.GetInt32(8),
                Fields = (ContactFields)reader.GetInt32(9),
            };
            return contact;
        }

        static async Task UpdateAsync(DbConnection connection, DbTransaction transaction, Contact c, CancellationToken ct)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE contacts SET "Email" = $1, "EmailNormalized" = $2, "Phone" = $3, "PhoneNormalized" = $4,
                    "CompanyName" = $5, "CompanyNip" = $6, "Position" = $7, "Fields" = $8
                WHERE "Id" = $9
                """;
            foreach (var value in new object?[] { c.StoredEmail, c.EmailNormalized, c.Phone, c.PhoneNormalized, c.CompanyName, c.CompanyNip, c.Position, (int)c.Fields, c.Id })
                AddParameter(command, value);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        static async Task UpsertSourcesAsync(DbConnection connection, DbTransaction transaction, List<ContactSource> sources, CancellationToken ct)
        {
            if (sources.Count == 0)
                return;
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var bitOr = connection is NpgsqlConnection ? "contact_sources.\"Fields\" | excluded.\"Fields\"" : "\"Fields\" | excluded.\"Fields\"";
            command.CommandText = $"""
                INSERT INTO contact_sources ("ContactId", "SourceId", "AcquiredOn", "Fields") VALUES ($1, $2, $3, $4)
                ON CONFLICT ("ContactId", "SourceId") DO UPDATE SET "Fields" = {bitOr}
                """;
            var parameters = new[] { AddParameter(command, 0L), AddParameter(command, 0), AddParameter(command, default(DateOnly)), AddParameter(command, 0) };
            foreach (var source in sources)
            {
                parameters[0].Value = source.ContactId;
                parameters[1].Value = source.SourceId;
                parameters[2].Value = source.AcquiredOn;
                parameters[3].Value = (int)source.Fields;
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }

        static DbParameter AddParameter(DbCommand command, object? value) => Sql.Parameter(command, value);
    }
}

/// <summary>
/// Folds a load's write-ahead log into the SQLite database from a connection of its own, while the
/// import's connection goes on writing. Left to the import's connection, each fold (every 400 MB of
/// log) stopped the writer — the load's slowest part — for half a second while the other core
/// waited; a passive checkpoint copies what is committed and never waits for the writer.
/// </summary>
sealed class BackgroundCheckpoints : IAsyncDisposable
{
    readonly CancellationTokenSource _stop = new();
    readonly Task _loop;

    BackgroundCheckpoints(string connectionString) => _loop = Task.Run(() => LoopAsync(connectionString, _stop.Token));

    public static BackgroundCheckpoints? Start(DpoDeskDbContext db) =>
        db.Database.IsSqlite() ? new BackgroundCheckpoints(db.Database.GetConnectionString()!) : null;

    static async Task LoopAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or DbException)
        {
            // A fold cut short is finished by the next one, or by the import's own connection.
        }
        _stop.Dispose();
    }
}

/// <summary>The contact base's look-up indexes (e-mail, phone) and, on PostgreSQL, its source foreign key, for an import that drops them while it loads.</summary>
static class LookupIndexes
{
    public static async Task CreateAsync(DpoDeskDbContext db, CancellationToken ct)
    {
        // Building an index over tens of millions of rows outlasts the usual command timeout; only here.
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        try
        {
            await CreateAllAsync(db, ct).ConfigureAwait(false);
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout);
        }
    }

    static async Task CreateAllAsync(DpoDeskDbContext db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            // Checked once for the whole table, not by a trigger per row.
            await db.Database.ExecuteSqlRawAsync("""
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'FK_contacts_sources_SourceId') THEN
                        ALTER TABLE contacts ADD CONSTRAINT "FK_contacts_sources_SourceId" FOREIGN KEY ("SourceId") REFERENCES sources ("Id") ON DELETE RESTRICT;
                    END IF;
                END $$
                """, ct).ConfigureAwait(false);
        }
        await db.Database.ExecuteSqlRawAsync("CREATE INDEX IF NOT EXISTS \"IX_contacts_EmailNormalized\" ON contacts (\"EmailNormalized\")", ct).ConfigureAwait(false);
        await db.Database.ExecuteSqlRawAsync("CREATE INDEX IF NOT EXISTS \"IX_contacts_PhoneNormalized\" ON contacts (\"PhoneNormalized\")", ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Drops the e-mail and phone indexes for a load. (The source key has no index: decision 0013.)
    /// </summary>
    public static async Task DropAsync(DpoDeskDbContext db, CancellationToken ct)
    {
        // PostgreSQL checks a foreign key with a trigger per row, which cost more than the COPY itself.
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE contacts DROP CONSTRAINT IF EXISTS \"FK_contacts_sources_SourceId\"", ct).ConfigureAwait(false);
        await db.Database.ExecuteSqlRawAsync("DROP INDEX IF EXISTS \"IX_contacts_EmailNormalized\"", ct).ConfigureAwait(false);
        await db.Database.ExecuteSqlRawAsync("DROP INDEX IF EXISTS \"IX_contacts_PhoneNormalized\"", ct).ConfigureAwait(false);
    }

    /// <summary>
    /// For the load, on this connection only. SQLite: a larger page cache, no fsync per transaction,
    /// the WAL folded into the database every 400 MB rather than every 4 MB (each fold syncs twice), and
    /// no foreign-key check per row — every row names the import's own source, which it has just found
    /// or made (the check was a cursor opened on the sources and closed again, about a tenth of SQLite's work a row, by the profile).
    /// PostgreSQL: a commit does not wait for its WAL to reach the disk. Either way a crash can lose
    /// the last batches, never corrupt anything, and a re-run of the import merges what is missing.
    /// </summary>
    public static async Task TuneForLoadAsync(DpoDeskDbContext db, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 100000; PRAGMA foreign_keys = OFF;", ct).ConfigureAwait(false);
        else if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync("SET synchronous_commit = off", ct).ConfigureAwait(false);
    }

    /// <summary>
    /// At the end of an import: SQLite folds its log every 4 MB again, starting with what the load and
    /// the index builds left (with a bulk load, most was folded already, beside them).
    /// </summary>
    public static async Task FoldAsync(DpoDeskDbContext db, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_autocheckpoint = 1000; PRAGMA wal_checkpoint(PASSIVE);", ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Once the rows are in, the load's settings undone (but the log's fold, <see cref="FoldAsync"/>). SQLite: the default page cache and temporary files back, and the sorter
    /// on every core. An index is built by sorting; with a large cache SQLite sorts one long list in
    /// memory, which took three times as long as sorting cache-sized runs and merging them (measured
    /// on ten million e-mails: 27.5 s against 10.5 s, and 6.8 s with two sorter threads).
    /// </summary>
    public static async Task EndLoadAsync(DpoDeskDbContext db, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;", ct).ConfigureAwait(false);
            // More sorter threads than cores only take turns (four on two cores: 8.0 s against 6.8 s).
            await db.Database.ExecuteSqlRawAsync(Environment.ProcessorCount >= 4 ? "PRAGMA threads = 4;" : "PRAGMA threads = 2;", ct).ConfigureAwait(false);
        }
        else if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("RESET synchronous_commit", ct).ConfigureAwait(false);
        }
    }
}
