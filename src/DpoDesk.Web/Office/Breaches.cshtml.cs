using DpoDesk.Audit;
using DpoDesk.Breaches;
using DpoDesk.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
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

    /// <summary>The register as CSV (Art. 33(5)): the facts, the ENISA score and the decisions; audited.</summary>
    public async Task<IActionResult> OnGetCsvAsync([FromServices] OfficeAudit audit, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await db.Breaches.AsNoTracking().OrderByDescending(b => b.AwareAt).Take(Reports.ListExports.MaxRows).ToListAsync(ct);
        static string? YesNo(bool? value) => value switch { true => "tak", false => "nie", null => null };
        var csv = DpoDesk.Reports.CsvTable.Write(
            ["numer", "tytuł", "stwierdzone", "początek", "koniec", "rodzaj incydentu", "przyczyna", "osoby (ok.)", "wpisy (ok.)", "ENISA", "waga", "zgłoszenie do UODO", "decyzja", "zawiadomienie osób", "72 h mija", "zegar 72 h biegnie"],
            rows.Select(b =>
            {
                var severity = b.Severity();
                return (IReadOnlyList<string?>)[b.Reference, b.Title, Reports.ListExports.Time(b.AwareAt), Reports.ListExports.Time(b.StartedAt), Reports.ListExports.Time(b.EndedAt),
                    b.IncidentType.ToString(), b.Cause.ToString(), Reports.ListExports.Number(b.PersonsApprox), Reports.ListExports.Number(b.RecordsApprox),
                    Reports.ListExports.Number(severity.Score), severity.Band.ToString(), YesNo(b.NotifyAuthority), Reports.ListExports.Time(b.DecidedAt), YesNo(b.NotifyPersons),
                    Reports.ListExports.Time(b.NotificationDeadline), YesNo(b.ClockRunning(now))];
            }));
        await audit.RecordAsync(AuditActions.ListExported, "list:breaches", Reports.ListExports.Detail(rows.Count), ct);
        return File(csv, DpoDesk.Reports.CsvTable.ContentType, "naruszenia.csv");
    }
}
