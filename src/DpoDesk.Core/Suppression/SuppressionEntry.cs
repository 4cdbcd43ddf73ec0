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

/// <summary>
/// One identifier kept out of the data: a keyed hash, never the identifier itself. Kept after erasure
/// so that the person is not collected again (Art. 5(2); NSA I OSK 1459/16), and used for nothing else.
/// </summary>
public sealed class SuppressionEntry
{
    public long Id { get; set; }
    public required byte[] Key { get; set; }
    public SuppressionKind Kind { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The request that put the entry here, by number: evidence without personal data.</summary>
    public string? RequestNumber { get; set; }

    /// <summary>The external list the entry came from, by name.</summary>
    public string? ListName { get; set; }
}
