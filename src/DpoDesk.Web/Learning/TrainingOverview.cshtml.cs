using DpoDesk.Audit;
using DpoDesk.Persistence;
using DpoDesk.Training;
using DpoDesk.Web.Office;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DpoDesk.Web.Learning;

/// <summary>The DPO's view of training (Art. 39(1)(b)): each person against each course, and the courses.</summary>
[Authorize(Policy = OfficePolicies.ManageTraining)]
public sealed class TrainingOverviewModel(DpoDeskDbContext db, OfficeAudit audit, TimeProvider time) : PageModel
{
    public IReadOnlyList<Course> Courses { get; private set; } = [];
    public IReadOnlyList<OverviewRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        (Courses, Rows) = await TrainingDesk.OverviewAsync(db, time.GetUtcNow().UtcDateTime, ct);
        await audit.RecordAsync(AuditActions.TrainingOverviewViewed, null, null, ct);
    }

    public int Count(TrainingState state) => Rows.Sum(r => r.Courses.Count(s => s?.State == state));
}
