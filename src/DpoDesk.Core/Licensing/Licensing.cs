namespace DpoDesk.Licensing;

/// <summary>A client that licenses data from the contact base.</summary>
public sealed class Licensee
{
    public int Id { get; set; }
    public required string Company { get; set; }

    /// <summary>Ten digits, checksum valid.</summary>
    public required string Nip { get; set; }
    public required string ContactName { get; set; }

    /// <summary>Where Art. 19 notices and deletion reminders go.</summary>
    public required string ContactEmail { get; set; }

    /// <summary>SHA-256 of the API key, hex; the key itself is shown once and never stored.</summary>
    public required string ApiKeyHash { get; set; }

    /// <summary>The key's first characters, so that staff and licensee can tell keys apart.</summary>
    public required string ApiKeyPrefix { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<Licence> Licences { get; } = [];
}

/// <summary>How a licensee wants the identifiers in erasure and objection notices.</summary>
public enum NoticeIdentifiers
{
    /// <summary>The e-mail and phone as they were sent in the dataset.</summary>
    Plain = 1,

    /// <summary>SHA-256 (hex) of the normalised e-mail and of the E.164 phone: the licensee hashes its copy the same way to find the record.</summary>
    Hashed = 2,
}

/// <summary>What a licensee may receive, for what, and until when it may keep it.</summary>
public sealed class Licence
{
    public int Id { get; set; }

    /// <summary>The licence's number, e.g. L-2026-0001.</summary>
    public required string Number { get; set; }
    public int LicenseeId { get; set; }
    public Licensee? Licensee { get; set; }
    public required string Purpose { get; set; }

    /// <summary>Dataset criteria: the sources the records must come from, comma-separated; empty for every source that allows sharing.</summary>
    public string? Sources { get; set; }

    /// <summary>Dataset criteria: only records that have an e-mail address.</summary>
    public bool EmailRequired { get; set; }
    public DateOnly StartsOn { get; set; }

    /// <summary>The day by which the licensee must have deleted the data.</summary>
    public DateOnly RetentionEndsOn { get; set; }
    public NoticeIdentifiers NoticeIdentifiers { get; set; } = NoticeIdentifiers.Hashed;
    public DateTime? DeletionReminderSentAt { get; set; }
    public DateTime? DeletionAttestedAt { get; set; }

    /// <summary>Who attested the deletion for the licensee, and how (API, letter).</summary>
    public string? DeletionAttestation { get; set; }
    public List<LicenceExport> Exports { get; } = [];

    public IReadOnlyList<string> SourceNames =>
        string.IsNullOrWhiteSpace(Sources) ? [] : Sources.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>One dataset sent under a licence. Which records went is in the disclosure ledger.</summary>
public sealed class LicenceExport
{
    public long Id { get; set; }
    public int LicenceId { get; set; }
    public Licence? Licence { get; set; }
    public DateTime CreatedAt { get; set; }
    public int RecordCount { get; set; }

    /// <summary>Records the guard held back (objected, on an external list).</summary>
    public int WithheldCount { get; set; }

    /// <summary>Who made it: a staff account's e-mail or "cli".</summary>
    public required string CreatedBy { get; set; }
}

/// <summary>
/// A piece of the disclosure ledger: which records of one block of 4,096 ids one export sent, as a
/// sorted list of 12-bit offsets or a 512-byte bitmap, whichever is smaller (see <see cref="DisclosureLedger"/>).
/// </summary>
public sealed class DisclosureBlock
{
    public int Block { get; set; }
    public long ExportId { get; set; }
    public required byte[] Members { get; set; }
}

public enum NoticeKind
{
    /// <summary>The person's data were erased (Art. 17): delete them.</summary>
    Erasure = 1,

    /// <summary>The person objected (Art. 21): stop using the data for marketing.</summary>
    Objection = 2,
}

/// <summary>An Art. 19 notice to a licensee that received a person's records.</summary>
public sealed class LicenseeNotice
{
    public long Id { get; set; }
    public int LicenseeId { get; set; }
    public int LicenceId { get; set; }
    public Licence? Licence { get; set; }
    public NoticeKind Kind { get; set; }

    /// <summary>The request behind it, by number.</summary>
    public required string RequestNumber { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The identifiers to act on, one per line ("email:…", "phone:…", or their "sha256-…" forms).</summary>
    public required string Identifiers { get; set; }
    public int RecordCount { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
}
