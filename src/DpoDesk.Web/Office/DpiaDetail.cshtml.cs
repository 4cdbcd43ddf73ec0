using System.Globalization;
using System.Text;
using DpoDesk.Audit;
using DpoDesk.Dpia;
using DpoDesk.Persistence;
using DpoDesk.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Office;

/// <summary>One DPIA: the assessment, the three risks before and after measures on a risk map, versions and sign-off.</summary>
[Authorize(Policy = OfficePolicies.ReadCases)]
public sealed class DpiaDetailModel(DpoDeskDbContext db, OfficeAudit audit, TimeProvider time, IAuthorizationService authorization) : PageModel
{
    public DataProtectionAssessment Item { get; private set; } = null!;
    public IReadOnlyList<AssessmentVersion> Versions { get; private set; } = [];
    public string RiskMap { get; private set; } = "";
    public bool CanManage { get; private set; }
    public bool CanSignOff { get; private set; }
    public string? Notice { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(long id, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
            return NotFound();
        Notice = done switch { "saved" => Text.T("Zapisano nową wersję."), "signed" => Text.T("Ocena zatwierdzona."), _ => null };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, string? description, string? purposes, string? necessity, List<int> ratings, string? measures, string? opinion, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, OfficePolicies.ManageBreaches)).Succeeded)
            return Forbid();
        if (!await LoadAsync(id, ct))
            return NotFound();
        if (Item.State != DpiaState.InProgress)
            Errors.Add(Text.T("Zatwierdzonej oceny nie zmienia się: załóż nową."));
        if (ratings.Count != 12 || ratings.Any(r => r is < 1 or > 4))
            Errors.Add(Text.T("Oceń każde ryzyko w skali 1–4."));
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await SaveVersionAsync(id, a =>
        {
            a.Description = Clean(description);
            a.Purposes = Clean(purposes);
            a.NecessityAndProportionality = Clean(necessity);
            a.Ratings = [.. ratings];
            a.Measures = Clean(measures);
            a.DpoOpinion = Clean(opinion);
        }, AuditActions.DpiaSaved, ct);
        return Redirect($"/office/dpia/{id}?done=saved");
    }

    public async Task<IActionResult> OnPostSignOffAsync(long id, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, OfficePolicies.ManageRecords)).Succeeded)
            return Forbid();
        if (!await LoadAsync(id, ct))
            return NotFound();
        if (Item.State != DpiaState.InProgress || Item.Description is null || Item.NecessityAndProportionality is null || Item.Measures is null || Item.DpoOpinion is null)
        {
            Errors.Add(Text.T("Do zatwierdzenia potrzebne są: opis, niezbędność i proporcjonalność, środki i opinia IOD."));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var now = time.GetUtcNow().UtcDateTime;
        await SaveVersionAsync(id, a =>
        {
            a.State = DpiaState.SignedOff;
            a.SignedOffBy = User.Identity!.Name;
            a.SignedOffAt = now;
        }, AuditActions.DpiaSignedOff, ct);
        return Redirect($"/office/dpia/{id}?done=signed");
    }

    async Task SaveVersionAsync(long id, Action<DataProtectionAssessment> change, string auditAction, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var assessment = await db.Assessments.SingleAsync(a => a.Id == id, ct);
        change(assessment);
        assessment.Version++;
        assessment.UpdatedAt = now;
        assessment.UpdatedBy = User.Identity!.Name!;
        db.AssessmentVersions.Add(new AssessmentVersion { AssessmentId = id, Version = assessment.Version, SavedAt = now, SavedBy = assessment.UpdatedBy, Snapshot = assessment.Snapshot() });
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(auditAction, $"dpia:{id}", $"version {assessment.Version}", ct);
        await transaction.CommitAsync(ct);
    }

    static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().ReplaceLineEndings("\n");

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var assessment = await db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
            return false;
        Item = assessment;
        Versions = await db.AssessmentVersions.AsNoTracking().Where(v => v.AssessmentId == id).OrderBy(v => v.Version).ToListAsync(ct);
        RiskMap = RiskMapSvg(assessment);
        CanManage = (await authorization.AuthorizeAsync(User, OfficePolicies.ManageBreaches)).Succeeded;
        CanSignOff = (await authorization.AuthorizeAsync(User, OfficePolicies.ManageRecords)).Succeeded;
        return true;
    }

    /// <summary>A 4 × 4 map (likelihood across, severity up) with each risk before (ring) and after (dot) its measures.</summary>
    public static string RiskMapSvg(DataProtectionAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        const int cell = 60, margin = 40;
        var svg = new StringBuilder();
        var label = string.Join("; ", Enum.GetValues<DpiaRisk>().Select(r =>
            string.Create(CultureInfo.InvariantCulture, $"{(int)r + 1}. {Text.RiskName(r)}: {assessment.Before(r).Severity}/{assessment.Before(r).Likelihood} → {assessment.After(r).Severity}/{assessment.After(r).Likelihood}")));
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {margin + 4 * cell + 10} {margin + 4 * cell + 10}\" width=\"{margin + 4 * cell + 10}\" role=\"img\" aria-label=\"{System.Net.WebUtility.HtmlEncode(Text.T("Mapa ryzyka") + ": " + label)}\">");
        for (var severity = 1; severity <= 4; severity++)
        {
            for (var likelihood = 1; likelihood <= 4; likelihood++)
            {
                var level = severity + likelihood;
                var fill = level >= 7 ? "#f4b6b6" : level >= 5 ? "#ffe0a3" : "#cfe8cf";
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{margin + (likelihood - 1) * cell}\" y=\"{(4 - severity) * cell}\" width=\"{cell}\" height=\"{cell}\" fill=\"{fill}\" stroke=\"#fff\"/>");
            }
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{margin - 14}\" y=\"{(4 - severity) * cell + cell / 2 + 5}\" font-size=\"14\">{severity}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{margin + (severity - 1) * cell + cell / 2 - 4}\" y=\"{4 * cell + 20}\" font-size=\"14\">{severity}</text>");
        }
        foreach (var risk in Enum.GetValues<DpiaRisk>())
        {
            var offset = ((int)risk - 1) * 16;
            var (bs, bl) = assessment.Before(risk);
            var (as_, al) = assessment.After(risk);
            double X(int l) => margin + (l - 1) * cell + cell / 2.0 + offset;
            double Y(int s) => (4 - s) * cell + cell / 2.0;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(bl)}\" y1=\"{Y(bs)}\" x2=\"{X(al)}\" y2=\"{Y(as_)}\" stroke=\"#333\" stroke-dasharray=\"3 3\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(bl)}\" cy=\"{Y(bs)}\" r=\"9\" fill=\"#fff\" stroke=\"#0b4f8a\" stroke-width=\"2\"/><text x=\"{X(bl) - 4}\" y=\"{Y(bs) + 4}\" font-size=\"11\">{(int)risk + 1}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(al)}\" cy=\"{Y(as_)}\" r=\"9\" fill=\"#0b4f8a\"/><text x=\"{X(al) - 4}\" y=\"{Y(as_) + 4}\" font-size=\"11\" fill=\"#fff\">{(int)risk + 1}</text>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }
}
