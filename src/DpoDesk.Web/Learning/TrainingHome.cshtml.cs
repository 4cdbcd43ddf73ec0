using System.Security.Claims;
using DpoDesk.Persistence;
using DpoDesk.Requests;
using DpoDesk.Training;
using DpoDesk.Web.Office;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Learning;

/// <summary>A member of staff's training: the courses their roles require, where each stands, their certificates.</summary>
[Authorize(Policy = OfficePolicies.Staff)]
public sealed class TrainingHomeModel(DpoDeskDbContext db, TimeProvider time, IAuthorizationService authorization) : PageModel
{
    public sealed record Assigned(Course Course, TrainingStatus Status);

    public IReadOnlyList<Assigned> Courses { get; private set; } = [];
    public IReadOnlyList<Course> Others { get; private set; } = [];
    public IReadOnlyList<TrainingCompletion> Certificates { get; private set; } = [];
    public bool CanManage { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanManage = (await authorization.AuthorizeAsync(User, OfficePolicies.ManageTraining)).Succeeded;
        var me = await CurrentStaff.FindAsync(db, User, ct);
        var today = Deadlines.PolishDate(time.GetUtcNow().UtcDateTime);
        var courses = await db.Courses.AsNoTracking().OrderBy(c => c.Title).ToListAsync(ct);
        var valid = await TrainingDesk.ValidUntilAsync(db, me.UserId, ct);
        Courses = courses.Where(c => TrainingDesk.IsAssignedTo(c, me.Roles))
            .Select(c => new Assigned(c, TrainingDesk.Status(valid.TryGetValue((me.UserId, c.Id), out var until) ? until : null, today))).ToList();
        Others = courses.Where(c => !TrainingDesk.IsAssignedTo(c, me.Roles)).ToList();
        Certificates = await db.TrainingCompletions.AsNoTracking().Where(c => c.UserId == me.UserId && c.Passed)
            .OrderByDescending(c => c.CompletedAt).ToListAsync(ct);
    }
}

/// <summary>The signed-in member of staff as training sees them.</summary>
static class CurrentStaff
{
    public static async Task<StaffMember> FindAsync(DpoDeskDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in.");
        var account = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.Email, u.DisplayName }).FirstAsync(ct);
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        return new StaffMember(id, account.Email!, string.IsNullOrWhiteSpace(account.DisplayName) ? account.Email! : account.DisplayName, roles);
    }
}
