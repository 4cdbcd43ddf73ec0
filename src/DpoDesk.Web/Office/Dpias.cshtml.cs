using DpoDesk.Audit;
using DpoDesk.Dpia;
using DpoDesk.Persistence;
using DpoDesk.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Office;

/// <summary>The DPIAs, and the screening that says whether one is needed (WP248's nine criteria).</summary>
[Authorize(Policy = OfficePolicies.ReadCases)]
public sealed class DpiasModel(DpoDeskDbContext db, OfficeAudit audit, TimeProvider time, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<DataProtectionAssessment> Rows { get; private set; } = [];
    public bool CanManage { get; private set; }
    public List<string> Errors { get; } = [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>The assessments as CSV: screening, state, version and sign-off; audited.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var rows = await db.Assessments.AsNoTracking().OrderByDescending(a => a.Id).Take(Reports.ListExports.MaxRows).ToListAsync(ct);
        var csv = DpoDesk.Reports.CsvTable.Write(["id", "czynność przetwarzania", "stan", "kryteria WP248", "wersja", "zmieniona", "zmienił(a)", "zatwierdził(a)", "zatwierdzona"],
            rows.Select(a => (IReadOnlyList<string?>)[Reports.ListExports.Number(a.Id), a.Title, a.State.ToString(), Reports.ListExports.Number(DataProtectionAssessment.CriteriaCount(a.Criteria)),
                Reports.ListExports.Number(a.Version), Reports.ListExports.Time(a.UpdatedAt), a.UpdatedBy, a.SignedOffBy, Reports.ListExports.Time(a.SignedOffAt)]));
        await audit.RecordAsync(AuditActions.ListExported, "list:dpias", Reports.ListExports.Detail(rows.Count), ct);
        return File(csv, DpoDesk.Reports.CsvTable.ContentType, "oceny-skutkow.csv");
    }

    public async Task<IActionResult> OnPostAsync(string? title, List<ScreeningCriteria> criteria, string? reason, bool decline, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, OfficePolicies.ManageBreaches)).Succeeded)
            return Forbid();
        var flags = criteria.Where(c => Enum.IsDefined(c)).Aggregate(ScreeningCriteria.None, (all, c) => all | c);
        var needed = DataProtectionAssessment.Needed(flags);
        if (string.IsNullOrWhiteSpace(title) || title.Length > 200)
            Errors.Add(Text.T("Podaj nazwę czynności przetwarzania."));
        if (needed && decline && string.IsNullOrWhiteSpace(reason))
            Errors.Add(Text.T("Przetwarzanie spełnia co najmniej dwa kryteria: decyzję o nieprzeprowadzaniu oceny trzeba uzasadnić."));
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var assessment = new DataProtectionAssessment
        {
            Title = title!.Trim(),
            Criteria = flags,
            State = needed && !decline ? DpiaState.InProgress : DpiaState.NotRequired,
            ScreeningReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            Version = 1,
            UpdatedAt = now,
            UpdatedBy = User.Identity!.Name!,
        };
        db.Assessments.Add(assessment);
        await db.SaveChangesAsync(ct);
        db.AssessmentVersions.Add(new AssessmentVersion { AssessmentId = assessment.Id, Version = 1, SavedAt = now, SavedBy = assessment.UpdatedBy, Snapshot = assessment.Snapshot() });
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.DpiaScreened, $"dpia:{assessment.Id}", $"{DataProtectionAssessment.CriteriaCount(flags)} criteria: {assessment.State}", ct);
        await transaction.CommitAsync(ct);
        return Redirect($"/office/dpia/{assessment.Id}");
    }

    async Task LoadAsync(CancellationToken ct)
    {
        CanManage = (await authorization.AuthorizeAsync(User, OfficePolicies.ManageBreaches)).Succeeded;
        Rows = await db.Assessments.AsNoTracking().OrderByDescending(a => a.Id).ToListAsync(ct);
    }
}
