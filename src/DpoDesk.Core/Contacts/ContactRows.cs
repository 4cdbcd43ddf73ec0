using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace DpoDesk.Contacts;

/// <summary>A text value of a contact row.</summary>
enum ContactText
{
    FullName,

    /// <summary>As the source wrote it, only where it differs from the normalised one (<see cref="Contact.Email"/>).</summary>
    Email,
    EmailNormalized,
    Phone,
    PhoneNormalized,
    CompanyName,
    CompanyNip,
    Position,

    /// <summary>Kept for matching while the row is in memory; the only value not written (<see cref="Contact.NameKey"/>).</summary>
    NameKey,
}

/// <summary>
/// Contacts on their way into the base: every text value as UTF-8 in one buffer, and per row a
/// struct of where its values sit. An import makes no object and no string for a row: at ten million
/// rows the garbage collector, copying rows that live for a batch, paused the import for seconds;
/// and the writers hand the bytes to the database as they are, in its own encoding.
/// <para>
/// A row is begun at the end (<see cref="Begin"/>), its values written, and then kept
/// (<see cref="Keep"/>) or not: a row that is not kept is overwritten by the next one. The buffer is
/// pinned, so that SQLite can be given its values by address without copying them.
/// </para>
/// </summary>
sealed class ContactRows
{
    public const int TextCount = 9;

    /// <summary>The values a writer stores: all but the last, the name key.</summary>
    public const int StoredTextCount = 8;

    [InlineArray(TextCount)]
    struct Texts
    {
        Value _first;
    }

    /// <summary>Where a value sits in the buffer; a length of -1 is no value.</summary>
    record struct Value(int Offset, int Length);

    struct Row
    {
        public long Id;
        public int SourceId;
        public DateOnly AcquiredOn;
        public ContactFields Fields;
        public bool SharingBarred;
        public bool Restricted;
        public Texts Texts;
    }

    byte[] _bytes;
    int _used;
    Row[] _rows;
    int _begunAt;

    public ContactRows(int rows = 1024)
    {
        _rows = new Row[Math.Max(rows, 1)];
        _bytes = GC.AllocateUninitializedArray<byte>(Math.Max(rows, 1) * 192, pinned: true);
    }

    public int Count { get; private set; }

    public void Clear()
    {
        Count = 0;
        _used = 0;
    }

    /// <summary>Begins a row after the kept ones, every value empty; returns its index.</summary>
    public int Begin()
    {
        if (Count == _rows.Length)
            Array.Resize(ref _rows, _rows.Length * 2);
        _begunAt = _used;
        ref var row = ref _rows[Count];
        row = default;
        for (var i = 0; i < TextCount; i++)
            row.Texts[i] = new Value(0, -1);
        return Count;
    }

    /// <summary>The row begun last becomes part of the batch.</summary>
    public void Keep() => Count++;

    /// <summary>
    /// The row begun last is dropped and the buffer it used is free again. A row that is neither kept
    /// nor discarded is overwritten by the next, its bytes left where they are: for a row that lent
    /// values to another (<see cref="Lend"/>).
    /// </summary>
    public void Discard() => _used = _begunAt;

    public void Set(int row, ContactText text, ReadOnlySpan<char> value)
    {
        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        Room(most);
        var length = Encoding.UTF8.GetBytes(value, _bytes.AsSpan(_used));
        _rows[row].Texts[(int)text] = new Value(_used, length);
        _used += length;
    }

    public void Set(int row, ContactText text, string? value)
    {
        if (value is not null)
            Set(row, text, value.AsSpan());
    }

    /// <summary>Gives a row's value to another row, bytes shared (the import fills a record's empty values from a later row of the same person).</summary>
    public void Lend(int from, int to, ContactText text) => _rows[to].Texts[(int)text] = _rows[from].Texts[(int)text];

    public bool Has(int row, ContactText text) => _rows[row].Texts[(int)text].Length >= 0;

    public ReadOnlySpan<byte> Get(int row, ContactText text)
    {
        var value = _rows[row].Texts[(int)text];
        return value.Length < 0 ? default : _bytes.AsSpan(value.Offset, value.Length);
    }

    public string? GetString(int row, ContactText text) => Has(row, text) ? Encoding.UTF8.GetString(Get(row, text)) : null;

    /// <summary>
    /// Where a value's bytes are, for SQLite; false for no value. Valid while no row is added (the
    /// buffer is pinned, but a larger one replaces it as it fills).
    /// </summary>
    public bool TryLocate(int row, ContactText text, out nint address, out int length)
    {
        var value = _rows[row].Texts[(int)text];
        (address, length) = value.Length < 0 ? (0, 0) : (Marshal.UnsafeAddrOfPinnedArrayElement(_bytes, value.Offset), value.Length);
        return value.Length >= 0;
    }

    public ref long Id(int row) => ref _rows[row].Id;

    public ref int SourceId(int row) => ref _rows[row].SourceId;

    public ref DateOnly AcquiredOn(int row) => ref _rows[row].AcquiredOn;

    public ref ContactFields Fields(int row) => ref _rows[row].Fields;

    public ref bool SharingBarred(int row) => ref _rows[row].SharingBarred;

    public ref bool Restricted(int row) => ref _rows[row].Restricted;

    /// <summary>The fields with a value in a row.</summary>
    public ContactFields Present(int row) =>
        ContactFields.Name
        | (Has(row, ContactText.EmailNormalized) ? ContactFields.Email : 0)
        | (Has(row, ContactText.Phone) ? ContactFields.Phone : 0)
        | (Has(row, ContactText.CompanyName) ? ContactFields.Company : 0)
        | (Has(row, ContactText.CompanyNip) ? ContactFields.Nip : 0)
        | (Has(row, ContactText.Position) ? ContactFields.Position : 0);

    /// <summary>Adds a contact as a kept row.</summary>
    public void Add(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var row = Begin();
        Set(row, ContactText.FullName, contact.FullName);
        Set(row, ContactText.Email, contact.StoredEmail);
        Set(row, ContactText.EmailNormalized, contact.EmailNormalized);
        Set(row, ContactText.Phone, contact.Phone);
        Set(row, ContactText.PhoneNormalized, contact.PhoneNormalized);
        Set(row, ContactText.CompanyName, contact.CompanyName);
        Set(row, ContactText.CompanyNip, contact.CompanyNip);
        Set(row, ContactText.Position, contact.Position);
        Id(row) = contact.Id;
        SourceId(row) = contact.SourceId;
        AcquiredOn(row) = contact.AcquiredOn;
        Fields(row) = contact.Fields;
        SharingBarred(row) = contact.SharingBarred;
        Restricted(row) = contact.Restricted;
        Keep();
    }

    /// <summary>A row as a contact, strings made: for the few rows that meet a stored record.</summary>
    public Contact ToContact(int row) => new()
    {
        Id = Id(row),
        FullName = GetString(row, ContactText.FullName)!,
        Email = GetString(row, ContactText.Email),
        EmailNormalized = GetString(row, ContactText.EmailNormalized),
        Phone = GetString(row, ContactText.Phone),
        PhoneNormalized = GetString(row, ContactText.PhoneNormalized),
        CompanyName = GetString(row, ContactText.CompanyName),
        CompanyNip = GetString(row, ContactText.CompanyNip),
        Position = GetString(row, ContactText.Position),
        SourceId = SourceId(row),
        AcquiredOn = AcquiredOn(row),
        Fields = Fields(row),
        SharingBarred = SharingBarred(row),
        Restricted = Restricted(row),
    };

    void Room(int bytes)
    {
        if (_used + bytes <= _bytes.Length)
            return;
        var larger = GC.AllocateUninitializedArray<byte>(Math.Max(_bytes.Length * 2, _used + bytes), pinned: true);
        _bytes.AsSpan(0, _used).CopyTo(larger);
        _bytes = larger;
    }
}
