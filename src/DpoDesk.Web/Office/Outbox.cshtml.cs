using DpoDesk.Audit;
using DpoDesk.Notifications;
using DpoDesk.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Office;

/// <summary>
/// The outbox: every message with its state. With no mail server or gateway configured, this is where
/// the messages can be read; failed ones are listed first so that nobody misses them.
/// </summary>
[Authorize(Policy = OfficePolicies.ReadCases)]
public sealed class OutboxModel(DpoDeskDbContext db, OfficeAudit audit) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(OutboxMessage Message, string? RequestNumber);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Failed { get; private set; }
    public int Pending { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await audit.RecordAsync(AuditActions.OutboxViewed, null, null, ct);
        Failed = await db.OutboxMessages.CountAsync(m => m.State == OutboxState.Failed, ct);
        Pending = await db.OutboxMessages.CountAsync(m => m.State == OutboxState.Pending, ct);
        var rows = await db.OutboxMessages.AsNoTracking()
            .OrderBy(m => m.State == OutboxState.Failed ? 0 : 1).ThenByDescending(m => m.Id)
            .Take(PageSize)
            .Select(m => new { Message = m, Number = db.Requests.Where(r => r.Id == m.RequestId).Select(r => r.Number).FirstOrDefault() })
            .ToListAsync(ct);
        Rows = rows.Select(r => new Row(r.Message, r.Number)).ToList();
    }
}
