using System.Globalization;
using DpoDesk.Notifications;
using DpoDesk.Persistence;
using DpoDesk.Requests;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Training;

public enum TrainingState
{
    NeverTaken = 1,
    Valid,
    DueSoon,
    Overdue,
}

public sealed record TrainingStatus(TrainingState State, DateOnly? ValidUntil);

public sealed record QuizResult(int Correct, int Total, int Score, bool Passed);

/// <summary>A member of staff as training sees them: who, and which roles they hold.</summary>
public sealed record StaffMember(string UserId, string Email, string Name, IReadOnlyList<string> Roles);

/// <summary>One person's line of the DPO's overview: per course, null where it is not assigned to them.</summary>
public sealed record OverviewRow(StaffMember Person, IReadOnlyList<TrainingStatus?> Courses);

/// <summary>Staff training's rules and use cases: who must take what, scoring, certificates, reminders.</summary>
public static class TrainingDesk
{
    /// <summary>A course whose validity ends within this many days is due soon and reminded of.</summary>
    public const int DueSoonDays = 30;

    public static bool IsAssignedTo(Course course, IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(course);
        return course.RoleList().Intersect(roles, StringComparer.Ordinal).Any();
    }

    public static DateOnly ValidUntil(DateTime completedAt, int refreshMonths) => Deadlines.PolishDate(completedAt).AddMonths(refreshMonths);

    public static TrainingStatus Status(DateOnly? validUntil, DateOnly today) => validUntil switch
    {
        null => new TrainingStatus(TrainingState.NeverTaken, null),
        { } until when until < today => new TrainingStatus(TrainingState.Overdue, until),
        { } until when until.AddDays(-DueSoonDays) <= today => new TrainingStatus(TrainingState.DueSoon, until),
        { } until => new TrainingStatus(TrainingState.Valid, until),
    };

    /// <summary>Scores complete answers (one option index per question); the page checks that none is missing.</summary>
    public static QuizResult Score(Course course, IReadOnlyList<int> answers)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(answers);
        var questions = course.Questions();
        if (answers.Count != questions.Count)
            throw new ArgumentException("One answer per question.", nameof(answers));
        var correct = questions.Where((q, i) => q.Correct == answers[i]).Count();
        var score = questions.Count == 0 ? 0 : correct * 100 / questions.Count;
        return new QuizResult(correct, questions.Count, score, score >= course.PassMark);
    }

    /// <summary>Records an attempt; a passed one gets its certificate number and validity.</summary>
    public static async Task<TrainingCompletion> RecordAsync(DpoDeskDbContext db, Course course, StaffMember person, IReadOnlyList<int> answers, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(person);
        var result = Score(course, answers);
        var completion = new TrainingCompletion
        {
            CourseId = course.Id,
            UserId = person.UserId,
            UserEmail = person.Email,
            UserName = person.Name,
            CourseTitle = course.Title,
            Correct = result.Correct,
            QuestionCount = result.Total,
            Score = result.Score,
            Passed = result.Passed,
            CompletedAt = now,
            ValidUntil = result.Passed ? ValidUntil(now, course.RefreshMonths) : null,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        db.TrainingCompletions.Add(completion);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        if (result.Passed)
        {
            completion.CertificateNumber = string.Create(CultureInfo.InvariantCulture, $"SZK/{Deadlines.PolishDate(now).Year}/{completion.Id:D6}");
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return completion;
    }

    /// <summary>Every member of staff who holds a role and is not disabled, by name.</summary>
    public static async Task<List<StaffMember>> StaffAsync(DpoDeskDbContext db, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var users = await db.Users.AsNoTracking().Where(u => u.Email != null).ToListAsync(ct).ConfigureAwait(false);
        var memberships = await (from membership in db.UserRoles
                                 join role in db.Roles on membership.RoleId equals role.Id
                                 select new { membership.UserId, role.Name }).ToListAsync(ct).ConfigureAwait(false);
        var roles = memberships.ToLookup(m => m.UserId, m => m.Name!);
        return users
            .Where(u => roles[u.Id].Any() && !(u.LockoutEnd is { } end && end.UtcDateTime > now.AddYears(100)))
            .Select(u => new StaffMember(u.Id, u.Email!, string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email! : u.DisplayName, roles[u.Id].Order(StringComparer.Ordinal).ToList()))
            .OrderBy(m => m.Name, StringComparer.Create(CultureInfo.GetCultureInfo("pl-PL"), true))
            .ToList();
    }

    /// <summary>Per person and course, the last day their latest passed attempt counts.</summary>
    public static async Task<Dictionary<(string UserId, long CourseId), DateOnly>> ValidUntilAsync(DpoDeskDbContext db, string? userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var passed = db.TrainingCompletions.AsNoTracking().Where(c => c.Passed && c.ValidUntil != null);
        if (userId is not null)
            passed = passed.Where(c => c.UserId == userId);
        var rows = await passed.GroupBy(c => new { c.UserId, c.CourseId })
            .Select(g => new { g.Key.UserId, g.Key.CourseId, Until = g.Max(c => c.ValidUntil) })
            .ToListAsync(ct).ConfigureAwait(false);
        return rows.ToDictionary(r => (r.UserId, r.CourseId), r => r.Until!.Value);
    }

    public static async Task<(List<Course> Courses, List<OverviewRow> Rows)> OverviewAsync(DpoDeskDbContext db, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var today = Deadlines.PolishDate(now);
        var courses = await db.Courses.AsNoTracking().OrderBy(c => c.Title).ToListAsync(ct).ConfigureAwait(false);
        var staff = await StaffAsync(db, now, ct).ConfigureAwait(false);
        var valid = await ValidUntilAsync(db, null, ct).ConfigureAwait(false);
        var rows = staff.Select(person => new OverviewRow(person, courses
            .Select(course => IsAssignedTo(course, person.Roles)
                ? Status(valid.TryGetValue((person.UserId, course.Id), out var until) ? until : null, today)
                : null)
            .ToList())).ToList();
        return (courses, rows);
    }

    /// <summary>
    /// E-mails each member of staff whose course runs out within <see cref="DueSoonDays"/> days or has run
    /// out, once per due date: the reminder row is the claim, inserted with the e-mail in one transaction,
    /// so that two workers send one. Returns how many were sent.
    /// </summary>
    public static async Task<int> RemindAsync(DpoDeskDbContext db, DateTime now, Uri trainingPage, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var today = Deadlines.PolishDate(now);
        var courses = await db.Courses.AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
        if (courses.Count == 0)
            return 0;
        var valid = await ValidUntilAsync(db, null, ct).ConfigureAwait(false);
        var horizon = today.AddDays(DueSoonDays);
        if (!valid.Values.Any(until => until <= horizon))
            return 0;
        var staff = await StaffAsync(db, now, ct).ConfigureAwait(false);
        var sent = await db.TrainingReminders.AsNoTracking().Select(r => new { r.UserId, r.CourseId, r.DueOn }).ToListAsync(ct).ConfigureAwait(false);
        var already = sent.Select(r => (r.UserId, r.CourseId, r.DueOn)).ToHashSet();
        var count = 0;
        foreach (var person in staff)
        {
            foreach (var course in courses.Where(c => IsAssignedTo(c, person.Roles)))
            {
                if (!valid.TryGetValue((person.UserId, course.Id), out var until) || until > horizon || already.Contains((person.UserId, course.Id, until)))
                    continue;
                db.TrainingReminders.Add(new TrainingReminder { UserId = person.UserId, CourseId = course.Id, DueOn = until, SentAt = now });
                var overdue = until < today;
                Outbox.EnqueueEmail(db, person.Email,
                    overdue ? $"Szkolenie „{course.Title}” wygasło — odnów je / Training overdue" : $"Szkolenie „{course.Title}” wkrótce wygaśnie / Training due soon",
                    string.Create(CultureInfo.InvariantCulture, $"""
                        Dzień dobry,

                        {(overdue ? $"ważność Twojego szkolenia „{course.Title}” minęła {until:yyyy-MM-dd}." : $"ważność Twojego szkolenia „{course.Title}” kończy się {until:yyyy-MM-dd}.")}
                        Przejdź je ponownie w biurze IOD: {trainingPage}

                        {(overdue ? $"Your training \"{course.Title}\" expired on {until:yyyy-MM-dd}." : $"Your training \"{course.Title}\" expires on {until:yyyy-MM-dd}.")}
                        Please take it again in the DPO office: {trainingPage}

                        Inspektor Ochrony Danych / Data Protection Officer
                        """), now);
                try
                {
                    await db.SaveChangesAsync(ct).ConfigureAwait(false);
                    count++;
                }
                catch (DbUpdateException)
                {
                    // Another worker claimed this reminder first; its e-mail is the one.
                    db.ChangeTracker.Clear();
                }
            }
        }
        return count;
    }
}
