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

/// <summary>
/// The course's quiz as a plain form: scored on the server, the attempt recorded; a pass gives a
/// certificate, a fail shows the score and lets the person try again.
/// </summary>
[Authorize(Policy = OfficePolicies.Staff)]
public sealed class TrainingQuizModel(DpoDeskDbContext db, OfficeAudit audit, TimeProvider time) : PageModel
{
    [FromRoute] public long Id { get; set; }

    /// <summary>The chosen option per question, by the question's position: "q1" = 2.</summary>
    public Dictionary<int, int> Answers { get; } = [];

    public Course Course { get; private set; } = null!;
    public IReadOnlyList<QuizQuestion> Questions { get; private set; } = [];
    public List<int> Missing { get; } = [];
    public TrainingCompletion? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return NotFound();
        for (var i = 0; i < Questions.Count; i++)
        {
            var posted = Request.Form[$"q{i + 1}"].ToString();
            if (int.TryParse(posted, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var option) && option >= 1 && option <= Questions[i].Options.Count)
                Answers[i] = option - 1;
            else
                Missing.Add(i + 1);
        }
        if (Missing.Count > 0 || Questions.Count == 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var me = await CurrentStaff.FindAsync(db, User, ct);
        var answers = Enumerable.Range(0, Questions.Count).Select(i => Answers[i]).ToList();
        Result = await TrainingDesk.RecordAsync(db, Course, me, answers, time.GetUtcNow().UtcDateTime, ct);
        await audit.RecordAsync(AuditActions.QuizTaken, "course:" + Course.Id,
            $"{Result.Score}% {(Result.Passed ? "passed " + Result.CertificateNumber : "failed")}", ct);
        if (!Result.Passed)
            Answers.Clear();
        return Page();
    }

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        var course = await db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == Id, ct);
        if (course is null)
            return false;
        Course = course;
        Questions = course.Questions();
        return true;
    }

    public string MissingMessage() => Missing.Count == 1
        ? Text.TF("Odpowiedz na pytanie {0}. Nic nie zostało zapisane.", Missing[0])
        : Text.TF("Odpowiedz na wszystkie pytania; brakuje odpowiedzi na pytania: {0}. Nic nie zostało zapisane.", string.Join(", ", Missing));
}
