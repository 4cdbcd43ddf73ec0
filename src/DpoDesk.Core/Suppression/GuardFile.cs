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
/// Rows are read in chunks; while one chunk is checked on every core, the next is read and the one
/// before written, so parsing and hashing overlap.
/// </para>
/// </summary>
public static class GuardFile
{
    const int ChunkRows = 8192;

    /// <summary>Copies <paramref name="input"/> to <paramref name="output"/> without the rows the guard blocks.</summary>
    /// <param name="input">The list, CSV or TSV, with a header.</param>
    /// <param name="output">Where the kept rows go.</param>
    /// <param name="encoding">The encoding the kept rows are written in (the input's, as a rule).</param>
    /// <param name="guard">The guard with the suppression list loaded.</param>
    /// <param name="map">Header names for fields the file names its own way.</param>
    /// <param name="keepUnchecked">Whether rows without a usable e-mail or phone are kept (they cannot be checked) or left out.</param>
    /// <param name="progress">Rows read so far.</param>
    /// <param name="ct">Stops the filtering.</param>
    public static async Task<GuardSummary> FilterAsync(TextReader input, Stream output, System.Text.Encoding encoding, IdentifierGuard guard,
        IReadOnlyDictionary<ContactField, string>? map, bool keepUnchecked, IProgress<long>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        // No unescaping: rows are copied out untouched; identifiers are unquoted by hand.
        using var reader = Sep.Reader(o => o with { ColNameComparer = StringComparer.OrdinalIgnoreCase, DisableColCountCheck = true }).From(input);
        var columns = ContactColumns.Find(reader.Header, map, nameRequired: false);
        ArgumentNullException.ThrowIfNull(encoding);
        await output.WriteAsync(encoding.GetBytes(string.Join(reader.Spec.Sep.Separator, reader.Header.ColNames) + "\n"), ct).ConfigureAwait(false);

        long read = 0, kept = 0, suppressed = 0, unchecked_ = 0;
        // Three chunks turn: while one is checked on the pool, the one checked before is written and
        // the next is read, so the checks never wait for the reading or the writing.
        var chunks = new[] { new Chunk(), new Chunk(), new Chunk() };
        var next = 0;
        (Chunk Chunk, Task Check)? previous = null;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var chunk = chunks[next];
            next = (next + 1) % chunks.Length;
            chunk.Fill(reader, columns);
            read += chunk.Count;
            Task? check = chunk.Count == 0 ? null : Task.Run(() => chunk.Check(guard, encoding, keepUnchecked), ct);
            if (previous is { } done)
            {
                await done.Check.ConfigureAwait(false);
                var (k, s, u) = await done.Chunk.WriteAsync(output, ct).ConfigureAwait(false);
                kept += k;
                suppressed += s;
                unchecked_ += u;
                progress?.Report(read);
            }
            if (check is null)
                break;
            previous = (chunk, check);
        }
        await output.FlushAsync(ct).ConfigureAwait(false);
        return new GuardSummary(read, kept, suppressed, unchecked_);
    }

    /// <summary>Rows copied out of the reader's buffer, with where their identifiers sit, and what the guard said.</summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    sealed class Chunk
    {
        char[] _text = new char[ChunkRows * 160];
        int _textLength;
        readonly int[] _rowStart = new int[ChunkRows + 1];
        readonly Field[] _email = new Field[ChunkRows];
        readonly Field[] _phone = new Field[ChunkRows];
        readonly Field[] _name = new Field[ChunkRows];
        readonly byte[] _verdict = new byte[ChunkRows];

        public int Count { get; private set; }

        readonly record struct Field(int Start, int Length);

        const byte Clear = 0, Blocked = 1, Unchecked = 2;

        public void Fill(SepReader reader, ContactColumns columns)
        {
            Count = 0;
            _textLength = 0;
            while (Count < ChunkRows && reader.MoveNext())
            {
                var row = reader.Current;
                var span = row.Span;
                if (_textLength + span.Length + 1 > _text.Length)
                    Array.Resize(ref _text, Math.Max(_text.Length * 2, _textLength + span.Length + 1));
                var start = _textLength;
                span.CopyTo(_text.AsSpan(start));
                // Each row keeps its newline, so that a run of kept rows is written in one piece.
                _text[start + span.Length] = '\n';
                _textLength += span.Length + 1;
                _rowStart[Count] = start;
                var wellFormed = row.ColCount == columns.Count;
                _email[Count] = wellFormed ? Locate(row, columns.Email, span, start) : default;
                _phone[Count] = wellFormed ? Locate(row, columns.Phone, span, start) : default;
                _name[Count] = wellFormed ? Locate(row, columns.Name, span, start) : default;
                Count++;
            }
            _rowStart[Count] = _textLength;
        }

        static Field Locate(SepReader.Row row, int column, ReadOnlySpan<char> rowSpan, int rowStart)
        {
            if (column < 0)
                return default;
            var value = row[column].Span;
            if (value.IsEmpty)
                return default;
            // The column's offset within the row, from the two spans over the same buffer.
            var offset = (int)(System.Runtime.CompilerServices.Unsafe.ByteOffset(
                ref System.Runtime.InteropServices.MemoryMarshal.GetReference(rowSpan),
                ref System.Runtime.InteropServices.MemoryMarshal.GetReference(value)) / sizeof(char));
            return new Field(rowStart + offset, value.Length);
        }

        /// <summary>Asks the guard about every row, on every core, then encodes the kept rows, so that writing is a copy.</summary>
        public void Check(IdentifierGuard guard, System.Text.Encoding encoding, bool keepUnchecked)
        {
            CheckRows(guard);
            Encode(encoding, keepUnchecked);
        }

        void CheckRows(IdentifierGuard guard) =>
            Parallel.For(0, (Count + 511) / 512, block =>
            {
                Span<char> email = stackalloc char[Identifiers.MaxEmailLength];
                Span<char> phone = stackalloc char[Identifiers.MaxPhoneLength];
                var end = Math.Min(Count, (block + 1) * 512);
                for (var i = block * 512; i < end; i++)
                {
                    var hasEmail = Identifiers.TryNormalizeEmail(Unquote(_email[i]), email, out var emailLength);
                    var hasPhone = Identifiers.TryNormalizePhone(Unquote(_phone[i]), phone, out var phoneLength);
                    if (!hasEmail && !hasPhone)
                    {
                        _verdict[i] = Unchecked;
                        continue;
                    }
                    var verdict = guard.Check(hasEmail ? email[..emailLength] : default, hasPhone ? phone[..phoneLength] : default, Unquote(_name[i]), nameIsKey: false);
                    _verdict[i] = verdict == GuardVerdict.Clear ? Clear : Blocked;
                }
            });

        ReadOnlySpan<char> Unquote(Field field)
        {
            var value = _text.AsSpan(field.Start, field.Length).Trim();
            return value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
        }

        byte[] _bytes = new byte[ChunkRows * 160];
        int _byteCount;
        long _kept, _suppressed, _unchecked;

        void Encode(System.Text.Encoding encoding, bool keepUnchecked)
        {
            (_kept, _suppressed, _unchecked, _byteCount) = (0, 0, 0, 0);
            var run = -1;
            for (var i = 0; i <= Count; i++)
            {
                var keep = false;
                if (i < Count)
                {
                    var verdict = _verdict[i];
                    keep = verdict == Clear || (verdict == Unchecked && keepUnchecked);
                    if (verdict == Blocked)
                        _suppressed++;
                    else if (verdict == Unchecked)
                        _unchecked++;
                    if (keep)
                    {
                        _kept++;
                        if (run < 0)
                            run = i;
                        continue;
                    }
                }
                if (run >= 0)
                {
                    // A run of kept rows, newlines included, encoded in one call.
                    var text = _text.AsSpan(_rowStart[run], _rowStart[i] - _rowStart[run]);
                    var needed = _byteCount + encoding.GetMaxByteCount(text.Length);
                    if (needed > _bytes.Length)
                        Array.Resize(ref _bytes, Math.Max(needed, _bytes.Length * 2));
                    _byteCount += encoding.GetBytes(text, _bytes.AsSpan(_byteCount));
                    run = -1;
                }
            }
        }

        public async Task<(long Kept, long Suppressed, long Unchecked)> WriteAsync(Stream output, CancellationToken ct)
        {
            await output.WriteAsync(_bytes.AsMemory(0, _byteCount), ct).ConfigureAwait(false);
            return (_kept, _suppressed, _unchecked);
        }
    }
}
