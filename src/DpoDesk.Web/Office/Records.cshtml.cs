using DpoDesk.Persistence;
using DpoDesk.Records;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Office;

/// <summary>The record of processing activities (Art. 30), ready to hand to the regulator.</summary>
[Authorize(Policy = OfficePolicies.ReadCases)]
public sealed class RecordsModel(DpoDeskDbContext db, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<ProcessingActivity> Activities { get; private set; } = [];
    public bool CanManage { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanManage = (await authorization.AuthorizeAsync(User, OfficePolicies.ManageRecords)).Succeeded;
        Activities = await db.ProcessingActivities.AsNoTracking().OrderBy(a => a.Id).ToListAsync(ct);
    }
}
