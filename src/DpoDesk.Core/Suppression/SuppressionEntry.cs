namespace DpoDesk.Suppression;

public enum SuppressionKind
{
    /// <summary>The person's data were erased: blocks import and export.</summary>
    Erased = 1,

    /// <summary>The person objected to sharing: blocks export.</summary>
    SharingObjection = 2,

    /// <summary>On an external opt-out list (Robinson-style): blocks export and every list the guard filters.</summary>
    ExternalList = 3,
}

/// <summary>Which identifier a suppression key was made from, so that the guard makes only the kinds of key the list holds.</summary>
public enum SuppressedIdentifier
{
    /// <summary>Not recorded: the guard tries every kind.</summary>
    Unknown = 0,
    Email = 1,
    PhoneAndName = 2,

    /// <summary>A phone alone, from an external list.</summary>
    Phone = 3,

    /// <summary>A SHA-256 of an e-mail or phone, from an external list.</summary>
    Sha256 = 4,

    /// <summary>
    /// The phone of a phone-with-name entry, alone: never a reason to keep anyone out, only a quick
    /// "could this row's phone be on the list at all?" before its name is folded and keyed.
    /// </summary>
    PhoneHint = 5,
}

/// <summary>
/// One identifier kept out of the data: a keyed hash, never the identifier itself. Kept after erasure
/// so that the person is not collected again (Art. 5(2); NSA I OSK 1459/16), and used for nothing else.
/// </summary>
public sealed class SuppressionEntry
{
    public long Id { get; set; }
    public required byte[] Key { get; set; }
    public SuppressionKind Kind { get; set; }
    public SuppressedIdentifier Identifier { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The request that put the entry here, by number: evidence without personal data.</summary>
    public string? RequestNumber { get; set; }

    /// <summary>The external list the entry came from, by name.</summary>
    public string? ListName { get; set; }
}
