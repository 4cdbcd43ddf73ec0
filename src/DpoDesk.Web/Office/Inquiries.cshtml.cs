using DpoDesk.Audit;
using DpoDesk.Inquiries;
using DpoDesk.Persistence;
using DpoDesk.Web.Workers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Office;

/// <summary>The inquiries: questions from the DPO mailbox, those waiting for an answer first.</summary>
[Authorize(Policy = OfficePolicies.ReadCases)]
public sealed class InquiriesModel(DpoDeskDbContext db, OfficeAudit audit, IAuthorizationService authorization, WorkSignals signals) : PageModel
{
    public IReadOnlyList<Inquiry> Rows { get; private set; } = [];
    public const int PageSize = 50;

    public InquiryState? State { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int Total { get; private set; }
    public bool CanHandle { get; private set; }

    public async Task OnGetAsync(InquiryState? stan, int strona = 1, CancellationToken ct = default)
    {
        State = stan is { } s && Enum.IsDefined(s) ? s : null;
        PageNumber = Math.Clamp(strona, 1, 100_000);
        CanHandle = (await authorization.AuthorizeAsync(User, OfficePolicies.HandleCases)).Succeeded;
        var query = db.Inquiries.AsNoTracking();
        if (State is { } state)
            query = query.Where(i => i.State == state);
        Total = await query.CountAsync(ct);
        Rows = await query.OrderBy(i => i.State == InquiryState.Open ? 0 : 1).ThenByDescending(i => i.LastMessageAt).ThenByDescending(i => i.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        await audit.RecordAsync(AuditActions.InquiryListViewed, null, null, ct);
    }

    /// <summary>The list as CSV with the page's state filter; it holds senders' addresses, so it is audited.</summary>
    public async Task<IActionResult> OnGetCsvAsync(InquiryState? stan, CancellationToken ct = default)
    {
        State = stan is { } s && Enum.IsDefined(s) ? s : null;
        var query = db.Inquiries.AsNoTracking();
        if (State is { } state)
            query = query.Where(i => i.State == state);
        var rows = await query.OrderBy(i => i.State == InquiryState.Open ? 0 : 1).ThenByDescending(i => i.LastMessageAt).ThenByDescending(i => i.Id)
            .Take(Reports.ListExports.MaxRows).Select(i => new { i.Id, i.Subject, i.FromAddress, i.FromName, i.State, i.CreatedAt, i.LastMessageAt, i.RequestId }).ToListAsync(ct);
        var csv = DpoDesk.Reports.CsvTable.Write(["id", "temat", "od", "nadawca", "stan", "wpłynęło", "ostatnia wiadomość", "zgłoszenie (id)"],
            rows.Select(i => (IReadOnlyList<string?>)[Reports.ListExports.Number(i.Id), i.Subject, i.FromAddress, i.FromName, i.State.ToString(), Reports.ListExports.Time(i.CreatedAt), Reports.ListExports.Time(i.LastMessageAt), i.RequestId?.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
        await audit.RecordAsync(AuditActions.ListExported, "list:inquiries", Reports.ListExports.Detail(rows.Count, State?.ToString()), ct);
        return File(csv, DpoDesk.Reports.CsvTable.ContentType, "zapytania.csv");
    }

    public async Task<IActionResult> OnPostCheckNowAsync()
    {
        if (!(await authorization.AuthorizeAsync(User, OfficePolicies.HandleCases)).Succeeded)
            return Forbid();
        signals.Mailbox.Wake();
        return Redirect("/office/inquiries");
    }
}
