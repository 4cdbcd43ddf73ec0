using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DpoDesk.Dpia;

/// <summary>The nine criteria of the EDPB/WP29 guidelines (WP248 rev.01): two or more mean a DPIA is needed.</summary>
[Flags]
public enum ScreeningCriteria
{
    None = 0,
    EvaluationOrScoring = 1,
    AutomatedDecisionsWithLegalEffect = 2,
    SystematicMonitoring = 4,
    SensitiveData = 8,
    LargeScale = 16,
    MatchingOrCombiningDatasets = 32,
    VulnerableSubjects = 64,
    InnovativeTechnology = 128,
    PreventsExercisingRights = 256,
}

public enum DpiaState
{
    /// <summary>Two or more criteria: the assessment is being written.</summary>
    InProgress = 1,

    /// <summary>Fewer than two criteria, or a recorded decision not to do one.</summary>
    NotRequired = 2,

    SignedOff = 3,
}

/// <summary>The three risks a DPIA rates (CNIL method): illegitimate access, unwanted modification, disappearance.</summary>
public enum DpiaRisk
{
    IllegitimateAccess = 0,
    UnwantedModification = 1,
    Disappearance = 2,
}

/// <summary>A data protection impact assessment (Art. 35), from screening to sign-off, each change kept as a version.</summary>
public sealed class DataProtectionAssessment
{
    public long Id { get; set; }
    public required string Title { get; set; }
    public ScreeningCriteria Criteria { get; set; }
    public DpiaState State { get; set; }
    public string? ScreeningReason { get; set; }

    public string? Description { get; set; }
    public string? Purposes { get; set; }
    public string? NecessityAndProportionality { get; set; }

    /// <summary>Severity and likelihood 1–4, before and after the measures, for each of the three risks (12 numbers).</summary>
    public int[] Ratings { get; set; } = [2, 2, 1, 1, 2, 2, 1, 1, 2, 2, 1, 1];

    /// <summary>One measure per line: what | who | by when.</summary>
    public string? Measures { get; set; }
    public string? DpoOpinion { get; set; }
    public string? SignedOffBy { get; set; }
    public DateTime? SignedOffAt { get; set; }
    public int Version { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    public static int CriteriaCount(ScreeningCriteria criteria) => System.Numerics.BitOperations.PopCount((uint)criteria);

    /// <summary>WP248: a processing meeting two or more criteria is likely to result in a high risk.</summary>
    public static bool Needed(ScreeningCriteria criteria) => CriteriaCount(criteria) >= 2;

    public (int Severity, int Likelihood) Before(DpiaRisk risk) => (Ratings[(int)risk * 4], Ratings[(int)risk * 4 + 1]);

    public (int Severity, int Likelihood) After(DpiaRisk risk) => (Ratings[(int)risk * 4 + 2], Ratings[(int)risk * 4 + 3]);

    /// <summary>Readable JSON: Polish letters as they are.</summary>
    static readonly JsonSerializerOptions SnapshotJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    public string Snapshot() => JsonSerializer.Serialize(new
    {
        Title,
        Criteria = Criteria.ToString(),
        State = State.ToString(),
        ScreeningReason,
        Description,
        Purposes,
        NecessityAndProportionality,
        Ratings,
        Measures,
        DpoOpinion,
        SignedOffBy,
        SignedOffAt,
    }, SnapshotJson);
}

/// <summary>A DPIA as it was after one save: versions are never changed.</summary>
public sealed class AssessmentVersion
{
    public long Id { get; set; }
    public long AssessmentId { get; set; }
    public int Version { get; set; }
    public DateTime SavedAt { get; set; }
    public required string SavedBy { get; set; }
    public required string Snapshot { get; set; }
}

sealed class DataProtectionAssessmentConfiguration : IEntityTypeConfiguration<DataProtectionAssessment>
{
    public void Configure(EntityTypeBuilder<DataProtectionAssessment> builder)
    {
        builder.ToTable("dpias");
        builder.Property(a => a.Title).HasMaxLength(200);
        foreach (var text in new[] { nameof(DataProtectionAssessment.ScreeningReason), nameof(DataProtectionAssessment.Description), nameof(DataProtectionAssessment.Purposes), nameof(DataProtectionAssessment.NecessityAndProportionality), nameof(DataProtectionAssessment.Measures), nameof(DataProtectionAssessment.DpoOpinion) })
            builder.Property(text).HasMaxLength(20_000);
        builder.Property(a => a.Ratings).HasConversion(
            v => string.Join(',', v),
            v => v.Split(',', StringSplitOptions.None).Select(x => int.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<int[]>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)), v => v.ToArray()))
            .HasMaxLength(60);
        builder.Property(a => a.SignedOffBy).HasMaxLength(256);
        builder.Property(a => a.UpdatedBy).HasMaxLength(256);
    }
}

sealed class AssessmentVersionConfiguration : IEntityTypeConfiguration<AssessmentVersion>
{
    public void Configure(EntityTypeBuilder<AssessmentVersion> builder)
    {
        builder.ToTable("dpia_versions");
        builder.Property(v => v.SavedBy).HasMaxLength(256);
        builder.Property(v => v.Snapshot).HasMaxLength(200_000);
        builder.HasIndex(v => new { v.AssessmentId, v.Version }).IsUnique();
        builder.HasOne<DataProtectionAssessment>().WithMany().HasForeignKey(v => v.AssessmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
