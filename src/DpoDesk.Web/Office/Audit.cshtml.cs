using DpoDesk.Audit;
using DpoDesk.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
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

    /// <summary>The trail as CSV, with the page's subject filter, oldest first; exporting it is itself recorded.</summary>
    public async Task<IActionResult> OnGetCsvAsync(long? before, string? subject, CancellationToken ct)
    {
        Subject = string.IsNullOrWhiteSpace(subject) ? null : subject.Trim();
        var query = db.AuditEvents.AsNoTracking();
        if (Subject is not null)
            query = query.Where(e => e.Subject == Subject);
        if (before is not null)
            query = query.Where(e => e.Sequence < before);
        var rows = await query.OrderBy(e => e.Sequence).Take(Reports.ListExports.MaxRows).ToListAsync(ct);
        var csv = DpoDesk.Reports.CsvTable.Write(["nr", "czas", "kto", "czynność", "czego dotyczy", "szczegóły", "adres IP", "skrót"],
            rows.Select(e => (IReadOnlyList<string?>)[Reports.ListExports.Number(e.Sequence), Reports.ListExports.Time(e.At), e.Actor, e.Action, e.Subject, e.Detail, e.Address, Convert.ToHexStringLower(e.Hash)]));
        await audit.RecordAsync(AuditActions.ListExported, "list:audit", Reports.ListExports.Detail(rows.Count, Subject is null ? null : "subject", before is null ? null : "before"), ct);
        return File(csv, DpoDesk.Reports.CsvTable.ContentType, "dziennik-zdarzen.csv");
    }
}
