using System.Buffers;
using System.Text;
using DpoDesk.Contacts;
using DpoDesk.Matching;
using nietras.SeparatedValues;

namespace DpoDesk.Suppression;

public sealed record GuardSummary(long Read, long Kept, long Suppressed, long Unchecked);

/// <summary>
/// Filters a list that never enters the base (a partner's list, a client's campaign list): every row
/// whose person may not be contacted through the platform's data — erased, objected, on an external
/// list — is left out; the rest is written as it came, byte for byte, header first.
/// <para>
/// The file is worked on as bytes: only the e-mail, phone and name of a row are ever decoded, and
/// kept rows are copied out of the buffer they were read into. Blocks of a few megabytes end at a
/// newline outside quotes (found by counting quotes, so a quoted newline never splits a row); each
/// block is cut the same way into parts that are split into rows and checked on every core, while the
/// next block is read and the one before written.
/// </para>
/// </summary>
public static class GuardFile
{
    internal const int DefaultBlockSize = 4 << 20;

    /// <summary>No real row is longer: one that seems to be has a quote left open.</summary>
    const int MaxRowLength = 1 << 20;

    /// <summary>Copies <paramref name="input"/> to <paramref name="output"/> without the rows the guard blocks.</summary>
    /// <param name="input">The list, CSV or TSV, with a header.</param>
    /// <param name="output">Where the kept rows go, as they came.</param>
    /// <param name="encoding">The input's encoding: UTF-8 or Windows-1250 (any that leaves ASCII as it is).</param>
    /// <param name="guard">The guard with the suppression list loaded.</param>
    /// <param name="map">Header names for fields the file names its own way.</param>
    /// <param name="keepUnchecked">Whether rows without a usable e-mail or phone are kept (they cannot be checked) or left out.</param>
    /// <param name="progress">Rows read so far.</param>
    /// <param name="ct">Stops the filtering.</param>
    public static Task<GuardSummary> FilterAsync(Stream input, Stream output, Encoding encoding, IdentifierGuard guard,
        IReadOnlyDictionary<ContactField, string>? map, bool keepUnchecked, IProgress<long>? progress, CancellationToken ct) =>
        FilterAsync(input, output, encoding, guard, map, keepUnchecked, progress, DefaultBlockSize, ct);

    internal static async Task<GuardSummary> FilterAsync(Stream input, Stream output, Encoding encoding, IdentifierGuard guard,
        IReadOnlyDictionary<ContactField, string>? map, bool keepUnchecked, IProgress<long>? progress, int blockSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(encoding);
        ArgumentNullException.ThrowIfNull(guard);

        // Three blocks turn: while one is checked on the pool, the one checked before is written and
        // the next is read, so the checks never wait for the reading or the writing.
        var blocks = new[] { new Block(blockSize), new Block(blockSize), new Block(blockSize) };
        var first = blocks[0];
        var more = await first.FillAsync(input, ReadOnlyMemory<byte>.Empty, ct).ConfigureAwait(false);
        if (first.Length == 0)
            throw new InvalidDataException("The file is empty: it needs a header.");

        var headerLength = HeaderLength(first);
        var header = first.Bytes.AsSpan(0, headerLength);
        var bom = header.StartsWith("\xEF\xBB\xBF"u8) ? 3 : 0;
        var (columns, separator) = ReadHeader(encoding.GetString(header[bom..]), map);
        await output.WriteAsync(first.Bytes.AsMemory(0, headerLength), ct).ConfigureAwait(false);
        first.Skip(headerLength);
        var rules = new Rules(guard, encoding, columns, separator, keepUnchecked);

        long read = 0, kept = 0, suppressed = 0, unchecked_ = 0;
        var next = 1;
        var block = first;
        (Block Block, Task Check)? previous = null;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var checking = block;
            Task? check = !checking.HasRows ? null : Task.Run(() => checking.Check(rules), ct);
            Block? following = null;
            if (more || block.Tail.Length > 0)
            {
                following = blocks[next];
                next = (next + 1) % blocks.Length;
                more = await following.FillAsync(input, block.Tail, ct).ConfigureAwait(false);
            }
            if (previous is { } done)
            {
                await done.Check.ConfigureAwait(false);
                await done.Block.WriteAsync(output, ct).ConfigureAwait(false);
                (read, kept, suppressed, unchecked_) = (read + done.Block.Read, kept + done.Block.Kept, suppressed + done.Block.Suppressed, unchecked_ + done.Block.Unchecked);
                progress?.Report(read);
            }
            previous = check is null ? null : (block, check);
            if (following is null)
            {
                if (previous is { } last)
                {
                    await last.Check.ConfigureAwait(false);
                    await last.Block.WriteAsync(output, ct).ConfigureAwait(false);
                    (read, kept, suppressed, unchecked_) = (read + last.Block.Read, kept + last.Block.Kept, suppressed + last.Block.Suppressed, unchecked_ + last.Block.Unchecked);
                    progress?.Report(read);
                }
                break;
            }
            block = following;
        }
        await output.FlushAsync(ct).ConfigureAwait(false);
        return new GuardSummary(read, kept, suppressed, unchecked_);
    }

    /// <summary>The first row's length with its newline; a header without rows after it is the whole block.</summary>
    static int HeaderLength(Block block)
    {
        var bytes = block.Bytes.AsSpan(0, block.Length);
        var inQuotes = false;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'"')
                inQuotes = !inQuotes;
            else if (bytes[i] == (byte)'\n' && !inQuotes)
                return i + 1;
        }
        return bytes.Length;
    }

    /// <summary>The header's columns and separator, read by Sep as every other contact file is.</summary>
    static (ContactColumns Columns, byte Separator) ReadHeader(string header, IReadOnlyDictionary<ContactField, string>? map)
    {
        using var reader = Sep.Reader(o => o with { ColNameComparer = StringComparer.OrdinalIgnoreCase, DisableColCountCheck = true }).FromText(header.TrimEnd('\r', '\n'));
        var separator = reader.Spec.Sep.Separator;
        if (separator > 0x7F)
            throw new InvalidDataException($"The separator '{separator}' is not one a byte can hold.");
        return (ContactColumns.Find(reader.Header, map, nameRequired: false), (byte)separator);
    }

    /// <summary>What every part of every block needs to check its rows.</summary>
    sealed record Rules(IdentifierGuard Guard, Encoding Encoding, ContactColumns Columns, byte Separator, bool KeepUnchecked)
    {
        public readonly int LastNeeded = Math.Max(Columns.Email, Math.Max(Columns.Phone, Columns.Name));
        public readonly SearchValues<byte> Special = SearchValues.Create([Separator, (byte)'"', (byte)'\n']);
    }

    /// <summary>A block of whole rows as read, the partial row that follows them, and what the guard said of each row.</summary>
    sealed class Block(int size)
    {
        public byte[] Bytes = new byte[size];

        /// <summary>Bytes in the buffer: whole rows first (<see cref="RowsLength"/>), then the start of the next row.</summary>
        public int Length;
        int _start;
        public int RowsLength;

        public bool HasRows => RowsLength > _start;

        public ReadOnlyMemory<byte> Tail => Bytes.AsMemory(RowsLength, Length - RowsLength);

        Part[] _parts = [];
        public long Read, Kept, Suppressed, Unchecked;

        /// <summary>
        /// Puts the partial row left by the block before at the start, reads until full, and ends the
        /// rows at the last newline outside quotes. False at the end of the input (the last row then
        /// ends the block, newline or not).
        /// </summary>
        public async Task<bool> FillAsync(Stream input, ReadOnlyMemory<byte> carried, CancellationToken ct)
        {
            if (carried.Length * 2 > Bytes.Length)
                Bytes = new byte[Math.Max(Bytes.Length * 2, carried.Length * 2)];
            carried.CopyTo(Bytes);
            (Length, _start, RowsLength) = (carried.Length, 0, 0);
            while (true)
            {
                var n = await input.ReadAtLeastAsync(Bytes.AsMemory(Length), Bytes.Length - Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
                Length += n;
                var end = LastRowEnd(Bytes.AsSpan(0, Length));
                if (Length < Bytes.Length)
                {
                    // The input ended: what is left is the last row.
                    RowsLength = Length;
                    return false;
                }
                if (end > 0)
                {
                    RowsLength = end;
                    return true;
                }
                // No newline outside quotes in the whole block. A row this long is a quote left open:
                // it ends at its first newline, like any row, and is counted unchecked.
                var newline = Bytes.AsSpan(0, Length).IndexOf((byte)'\n');
                if (Length >= MaxRowLength && newline >= 0)
                {
                    RowsLength = newline + 1;
                    return true;
                }
                // One row longer than the block: make room and read on.
                Array.Resize(ref Bytes, Bytes.Length * 2);
            }
        }

        /// <summary>Leaves out the first bytes (the header) from the rows.</summary>
        public void Skip(int count) => _start = count;

        /// <summary>Just after the last newline outside quotes, or 0. The block starts outside quotes, so the quotes before a newline tell.</summary>
        static int LastRowEnd(ReadOnlySpan<byte> bytes)
        {
            var quotes = -1;
            var end = bytes.Length;
            while (true)
            {
                var newline = bytes[..end].LastIndexOf((byte)'\n');
                if (newline < 0)
                    return 0;
                // Counted once; each step back takes off the quotes it passes.
                quotes = quotes < 0 ? bytes[..newline].Count((byte)'"') : quotes - bytes[newline..end].Count((byte)'"');
                if (quotes % 2 == 0)
                    return newline + 1;
                end = newline;
            }
        }

        /// <summary>Cuts the rows into parts at newlines outside quotes and checks the parts on every core.</summary>
        public void Check(Rules rules)
        {
            var rows = Bytes.AsSpan(0, RowsLength);
            var count = Math.Max(1, Math.Min(Environment.ProcessorCount * 2, (RowsLength - _start) / 65536));
            if (_parts.Length != count)
                _parts = [.. Enumerable.Range(0, count).Select(_ => new Part())];
            var start = _start;
            var quotes = 0L;
            for (var i = 0; i < count; i++)
            {
                var end = i == count - 1 ? RowsLength : NextRowEnd(rows, _start + (long)(RowsLength - _start) * (i + 1) / count, start, ref quotes);
                _parts[i].Start = start;
                _parts[i].End = Math.Max(start, end);
                start = _parts[i].End;
            }
            Parallel.ForEach(_parts, part => part.Check(Bytes, rules));
            (Read, Kept, Suppressed, Unchecked) = (0, 0, 0, 0);
            foreach (var part in _parts)
            {
                Read += part.Rows;
                Kept += part.Kept;
                Suppressed += part.Suppressed;
                Unchecked += part.Unchecked;
            }
        }

        /// <summary>The end of the first row that ends at or after <paramref name="target"/>, counting the quotes since <paramref name="from"/>.</summary>
        static int NextRowEnd(ReadOnlySpan<byte> rows, long target, int from, ref long quotes)
        {
            var position = (int)Math.Max(target, from);
            quotes += rows[from..position].Count((byte)'"');
            while (true)
            {
                var newline = rows[position..].IndexOf((byte)'\n');
                if (newline < 0)
                    return rows.Length;
                quotes += rows.Slice(position, newline).Count((byte)'"');
                position += newline + 1;
                if (quotes % 2 == 0)
                    return position;
            }
        }

        /// <summary>Writes each part's kept rows, gathered by the part into one piece: a write per part, not per run.</summary>
        public async Task WriteAsync(Stream output, CancellationToken ct)
        {
            foreach (var part in _parts)
                await output.WriteAsync(part.Output.AsMemory(0, part.OutputLength), ct).ConfigureAwait(false);
        }
    }

    /// <summary>A stretch of a block's rows, split and checked by one worker, with its kept rows gathered for the writer.</summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    sealed class Part
    {
        public int Start, End;
        public byte[] Output = new byte[1 << 16];
        public int OutputLength;
        public long Rows, Kept, Suppressed, Unchecked;

        /// <summary>Rows begun before the first of them is finished: their look-ups wait on memory together, not one by one.</summary>
        const int Batch = 16;

        readonly Row[] _batch = new Row[Batch];
        readonly char[] _emails = new char[Batch * Identifiers.MaxEmailLength];
        readonly char[] _phones = new char[Batch * Identifiers.MaxPhoneLength];

        /// <summary>A row read and begun: where it is, its normalised identifiers, and its keys on their way.</summary>
        struct Row
        {
            public int Start, EmailLength, PhoneLength;
            public Field Name;
            public bool Checkable;
            public IdentifierGuard.Pending Pending;
        }

        public void Check(byte[] buffer, Rules rules)
        {
            (OutputLength, Rows, Kept, Suppressed, Unchecked) = (0, 0, 0, 0, 0);
            var runStart = -1;
            var position = Start;
            Span<char> text = stackalloc char[512];
            while (position < End)
            {
                // Read and begin a batch of rows, then finish them in order.
                var count = 0;
                for (; count < Batch && position < End; count++)
                {
                    ref var row = ref _batch[count];
                    var (fields, rowEnd) = SplitRow(buffer.AsSpan(0, End), position, rules);
                    (row.Start, row.Name, row.Checkable) = (position, fields.Name, false);
                    position = rowEnd;
                    if (fields.Count != rules.Columns.Count)
                        continue;
                    var email = _emails.AsSpan(count * Identifiers.MaxEmailLength, Identifiers.MaxEmailLength);
                    var phone = _phones.AsSpan(count * Identifiers.MaxPhoneLength, Identifiers.MaxPhoneLength);
                    if (!Identifiers.TryNormalizeEmail(Decode(buffer, fields.Email, rules.Encoding, text), email, out row.EmailLength))
                        row.EmailLength = 0;
                    if (!Identifiers.TryNormalizePhone(Decode(buffer, fields.Phone, rules.Encoding, text), phone, out row.PhoneLength))
                        row.PhoneLength = 0;
                    row.Checkable = row.EmailLength > 0 || row.PhoneLength > 0;
                    if (row.Checkable)
                        row.Pending = rules.Guard.Begin(email[..row.EmailLength], phone[..row.PhoneLength], !Unquote(buffer, row.Name).IsEmpty);
                }
                Rows += count;

                for (var i = 0; i < count; i++)
                {
                    ref readonly var row = ref _batch[i];
                    var verdict = Verdict.Unchecked;
                    if (row.Checkable)
                    {
                        var email = _emails.AsSpan(i * Identifiers.MaxEmailLength, row.EmailLength);
                        var phone = _phones.AsSpan(i * Identifiers.MaxPhoneLength, row.PhoneLength);
                        verdict = rules.Guard.Finish(row.Pending, email, phone, Unquote(buffer, row.Name), rules.Encoding) == GuardVerdict.Clear
                            ? Verdict.Clear
                            : Verdict.Blocked;
                    }

                    var keep = verdict == Verdict.Clear || (verdict == Verdict.Unchecked && rules.KeepUnchecked);
                    if (verdict == Verdict.Blocked)
                        Suppressed++;
                    else if (verdict == Verdict.Unchecked)
                        Unchecked++;
                    if (keep)
                    {
                        Kept++;
                        if (runStart < 0)
                            runStart = row.Start;
                    }
                    else if (runStart >= 0)
                    {
                        AddRun(buffer, runStart, row.Start);
                        runStart = -1;
                    }
                }
            }
            if (runStart >= 0)
                AddRun(buffer, runStart, End);
        }

        /// <summary>Copies a run of kept rows to the part's output, so that the writer makes one call per part.</summary>
        void AddRun(byte[] buffer, int start, int end)
        {
            var length = end - start;
            if (OutputLength + length > Output.Length)
                Array.Resize(ref Output, Math.Max(Output.Length * 2, OutputLength + length));
            buffer.AsSpan(start, length).CopyTo(Output.AsSpan(OutputLength));
            OutputLength += length;
        }

        enum Verdict : byte
        {
            Clear,
            Blocked,
            Unchecked,
        }

        readonly record struct Field(int Start, int Length);

        readonly record struct Fields(int Count, Field Email, Field Phone, Field Name);

        /// <summary>
        /// Splits one row, noting where the three identifier columns are: separators and newlines count
        /// only outside quotes, as Sep counts them. Returns just past the row's newline.
        /// </summary>
        static (Fields Fields, int End) SplitRow(ReadOnlySpan<byte> bytes, int position, Rules rules)
        {
            var columns = rules.Columns;
            var column = 0;
            var fieldStart = position;
            Field email = default, phone = default, name = default;
            var inQuotes = false;
            while (true)
            {
                var rest = bytes[position..];
                var next = inQuotes ? rest.IndexOf((byte)'"') : rest.IndexOfAny(rules.Special);
                if (next < 0)
                {
                    position = bytes.Length;
                    Note(fieldStart, position);
                    return (new Fields(column + 1, email, phone, name), position);
                }
                position += next;
                var b = bytes[position++];
                if (b == (byte)'"')
                {
                    inQuotes = !inQuotes;
                    continue;
                }
                Note(fieldStart, position - 1);
                if (b == (byte)'\n')
                    return (new Fields(column + 1, email, phone, name), position);
                column++;
                fieldStart = position;
                if (column > rules.LastNeeded)
                {
                    // Past the identifiers, only the number of columns matters: the rest of the row is
                    // counted at once, unless a quote in it makes its separators need reading one by one.
                    var tail = bytes[position..];
                    var stop = tail.IndexOfAny((byte)'"', (byte)'\n');
                    if (stop < 0 || tail[stop] == (byte)'\n')
                    {
                        var length = stop < 0 ? tail.Length : stop;
                        column += tail[..length].Count(rules.Separator);
                        return (new Fields(column + 1, email, phone, name), stop < 0 ? bytes.Length : position + stop + 1);
                    }
                }
            }

            void Note(int start, int end)
            {
                if (column > rules.LastNeeded)
                    return;
                if (column == columns.Email)
                    email = new Field(start, end - start);
                else if (column == columns.Phone)
                    phone = new Field(start, end - start);
                else if (column == columns.Name)
                    name = new Field(start, end - start);
            }
        }

        /// <summary>A field's bytes, trimmed and unquoted.</summary>
        static ReadOnlySpan<byte> Unquote(byte[] buffer, Field field)
        {
            var bytes = buffer.AsSpan(field.Start, field.Length).Trim(" \t\r"u8);
            return bytes.Length >= 2 && bytes[0] == (byte)'"' && bytes[^1] == (byte)'"' ? bytes[1..^1] : bytes;
        }

        /// <summary>A field's text, trimmed and unquoted; ASCII (nearly every e-mail and phone) is widened without a decoder.</summary>
        static ReadOnlySpan<char> Decode(byte[] buffer, Field field, Encoding encoding, Span<char> destination)
        {
            var bytes = Unquote(buffer, field);
            if (bytes.IsEmpty)
                return default;
            if (bytes.Length > destination.Length)
                bytes = bytes[..destination.Length];
            if (Ascii.ToUtf16(bytes, destination, out var written) == OperationStatus.Done)
                return destination[..written];
            // Non-ASCII: decoded by the file's encoding; cut to what fits (a value that long is no identifier anyway).
            var chars = encoding.GetMaxCharCount(bytes.Length) <= destination.Length ? bytes : bytes[..(destination.Length / 2)];
            return destination[..encoding.GetChars(chars, destination)];
        }
    }
}
