using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DpoDesk.Breaches;

public enum IncidentType
{
    LostOrStolenDevice = 1,
    LostOrStolenPaper = 2,
    MisdirectedMessage = 3,
    HackingOrMalware = 4,
    Phishing = 5,
    UnauthorisedDisclosure = 6,
    UnauthorisedAccessByStaff = 7,
    WrongPublication = 8,
    Other = 99,
}

public enum BreachCause
{
    InternalNonMalicious = 1,
    InternalMalicious = 2,
    ExternalNonMalicious = 3,
    ExternalMalicious = 4,
    Other = 5,
}

/// <summary>The UODO form's kinds of notification (information may come in phases, Art. 33(4)).</summary>
public enum NotificationKind
{
    Complete = 1,
    Initial = 2,
    Supplementary = 3,
}

/// <summary>
/// A personal data breach as the register must keep it (Art. 33(5)), notified or not: the facts, their
/// effects, the measures, the ENISA inputs, and the decisions to notify the regulator and the persons.
/// </summary>
public sealed class Breach
{
    /// <summary>72 hours from awareness to notify the regulator (Art. 33(1)).</summary>
    public static readonly TimeSpan NotificationWindow = TimeSpan.FromHours(72);

    public long Id { get; set; }

    /// <summary>NAR/2026/001: per year, in the order recorded.</summary>
    public required string Reference { get; set; }

    public required string Title { get; set; }
    public DateTime AwareAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public required string Nature { get; set; }
    public IncidentType IncidentType { get; set; }
    public BreachCause Cause { get; set; }
    public int PersonsApprox { get; set; }
    public int RecordsApprox { get; set; }
    public string? DataCategories { get; set; }
    public string? PersonCategories { get; set; }
    public string? Consequences { get; set; }
    public string? MeasuresBefore { get; set; }
    public string? MeasuresAgainstRecurrence { get; set; }
    public string? MeasuresMitigation { get; set; }

    // The ENISA inputs; the score and band are computed from them, never stored apart.
    public DataKinds DataKinds { get; set; }
    public int ContextAdjustment { get; set; }
    public Identifiability Identifiability { get; set; }
    public ConfidentialityLoss Confidentiality { get; set; }
    public IntegrityLoss Integrity { get; set; }
    public AvailabilityLoss Availability { get; set; }
    public bool Malicious { get; set; }

    /// <summary>Null: not decided yet. The reasons are kept either way.</summary>
    public bool? NotifyAuthority { get; set; }
    public string? AuthorityDecisionReason { get; set; }
    public DateTime? AuthorityNotifiedAt { get; set; }
    public NotificationKind? NotificationKind { get; set; }

    /// <summary>Why the regulator is told after the 72 hours, when it is (Art. 33(1)).</summary>
    public string? DelayReason { get; set; }

    public bool? NotifyPersons { get; set; }
    public string? PersonsDecisionReason { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }

    /// <summary>When the DPO was reminded that the 72 hours run out.</summary>
    public DateTime? ReminderSentAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }

    public DateTime NotificationDeadline => AwareAt + NotificationWindow;

    public SeverityResult Severity() =>
        EnisaSeverity.Compute(new SeverityInputs(DataKinds, ContextAdjustment, Identifiability, Confidentiality, Integrity, Availability, Malicious));

    /// <summary>Still within the 72 hours and the decision about the regulator not taken yet.</summary>
    public bool ClockRunning(DateTime now) => NotifyAuthority is null && now < NotificationDeadline;
}

sealed class BreachConfiguration : IEntityTypeConfiguration<Breach>
{
    public void Configure(EntityTypeBuilder<Breach> builder)
    {
        builder.ToTable("breaches");
        builder.Property(b => b.Reference).HasMaxLength(20);
        builder.HasIndex(b => b.Reference).IsUnique();
        builder.Property(b => b.Title).HasMaxLength(200);
        builder.Property(b => b.Nature).HasMaxLength(10_000);
        foreach (var text in new[] { nameof(Breach.DataCategories), nameof(Breach.PersonCategories), nameof(Breach.Consequences), nameof(Breach.MeasuresBefore), nameof(Breach.MeasuresAgainstRecurrence), nameof(Breach.MeasuresMitigation), nameof(Breach.AuthorityDecisionReason), nameof(Breach.PersonsDecisionReason), nameof(Breach.DelayReason) })
            builder.Property(text).HasMaxLength(10_000);
        builder.Property(b => b.DecidedBy).HasMaxLength(256);
        builder.Property(b => b.CreatedBy).HasMaxLength(256);
        builder.Ignore(b => b.NotificationDeadline);
        builder.HasIndex(b => b.AwareAt);
    }
}
