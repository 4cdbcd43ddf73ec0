using DpoDesk.Audit;
using DpoDesk.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Office;

/// <summary>The audit trail: whether its chain is intact (and where it breaks), and its events, newest first.</summary>
[Authorize(Policy = OfficePolicies.ReadAudit)]
public sealed class AuditModel(DpoDeskDbContext db, AuditTrail trail, OfficeAudit audit) : PageModel
{
    public const int PageSize = 100;

    public AuditVerification Verification { get; private set; } = null!;
    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];
    public string? Subject { get; private set; }
    public long? Before { get; private set; }

    public async Task OnGetAsync(long? before, string? subject, CancellationToken ct)
    {
        Verification = await trail.VerifyAsync(db, ct);
        await audit.RecordAsync(AuditActions.AuditVerified, null, Verification.IsIntact ? "intact" : $"broken at {Verification.BrokenAt}", ct);
        Subject = string.IsNullOrWhiteSpace(subject) ? null : subject.Trim();
        var query = db.AuditEvents.AsNoTracking();
        if (Subject is not null)
            query = query.Where(e => e.Subject == Subject);
        if (before is not null)
            query = query.Where(e => e.Sequence < before);
        Events = await query.OrderByDescending(e => e.Sequence).Take(PageSize).ToListAsync(ct);
        Before = Events.Count == PageSize ? Events[^1].Sequence : null;
    }
}
