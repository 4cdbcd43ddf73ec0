using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DpoDesk.Regulator;

public enum CaseSubject
{
    Complaint = 1,
    Inquiry = 2,
    Inspection = 3,
    BreachFollowUp = 4,
}

public enum CaseChannel
{
    Epuap = 1,
    Post = 2,
    Email = 3,
}

public enum CaseState
{
    New = 1,
    Answering = 2,
    Answered = 3,
    AwaitingDecision = 4,
    Closed = 5,
}

public enum CaseOutcome
{
    None = 0,

    /// <summary>Umorzenie (KPA art. 105): the case became groundless, typically because the request was fulfilled.</summary>
    Discontinued = 1,
    Order = 2,
    ComplaintRejected = 3,
    Reprimand = 4,
    Fine = 5,
}

/// <summary>A case of the President of UODO: its letters, the requests it concerns, its outcome.</summary>
public sealed partial class RegulatorCase
{
    public long Id { get; set; }

    /// <summary>The regulator's reference, e.g. DKN.5101.192.2020.</summary>
    public required string Reference { get; set; }

    public CaseSubject Subject { get; set; }
    public CaseChannel Channel { get; set; }
    public required string Summary { get; set; }
    public required string AssignedTo { get; set; }
    public CaseState State { get; set; }
    public CaseOutcome Outcome { get; set; }
    public decimal? FineAmount { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }

    public List<CaseLetter> Letters { get; set; } = [];
    public List<CaseRequest> Requests { get; set; } = [];

    public static bool IsValidReference(string? reference) => reference is not null && ReferencePattern().IsMatch(reference);

    [GeneratedRegex(@"^[A-ZŚ]{2,6}\.\d{3,4}\.\d{1,5}\.\d{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();
}

public enum LetterDirection
{
    /// <summary>From the regulator.</summary>
    Incoming = 1,

    /// <summary>Our reply.</summary>
    Outgoing = 2,
}

/// <summary>A letter in or out, with its document. An incoming one carries its own number of days to answer.</summary>
public sealed class CaseLetter
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public LetterDirection Direction { get; set; }
    public required string Title { get; set; }

    /// <summary>Delivered (incoming) or sent (outgoing).</summary>
    public DateOnly Date { get; set; }

    /// <summary>Days the regulator gave to answer; the deadline counts them as KPA art. 57 does.</summary>
    public int? ReplyDays { get; set; }
    public DateOnly? DueOn { get; set; }

    /// <summary>The outgoing letter that answered this one.</summary>
    public long? AnsweredById { get; set; }
    public DateTime? ReminderSentAt { get; set; }

    public string? FileName { get; set; }
    public byte[]? Document { get; set; }
    public required string RecordedBy { get; set; }
    public DateTime RecordedAt { get; set; }
}

/// <summary>A request a case concerns.</summary>
public sealed class CaseRequest
{
    public long CaseId { get; set; }
    public long RequestId { get; set; }
}

sealed class RegulatorCaseConfiguration : IEntityTypeConfiguration<RegulatorCase>
{
    public void Configure(EntityTypeBuilder<RegulatorCase> builder)
    {
        builder.ToTable("regulator_cases");
        builder.Property(c => c.Reference).HasMaxLength(40);
        builder.HasIndex(c => c.Reference).IsUnique();
        builder.Property(c => c.Summary).HasMaxLength(10_000);
        builder.Property(c => c.AssignedTo).HasMaxLength(256);
        builder.Property(c => c.FineAmount).HasPrecision(14, 2);
        builder.HasMany(c => c.Letters).WithOne().HasForeignKey(l => l.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Requests).WithOne().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class CaseLetterConfiguration : IEntityTypeConfiguration<CaseLetter>
{
    public void Configure(EntityTypeBuilder<CaseLetter> builder)
    {
        builder.ToTable("regulator_letters");
        builder.Property(l => l.Title).HasMaxLength(300);
        builder.Property(l => l.FileName).HasMaxLength(255);
        builder.Property(l => l.RecordedBy).HasMaxLength(256);
        builder.HasIndex(l => new { l.Direction, l.DueOn });
    }
}

sealed class CaseRequestConfiguration : IEntityTypeConfiguration<CaseRequest>
{
    public void Configure(EntityTypeBuilder<CaseRequest> builder)
    {
        builder.ToTable("regulator_case_requests");
        builder.HasKey(r => new { r.CaseId, r.RequestId });
        builder.HasOne<Requests.Request>().WithMany().HasForeignKey(r => r.RequestId).OnDelete(DeleteBehavior.Restrict);
    }
}
