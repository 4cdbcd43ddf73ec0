using DpoDesk.Knowledge;
using DpoDesk.Persistence;
using DpoDesk.Training;
using DpoDesk.Web.Office;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Learning;

/// <summary>A course's lessons, one page each, then the way to the quiz.</summary>
[Authorize(Policy = OfficePolicies.Staff)]
public sealed class TrainingLessonModel(DpoDeskDbContext db) : PageModel
{
    [FromRoute] public long Id { get; set; }
    [FromQuery(Name = "lesson")] public int Number { get; set; } = 1;

    public Course Course { get; private set; } = null!;
    public IReadOnlyList<Lesson> Lessons { get; private set; } = [];
    public Lesson Lesson { get; private set; } = null!;
    public string Html { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var course = await db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == Id, ct);
        if (course is null)
            return NotFound();
        Course = course;
        Lessons = course.Lessons();
        if (Lessons.Count == 0)
            return Redirect($"/office/training/{Id}/quiz");
        if (Number < 1 || Number > Lessons.Count)
            return NotFound();
        Lesson = Lessons[Number - 1];
        Html = MarkdownText.ToSafeHtml(Lesson.Markdown);
        return Page();
    }
}
