using DpoDesk.Audit;
using DpoDesk.Persistence;
using DpoDesk.Training;
using DpoDesk.Web.Localization;
using DpoDesk.Web.Office;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Learning;

/// <summary>Making or changing a course: its lessons, its quiz, the roles that must take it.</summary>
[Authorize(Policy = OfficePolicies.ManageTraining)]
public sealed class CourseEditModel(DpoDeskDbContext db, OfficeAudit audit, TimeProvider time) : PageModel
{
    [FromRoute] public long? Id { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? LessonsMarkdown { get; set; }
    [BindProperty] public string? QuizText { get; set; }
    [BindProperty] public int PassMark { get; set; } = Course.DefaultPassMark;
    [BindProperty] public int RefreshMonths { get; set; } = Course.DefaultRefreshMonths;
    [BindProperty] public List<string> Roles { get; set; } = [];

    public Dictionary<string, string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is null)
            return Page();
        var course = await db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == Id, ct);
        if (course is null)
            return NotFound();
        Title = course.Title;
        Description = course.Description;
        LessonsMarkdown = course.LessonsMarkdown;
        QuizText = course.QuizText;
        PassMark = course.PassMark;
        RefreshMonths = course.RefreshMonths;
        Roles = course.RoleList().ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Validate();
        if (!Errors.ContainsKey(nameof(Title)) && await db.Courses.AnyAsync(c => c.Title == Title!.Trim() && c.Id != (Id ?? 0), ct))
            Errors[nameof(Title)] = Text.T("Kurs o tym tytule już istnieje.");
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var now = time.GetUtcNow().UtcDateTime;
        Course? course;
        if (Id is null)
        {
            course = new Course { Title = "", LessonsMarkdown = "", QuizText = "", Roles = "", CreatedAt = now, UpdatedBy = "" };
            db.Courses.Add(course);
        }
        else
        {
            course = await db.Courses.FirstOrDefaultAsync(c => c.Id == Id, ct);
            if (course is null)
                return NotFound();
        }
        course.Title = Title!.Trim();
        course.Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();
        course.LessonsMarkdown = LessonsMarkdown!.ReplaceLineEndings("\n").Trim() + "\n";
        course.QuizText = QuizText!.ReplaceLineEndings("\n").Trim() + "\n";
        course.PassMark = PassMark;
        course.RefreshMonths = RefreshMonths;
        course.Roles = string.Join(',', Roles.Distinct(StringComparer.Ordinal));
        course.UpdatedAt = now;
        course.UpdatedBy = User.Identity!.Name!;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.CourseSaved, "course:" + course.Id, course.Title, ct);
        await transaction.CommitAsync(ct);
        return Redirect("/office/training/overview");
    }

    void Validate()
    {
        if (string.IsNullOrWhiteSpace(Title))
            Errors[nameof(Title)] = Text.T("Podaj tytuł kursu.");
        else if (Title.Trim().Length > 200)
            Errors[nameof(Title)] = Text.T("Tytuł może mieć najwyżej 200 znaków.");
        if (Description?.Length > 2000)
            Errors[nameof(Description)] = Text.T("Opis może mieć najwyżej 2000 znaków.");
        if (CourseContent.ParseLessons(LessonsMarkdown).Count == 0)
            Errors[nameof(LessonsMarkdown)] = Text.T("Kurs musi mieć co najmniej jedną lekcję: wiersz „# Tytuł lekcji”, pod nim treść.");
        else if (LessonsMarkdown!.Length > 200_000)
            Errors[nameof(LessonsMarkdown)] = Text.T("Lekcje mogą mieć razem najwyżej 200 000 znaków.");
        var (_, problems) = CourseContent.ParseQuiz(QuizText);
        if (problems.Count > 0)
            Errors[nameof(QuizText)] = string.Join(" ", problems.Take(5).Select(LearningText.QuizErrorText));
        else if (QuizText!.Length > 50_000)
            Errors[nameof(QuizText)] = Text.T("Test może mieć najwyżej 50 000 znaków.");
        if (PassMark is < 1 or > 100)
            Errors[nameof(PassMark)] = Text.T("Próg zaliczenia to liczba od 1 do 100.");
        if (RefreshMonths is < 1 or > 60)
            Errors[nameof(RefreshMonths)] = Text.T("Okres odnowienia to od 1 do 60 miesięcy.");
        if (Roles.Count == 0 || Roles.Any(r => !StaffRoles.All.Contains(r)))
            Errors[nameof(Roles)] = Text.T("Zaznacz co najmniej jedną rolę, która musi przejść kurs.");
    }
}
