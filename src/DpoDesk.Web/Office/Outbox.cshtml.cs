using DpoDesk.Audit;
using DpoDesk.Notifications;
using DpoDesk.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
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

    /// <summary>The messages as CSV, failed first as on the page, without their bodies; recipients are persons' data, so it is audited.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var rows = await db.OutboxMessages.AsNoTracking()
            .OrderBy(m => m.State == OutboxState.Failed ? 0 : 1).ThenByDescending(m => m.Id)
            .Take(Reports.ListExports.MaxRows)
            .Select(m => new { m.Id, m.Channel, m.State, m.Recipient, m.Subject, m.CreatedAt, m.SentAt, m.Attempts, m.LastError, Number = db.Requests.Where(r => r.Id == m.RequestId).Select(r => r.Number).FirstOrDefault() })
            .ToListAsync(ct);
        var csv = DpoDesk.Reports.CsvTable.Write(["id", "kanał", "stan", "odbiorca", "temat", "zgłoszenie", "utworzona", "wysłana", "próby", "ostatni błąd"],
            rows.Select(m => (IReadOnlyList<string?>)[Reports.ListExports.Number(m.Id), m.Channel.ToString(), m.State.ToString(), m.Recipient, m.Subject, m.Number,
                Reports.ListExports.Time(m.CreatedAt), Reports.ListExports.Time(m.SentAt), Reports.ListExports.Number(m.Attempts), m.LastError]));
        await audit.RecordAsync(AuditActions.ListExported, "list:outbox", Reports.ListExports.Detail(rows.Count), ct);
        return File(csv, DpoDesk.Reports.CsvTable.ContentType, "wiadomosci-wychodzace.csv");
    }
}
