using DpoDesk.Breaches;
using DpoDesk.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Office;

/// <summary>The breach register: every breach, its ENISA severity and where its 72 hours stand.</summary>
[Authorize(Policy = OfficePolicies.ReadCases)]
public sealed class BreachesModel(DpoDeskDbContext db, TimeProvider time, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<Breach> Rows { get; private set; } = [];
    public DateTime Now { get; private set; }
    public bool CanManage { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = time.GetUtcNow().UtcDateTime;
        CanManage = (await authorization.AuthorizeAsync(User, OfficePolicies.ManageBreaches)).Succeeded;
        Rows = await db.Breaches.AsNoTracking().OrderByDescending(b => b.AwareAt).Take(500).ToListAsync(ct);
    }
}
