namespace DpoDesk.Contacts;

/// <summary>One record of the contact base: a business contact and where it came from.</summary>
public sealed class Contact
{
    public long Id { get; set; }
    public required string FullName { get; set; }
    public required string NameKey { get; set; }
    public string? Email { get; set; }
    public string? EmailNormalized { get; set; }
    public string? Phone { get; set; }
    public string? PhoneNormalized { get; set; }
    public string? CompanyName { get; set; }
    public string? CompanyNip { get; set; }
    public string? Position { get; set; }
    public int SourceId { get; set; }
    public Source? Source { get; set; }
    public DateOnly AcquiredOn { get; set; }

    /// <summary>The person objected to sharing (Art. 21): the record stays but never leaves in an export.</summary>
    public bool SharingBarred { get; set; }
}

/// <summary>Where records came from (Art. 14(2)(f)): its name, whether it is publicly accessible, and the legal basis.</summary>
public sealed class Source
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public bool IsPublic { get; set; }
    public required string LegalBasis { get; set; }
}
