using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DpoDesk.Training;

/// <summary>
/// A staff course: lessons in Markdown, a short quiz, the roles it is assigned to and how often it must
/// be renewed. The DPO monitors that staff are trained (Art. 39(1)(b) GDPR).
/// </summary>
public sealed class Course
{
    public const int DefaultRefreshMonths = 12;
    public const int DefaultPassMark = 80;

    public long Id { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }

    /// <summary>The lessons in order, each starting with a "# Title" line (see <see cref="CourseContent"/>).</summary>
    public required string LessonsMarkdown { get; set; }

    /// <summary>The quiz: "? question" lines, each followed by "- wrong" and one "* right" option.</summary>
    public required string QuizText { get; set; }

    /// <summary>The share of right answers, in per cent, that passes.</summary>
    public int PassMark { get; set; } = DefaultPassMark;

    public int RefreshMonths { get; set; } = DefaultRefreshMonths;

    /// <summary>The staff roles that must take it, comma-separated.</summary>
    public required string Roles { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    public IReadOnlyList<string> RoleList() => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IReadOnlyList<Lesson> Lessons() => CourseContent.ParseLessons(LessonsMarkdown);

    public IReadOnlyList<QuizQuestion> Questions() => CourseContent.ParseQuiz(QuizText).Questions;
}

/// <summary>One attempt at a course's quiz, passed or not; a passed one has a certificate.</summary>
public sealed class TrainingCompletion
{
    public long Id { get; set; }
    public long CourseId { get; set; }
    public Course? Course { get; set; }
    public required string UserId { get; set; }

    /// <summary>As they were when the course was taken, for the certificate.</summary>
    public required string UserEmail { get; set; }
    public required string UserName { get; set; }
    public required string CourseTitle { get; set; }

    public int Correct { get; set; }
    public int QuestionCount { get; set; }

    /// <summary>Per cent, rounded down.</summary>
    public int Score { get; set; }
    public bool Passed { get; set; }
    public DateTime CompletedAt { get; set; }

    /// <summary>For a passed attempt: the last day it counts (Polish date).</summary>
    public DateOnly? ValidUntil { get; set; }

    /// <summary>SZK/2026/000042, for a passed attempt.</summary>
    public string? CertificateNumber { get; set; }
}

/// <summary>A reminder e-mailed for one due date of one person's course: one row, one e-mail, ever.</summary>
public sealed class TrainingReminder
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public long CourseId { get; set; }
    public DateOnly DueOn { get; set; }
    public DateTime SentAt { get; set; }
}

sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> builder)
    {
        builder.ToTable("training_courses");
        builder.Property(c => c.Title).HasMaxLength(200);
        // Two courses of one name would confuse staff, and it keeps two instances from both seeding the first.
        builder.HasIndex(c => c.Title).IsUnique();
        builder.Property(c => c.Description).HasMaxLength(2000);
        builder.Property(c => c.LessonsMarkdown).HasMaxLength(200_000);
        builder.Property(c => c.QuizText).HasMaxLength(50_000);
        builder.Property(c => c.Roles).HasMaxLength(200);
        builder.Property(c => c.UpdatedBy).HasMaxLength(256);
    }
}

sealed class TrainingCompletionConfiguration : IEntityTypeConfiguration<TrainingCompletion>
{
    public void Configure(EntityTypeBuilder<TrainingCompletion> builder)
    {
        builder.ToTable("training_completions");
        builder.Property(c => c.UserId).HasMaxLength(450);
        builder.Property(c => c.UserEmail).HasMaxLength(256);
        builder.Property(c => c.UserName).HasMaxLength(256);
        builder.Property(c => c.CourseTitle).HasMaxLength(200);
        builder.Property(c => c.CertificateNumber).HasMaxLength(32);
        builder.HasIndex(c => c.CertificateNumber).IsUnique();
        builder.HasIndex(c => new { c.UserId, c.CourseId, c.CompletedAt });
        builder.HasOne(c => c.Course).WithMany().HasForeignKey(c => c.CourseId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class TrainingReminderConfiguration : IEntityTypeConfiguration<TrainingReminder>
{
    public void Configure(EntityTypeBuilder<TrainingReminder> builder)
    {
        builder.ToTable("training_reminders");
        builder.Property(r => r.UserId).HasMaxLength(450);
        // The claim: a second worker's insert of the same reminder fails, and its e-mail with it.
        builder.HasIndex(r => new { r.UserId, r.CourseId, r.DueOn }).IsUnique();
    }
}
