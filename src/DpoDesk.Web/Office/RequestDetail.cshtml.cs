using DpoDesk.Notifications;
using DpoDesk.Persistence;
using DpoDesk.Requests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Office;

/// <summary>One request: what was asked, by whom, and its timeline.</summary>
public sealed class RequestDetailModel(DpoDeskDbContext db) : PageModel
{
    public Request Item { get; private set; } = null!;
    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var request = await db.Requests.AsNoTracking().Include(r => r.Events.OrderBy(e => e.At).ThenBy(e => e.Id)).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
            return NotFound();
        Item = request;
        Messages = await db.OutboxMessages.AsNoTracking().Where(m => m.RequestId == id).OrderBy(m => m.Id).ToListAsync(ct);
        return Page();
    }
}
