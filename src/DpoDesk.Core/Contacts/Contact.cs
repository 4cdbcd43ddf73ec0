namespace DpoDesk.Contacts;

/// <summary>One record of the contact base: a business contact and where it came from.</summary>
public sealed class Contact
{
    public long Id { get; set; }
    public required string FullName { get; set; }

    /// <summary>
    /// The name as matching compares it (<see cref="Matching.Identifiers.NameKey(ReadOnlySpan{char})"/>),
    /// made from <see cref="FullName"/> when asked for and never stored: nothing queries it, and stored
    /// it was a tenth of a record.
    /// </summary>
    public string NameKey => Matching.Identifiers.NameKey(FullName);

    string? _email;

    /// <summary>
    /// The e-mail as the source wrote it. Stored only where it differs from <see cref="EmailNormalized"/>
    /// (in most records it does not, and a copy of it is a sixth of a record), so where none is
    /// stored it reads as the normalised one. A query that projects the column reads what is stored:
    /// load the record, or take <c>COALESCE("Email", "EmailNormalized")</c>.
    /// </summary>
    public string? Email
    {
        get => _email ?? EmailNormalized;
        set => _email = value;
    }

    public string? EmailNormalized { get; set; }

    /// <summary>The e-mail as the database keeps it: null where it is the normalised one.</summary>
    internal string? StoredEmail => _email == EmailNormalized ? null : _email;

    public string? Phone { get; set; }
    public string? PhoneNormalized { get; set; }
    public string? CompanyName { get; set; }
    public string? CompanyNip { get; set; }
    public string? Position { get; set; }

    /// <summary>The source the record first came from; later sources that confirmed or added values are <see cref="ContactSource"/> rows.</summary>
    public int SourceId { get; set; }
    public Source? Source { get; set; }
    public DateOnly AcquiredOn { get; set; }

    /// <summary>Which of the values the first source gave.</summary>
    public ContactFields Fields { get; set; } = ContactFields.All;

    /// <summary>The person objected to sharing (Art. 21): the record stays but never leaves in an export.</summary>
    public bool SharingBarred { get; set; }

    /// <summary>Processing restricted (Art. 18) while a request about the person waits for a decision: the record stays and is not sent out.</summary>
    public bool Restricted { get; set; }

    public List<ContactSource> OtherSources { get; } = [];

    /// <summary>The fields with a value in this record.</summary>
    public ContactFields Present =>
        ContactFields.Name
        | (Email is null ? 0 : ContactFields.Email)
        | (Phone is null ? 0 : ContactFields.Phone)
        | (CompanyName is null ? 0 : ContactFields.Company)
        | (CompanyNip is null ? 0 : ContactFields.Nip)
        | (Position is null ? 0 : ContactFields.Position);
}

/// <summary>The values of a record, as flags: which a source gave.</summary>
[Flags]
public enum ContactFields
{
    None = 0,
    Name = 1,
    Email = 2,
    Phone = 4,
    Company = 8,
    Nip = 16,
    Position = 32,
    All = Name | Email | Phone | Company | Nip | Position,
}

/// <summary>Another source of a record (Art. 14(2)(f)): it gave the same person again, and these of its values.</summary>
public sealed class ContactSource
{
    public long ContactId { get; set; }
    public int SourceId { get; set; }
    public Source? Source { get; set; }
    public DateOnly AcquiredOn { get; set; }
    public ContactFields Fields { get; set; }
}

/// <summary>Where records came from (Art. 14(2)(f)): its name, whether it is publicly accessible, and the legal basis.</summary>
public sealed class Source
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public bool IsPublic { get; set; }
    public required string LegalBasis { get; set; }

    /// <summary>Whether records from this source may be licensed out (the terms it was obtained on allow it).</summary>
    public bool AllowsSharing { get; set; } = true;
}
