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
    /// <param name="guard">The guard with the suppression list loaded.</param>
    /// <param name="map">Header names for fields the file names its own way.</param>
    /// <param name="keepUnchecked">Whether rows without a usable e-mail or phone are kept (they cannot be checked) or left out.</param>
    /// <param name="progress">Rows read so far.</param>
    /// <param name="ct">Stops the filtering.</param>
    public static async Task<GuardSummary> FilterAsync(TextReader input, TextWriter output, IdentifierGuard guard,
        IReadOnlyDictionary<ContactField, string>? map, bool keepUnchecked, IProgress<long>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        // No unescaping: rows are copied out untouched; identifiers are unquoted by hand.
        using var reader = Sep.Reader(o => o with { ColNameComparer = StringComparer.OrdinalIgnoreCase, DisableColCountCheck = true }).From(input);
        var columns = ContactColumns.Find(reader.Header, map, nameRequired: false);
        await output.WriteAsync(string.Join(reader.Spec.Sep.Separator, reader.Header.ColNames)).ConfigureAwait(false);
        await output.WriteAsync('\n').ConfigureAwait(false);

        long read = 0, kept = 0, suppressed = 0, unchecked_ = 0;
        var filling = new Chunk();
        var checking = new Chunk();
        Task? check = null;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            filling.Fill(reader, columns);
            if (check is not null)
            {
                await check.ConfigureAwait(false);
                var (k, s, u) = checking.Write(output, keepUnchecked);
                kept += k;
                suppressed += s;
                unchecked_ += u;
                progress?.Report(read);
            }
            if (filling.Count == 0)
                break;
            read += filling.Count;
            (filling, checking) = (checking, filling);
            var current = checking;
            check = Task.Run(() => current.Check(guard), ct);
        }
        await output.FlushAsync(ct).ConfigureAwait(false);
        return new GuardSummary(read, kept, suppressed, unchecked_);
    }

    /// <summary>Rows copied out of the reader's buffer, with where their identifiers sit, and what the guard said.</summary>
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
                if (_textLength + span.Length > _text.Length)
                    Array.Resize(ref _text, Math.Max(_text.Length * 2, _textLength + span.Length));
                var start = _textLength;
                span.CopyTo(_text.AsSpan(start));
                _textLength += span.Length;
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

        public void Check(IdentifierGuard guard) =>
            Parallel.For(0, (Count + 511) / 512, block =>
            {
                Span<char> email = stackalloc char[Identifiers.MaxEmailLength];
                Span<char> phone = stackalloc char[Identifiers.MaxPhoneLength];
                Span<char> name = stackalloc char[256];
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
                    var rawName = Unquote(_name[i]);
                    var nameLength = hasPhone && rawName.Length <= name.Length ? Identifiers.NameKey(rawName, name) : 0;
                    var verdict = guard.Check(hasEmail ? email[..emailLength] : default, hasPhone ? phone[..phoneLength] : default, name[..nameLength]);
                    _verdict[i] = verdict == GuardVerdict.Clear ? Clear : Blocked;
                }
            });

        ReadOnlySpan<char> Unquote(Field field)
        {
            var value = _text.AsSpan(field.Start, field.Length).Trim();
            return value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
        }

        public (long Kept, long Suppressed, long Unchecked) Write(TextWriter output, bool keepUnchecked)
        {
            long kept = 0, suppressed = 0, unchecked_ = 0;
            for (var i = 0; i < Count; i++)
            {
                var verdict = _verdict[i];
                if (verdict == Blocked)
                {
                    suppressed++;
                    continue;
                }
                if (verdict == Unchecked)
                {
                    unchecked_++;
                    if (!keepUnchecked)
                        continue;
                }
                kept++;
                output.Write(_text.AsSpan(_rowStart[i], _rowStart[i + 1] - _rowStart[i]));
                output.Write('\n');
            }
            return (kept, suppressed, unchecked_);
        }
    }
}
